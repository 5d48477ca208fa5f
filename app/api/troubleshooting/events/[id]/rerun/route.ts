// Re-run a stored event: a new attempt beside the delivery, queued and processed idempotently (admins only).
import { actorOf } from "@/lib/audit";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { signalJobEnqueued } from "@/lib/jobs/signals";
import { PIPELINE_QUEUE } from "@/lib/db/queries/webhook-events";
import { rerunEvent, type RerunResponse } from "@/lib/troubleshooting/rerun";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export const POST = route({ role: "admin" }, async ({ user, params }): Promise<RerunResponse> => {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError(404, "not_found", "No such event.");
  const { db } = await getServices();
  const result = await rerunEvent(db, id, actorOf(user));
  if (result.status === "not_found") throw new ApiError(404, "not_found", "No such event.");
  if (result.status === "not_verified")
    throw new ApiError(409, "not_verified", "Refused deliveries cannot be re-run: their content was never trusted.");
  if (result.status === "queued") signalJobEnqueued(PIPELINE_QUEUE);
  return result;
});
