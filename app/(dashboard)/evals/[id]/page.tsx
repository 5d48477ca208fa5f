import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EvalSetView } from "@/components/evals/eval-set-view";
import { getSessionUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Test set" };

export default async function EvalSetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const user = await getSessionUser();
  return <EvalSetView setId={id} canEdit={user?.role === "admin"} />;
}
