import type { Metadata } from "next";
import { EditArticle } from "@/components/knowledge/article-editor";

export const metadata: Metadata = { title: "Article" };

// One knowledge article: its title and Markdown, the passages it is searched by, and delete.
export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditArticle id={id} />;
}
