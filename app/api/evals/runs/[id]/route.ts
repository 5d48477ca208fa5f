// One run of a test set with each case's result (viewers read); with ?compare=<run id> also the two runs side by
// side: which cases regressed, were fixed or changed.
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { runCaseJson, runJson, uuidFrom } from "@/lib/api/evals";
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { getEvalRun } from "@/lib/db/queries/evals";
import type { EvalRunCase } from "@/lib/db/schema";
import { changeCounts, compareRuns, type ComparableCase } from "@/lib/evals/compare";

export const dynamic = "force-dynamic";

function comparable(row: EvalRunCase): ComparableCase {
  const outcome = row.result.outcome;
  return { caseKey: row.caseKey, position: row.position, passed: row.passed, failure: row.failure, outcome: outcome.kind === "reply" ? "reply" : `handoff:${outcome.reason}` };
}

const querySchema = z.object({ compare: z.string().optional() });

export const GET = route({ role: "viewer", query: querySchema }, async ({ params, query }) => {
  const db = await getDb();
  const found = await getEvalRun(db, uuidFrom(params.id, "run"));
  if (!found) throw new ApiError(404, "not_found", "No such run.");
  let comparison = null;
  if (query.compare) {
    const other = await getEvalRun(db, uuidFrom(query.compare, "run to compare with"));
    if (!other || other.run.setId !== found.run.setId) throw new ApiError(404, "not_found", "No run of this set to compare with.");
    const compared = compareRuns(other.cases.map(comparable), found.cases.map(comparable));
    comparison = { base: runJson(other.run), counts: changeCounts(compared), cases: compared, baseCases: other.cases.map(runCaseJson) };
  }
  return { run: runJson(found.run), cases: found.cases.map(runCaseJson), comparison };
});
