import type { Metadata } from "next";
import { EvalsList } from "@/components/evals/evals-list";
import { getSessionUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Evaluations" };

// Evaluations: test sets of customer messages with what must happen, run against the settings in force or a
// candidate, so a lead knows how often the AI is right before (and after) it talks to customers.
export default async function EvalsPage() {
  const user = await getSessionUser();
  return (
    <>
      <div className="mb-6">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Evaluations</h1>
        <p className="mt-1 text-sm text-gray-600">Test sets of calls and messages with the outcome each must get, run through the AI with nothing sent to Front.</p>
      </div>
      <EvalsList canEdit={user?.role === "admin"} />
    </>
  );
}
