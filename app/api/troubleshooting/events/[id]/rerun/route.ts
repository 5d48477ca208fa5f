// Re-run a stored event: a new attempt beside the delivery, queued and processed idempotently (admins only).
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { signalJobEnqueued } from "@/lib/jobs/signals";
import { PIPELINE_QUEUE } from "@/lib/db/queries/webhook-events";
import { rerunEvent } from "@/lib/troubleshooting/rerun";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireAdmin();
    const id = Number((await params).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError(404, "not_found", "No such event.");
    const { db } = await getServices();
    const result = await rerunEvent(db, id, actorOf(user));
    if (result.status === "not_found") throw new ApiError(404, "not_found", "No such event.");
    if (result.status === "not_verified") throw new ApiError(409, "not_verified", "Refused deliveries cannot be re-run: their content was never trusted.");
    if (result.status === "queued") signalJobEnqueued(PIPELINE_QUEUE);
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
