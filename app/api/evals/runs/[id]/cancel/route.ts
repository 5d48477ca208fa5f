// Cancels a running run (admins): cases already started finish, no new one starts; the run ends "cancelled" with
// the totals of the cases it ran.
import { ApiError } from "@/lib/api/errors";
import { uuidFrom } from "@/lib/api/evals";
import { route } from "@/lib/api/route";
import { actorOf, recordAudit } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { requestEvalRunCancel } from "@/lib/db/queries/evals";

export const dynamic = "force-dynamic";

export const POST = route({ role: "admin" }, async ({ user, params }) => {
  const db = await getDb();
  const runId = uuidFrom(params.id, "run");
  if (!(await requestEvalRunCancel(db, runId))) throw new ApiError(409, "not_running", "The run is not running.");
  await recordAudit(db, { actor: actorOf(user), action: "evals.run.cancel", target: runId, after: { runId, cancelRequested: true } });
  return { cancelRequested: true };
});
