// Test sets: GET lists them with their latest run (viewers read); POST makes an empty one (admins).
import { errorResponse } from "@/lib/api/errors";
import { evalSetInputSchema, evalsError, setJson } from "@/lib/api/evals";
import { actorOf, recordAudit } from "@/lib/audit";
import { requireAdmin, requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { createEvalSet, listEvalSets, markStaleEvalRuns } from "@/lib/db/queries/evals";
import { readJsonBody } from "@/lib/knowledge/api";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await requireUser();
    const db = await getDb();
    await markStaleEvalRuns(db);
    const sets = await listEvalSets(db);
    return Response.json(
      { sets: sets.map((set) => ({ ...setJson(set), cases: set.cases, latestRun: set.latestRun })) },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const user = await requireAdmin();
    const input = evalSetInputSchema.parse(await readJsonBody(request));
    const db = await getDb();
    const set = await createEvalSet(db, { ...input, userId: user.id });
    await recordAudit(db, { actor: actorOf(user), action: "evals.create", target: set.name, after: { id: set.id, name: set.name, description: set.description } });
    return Response.json({ set: setJson(set) }, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(evalsError(error));
  }
}
