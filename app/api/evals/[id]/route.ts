// One test set: GET its cases and runs (viewers read), or with ?format=jsonl the set as a JSONL download; DELETE
// removes it with its runs (admins).
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { caseJson, runJson, setJson, uuidFrom } from "@/lib/api/evals";
import { route } from "@/lib/api/route";
import { actorOf, recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { deleteEvalSet, getEvalSet, listEvalCases, listEvalRuns } from "@/lib/db/queries/evals";
import { formatEvalSet } from "@/lib/evals/case";

export const dynamic = "force-dynamic";

const querySchema = z.object({ format: z.string().optional() });

export const GET = route({ role: "viewer", query: querySchema }, async ({ params, query }) => {
  const id = uuidFrom(params.id, "test set");
  const db = await getDb();
  const set = await getEvalSet(db, id);
  if (!set) throw new ApiError(404, "not_found", "No such test set.");
  const cases = await listEvalCases(db, id);
  if (query.format === "jsonl") {
    const filename = `${set.name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-|-$/g, "") || "test-set"}.jsonl`;
    return new Response(formatEvalSet(cases.map((row) => row.body)), {
      headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
    });
  }
  const runs = await listEvalRuns(db, id);
  return { set: setJson(set), cases: cases.map(caseJson), runs: runs.map(runJson) };
});

export const DELETE = route({ role: "admin" }, async ({ user, params }) => {
  const id = uuidFrom(params.id, "test set");
  const db = await getDb();
  const set = await getEvalSet(db, id);
  if (!set || !(await deleteEvalSet(db, id))) throw new ApiError(404, "not_found", "No such test set.");
  await recordAudit(db, { actor: actorOf(user), action: "evals.delete", target: set.name, before: { id: set.id, name: set.name, description: set.description } });
  return new Response(null, { status: 204 });
});
