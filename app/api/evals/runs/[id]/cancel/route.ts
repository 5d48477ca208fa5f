// Cancels a running run (admins): cases already started finish, no new one starts; the run ends "cancelled" with
// the totals of the cases it ran.
import { ApiError, errorResponse } from "@/lib/api/errors";
import { uuidFrom } from "@/lib/api/evals";
import { actorOf, recordAudit } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { requestEvalRunCancel } from "@/lib/db/queries/evals";

export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireAdmin();
    const db = await getDb();
    const runId = uuidFrom((await params).id, "run");
    if (!(await requestEvalRunCancel(db, runId))) throw new ApiError(409, "not_running", "The run is not running.");
    await recordAudit(db, { actor: actorOf(user), action: "evals.run.cancel", target: runId, after: { runId, cancelRequested: true } });
    return Response.json({ cancelRequested: true }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
