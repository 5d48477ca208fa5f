// One run of a test set with each case's result (viewers read); with ?compare=<run id> also the two runs side by
// side: which cases regressed, were fixed or changed.
import { ApiError, errorResponse } from "@/lib/api/errors";
import { runCaseJson, runJson, uuidFrom } from "@/lib/api/evals";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { getEvalRun } from "@/lib/db/queries/evals";
import type { EvalRunCase } from "@/lib/db/schema";
import { changeCounts, compareRuns, type ComparableCase } from "@/lib/evals/compare";

export const dynamic = "force-dynamic";

function comparable(row: EvalRunCase): ComparableCase {
  const outcome = row.result.outcome;
  return { caseKey: row.caseKey, position: row.position, passed: row.passed, failure: row.failure, outcome: outcome.kind === "reply" ? "reply" : `handoff:${outcome.reason}` };
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireUser();
    const db = await getDb();
    const found = await getEvalRun(db, uuidFrom((await params).id, "run"));
    if (!found) throw new ApiError(404, "not_found", "No such run.");
    const compareId = new URL(request.url).searchParams.get("compare");
    let comparison = null;
    if (compareId) {
      const other = await getEvalRun(db, uuidFrom(compareId, "run to compare with"));
      if (!other || other.run.setId !== found.run.setId) throw new ApiError(404, "not_found", "No run of this set to compare with.");
      const compared = compareRuns(other.cases.map(comparable), found.cases.map(comparable));
      comparison = { base: runJson(other.run), counts: changeCounts(compared), cases: compared, baseCases: other.cases.map(runCaseJson) };
    }
    return Response.json({ run: runJson(found.run), cases: found.cases.map(runCaseJson), comparison }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
