// Adds or changes a set's cases (admins): an imported JSONL file (optionally the whole set), a list of cases written
// in the page, or Inbox sessions made into cases with the expected outcome prefilled from what people did after.
import { ApiError } from "@/lib/api/errors";
import { evalCasesInputSchema, uuidFrom } from "@/lib/api/evals";
import { route } from "@/lib/api/route";
import { actorOf, recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { getEvalSet, saveEvalCases } from "@/lib/db/queries/evals";
import { getSessionDetail } from "@/lib/db/queries/sessions";
import { parseEvalSet, type EvalCase } from "@/lib/evals/case";
import { caseFromSession } from "@/lib/evals/from-session";

export const dynamic = "force-dynamic";

export const POST = route({ role: "admin", body: evalCasesInputSchema }, async ({ user, body: input, params }) => {
  const setId = uuidFrom(params.id, "test set");
  const db = await getDb();
  if (!(await getEvalSet(db, setId))) throw new ApiError(404, "not_found", "No such test set.");
  let cases: EvalCase[];
  const sourceSessionIds: Record<string, string> = {};
  if (input.jsonl !== undefined) cases = parseEvalSet(input.jsonl);
  else if (input.cases) cases = input.cases;
  else {
    cases = [];
    for (const sessionId of input.sessionIds ?? []) {
      const detail = await getSessionDetail(db, sessionId);
      if (!detail) throw new ApiError(404, "not_found", `No session ${sessionId}.`);
      const made = caseFromSession(detail);
      sourceSessionIds[made.id] = sessionId;
      cases.push(made);
    }
  }
  const keys = new Set<string>();
  for (const entry of cases) {
    if (keys.has(entry.id)) throw new ApiError(422, "invalid_input", `The case id ${entry.id} appears twice.`);
    keys.add(entry.id);
  }
  const replace = input.jsonl !== undefined && input.replace === true;
  const tally = await saveEvalCases(db, setId, cases, { userId: user.id, replace, sourceSessionIds });
  // The cases' own versions are kept in eval_case_versions; the log says who saved how many.
  await recordAudit(db, { actor: actorOf(user), action: "evals.cases.save", target: setId, after: { ...tally, replace, caseIds: cases.map((entry) => entry.id).slice(0, 50) } });
  return tally;
});
