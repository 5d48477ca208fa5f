// Test sets: GET lists them with their latest run (viewers read); POST makes an empty one (admins).
import { evalSetInputSchema, setJson } from "@/lib/api/evals";
import { route } from "@/lib/api/route";
import { actorOf, recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { createEvalSet, listEvalSets, markStaleEvalRuns } from "@/lib/db/queries/evals";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async () => {
  const db = await getDb();
  await markStaleEvalRuns(db);
  const sets = await listEvalSets(db);
  return { sets: sets.map((set) => ({ ...setJson(set), cases: set.cases, latestRun: set.latestRun })) };
});

export const POST = route({ role: "admin", body: evalSetInputSchema }, async ({ user, body: input }) => {
  const db = await getDb();
  const set = await createEvalSet(db, { ...input, userId: user.id });
  await recordAudit(db, { actor: actorOf(user), action: "evals.create", target: set.name, after: { id: set.id, name: set.name, description: set.description } });
  return Response.json({ set: setJson(set) }, { status: 201 });
});
