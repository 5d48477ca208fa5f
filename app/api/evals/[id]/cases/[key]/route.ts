// One case of a set: GET its history, newest change first (viewers read); DELETE removes it, which its history
// records (admins).
import { ApiError, errorResponse } from "@/lib/api/errors";
import { uuidFrom } from "@/lib/api/evals";
import { actorOf, recordAudit } from "@/lib/audit";
import { requireAdmin, requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { deleteEvalCase, evalCaseHistory } from "@/lib/db/queries/evals";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; key: string }> };

export async function GET(_request: Request, { params }: Params) {
  try {
    await requireUser();
    const { id, key } = await params;
    const history = await evalCaseHistory(await getDb(), uuidFrom(id, "test set"), decodeURIComponent(key));
    return Response.json({ history: history.map((entry) => ({ case: entry.body, changedBy: entry.changedBy, changedAt: entry.changedAt })) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, { params }: Params) {
  try {
    const user = await requireAdmin();
    const { id, key } = await params;
    const db = await getDb();
    const setId = uuidFrom(id, "test set");
    const caseKey = decodeURIComponent(key);
    if (!(await deleteEvalCase(db, setId, caseKey, user.id))) throw new ApiError(404, "not_found", "No such case.");
    await recordAudit(db, { actor: actorOf(user), action: "evals.cases.delete", target: `${setId} · ${caseKey}`, before: { setId, caseId: caseKey } });
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
