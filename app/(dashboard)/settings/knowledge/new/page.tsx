import type { Metadata } from "next";
import { NewArticle } from "@/components/knowledge/article-editor";

export const metadata: Metadata = { title: "New article" };

export default function NewArticlePage() {
  return <NewArticle />;
}
