// One case of a set: GET its history, newest change first (viewers read); DELETE removes it, which its history
// records (admins).
import { ApiError } from "@/lib/api/errors";
import { uuidFrom } from "@/lib/api/evals";
import { route } from "@/lib/api/route";
import { actorOf, recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { deleteEvalCase, evalCaseHistory } from "@/lib/db/queries/evals";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async ({ params }) => {
  const history = await evalCaseHistory(await getDb(), uuidFrom(params.id, "test set"), decodeURIComponent(params.key));
  return { history: history.map((entry) => ({ case: entry.body, changedBy: entry.changedBy, changedAt: entry.changedAt })) };
});

export const DELETE = route({ role: "admin" }, async ({ user, params }) => {
  const db = await getDb();
  const setId = uuidFrom(params.id, "test set");
  const caseKey = decodeURIComponent(params.key);
  if (!(await deleteEvalCase(db, setId, caseKey, user.id))) throw new ApiError(404, "not_found", "No such case.");
  await recordAudit(db, { actor: actorOf(user), action: "evals.cases.delete", target: `${setId} · ${caseKey}`, before: { setId, caseId: caseKey } });
  return new Response(null, { status: 204 });
});
