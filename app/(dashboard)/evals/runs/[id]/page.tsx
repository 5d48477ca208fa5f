import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { z } from "zod";
import { EvalRunView } from "@/components/evals/eval-run-view";

export const metadata: Metadata = { title: "Test run" };

// A run's figures and cases; the filter and the run compared with live in the query string, read on the client.
export default async function EvalRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  return (
    <Suspense fallback={<p className="text-sm text-gray-600">Loading the run…</p>}>
      <EvalRunView runId={id} />
    </Suspense>
  );
}
