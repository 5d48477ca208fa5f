// Re-run a stored event: queued again and processed idempotently, like a repeated delivery.
import { requireAdmin } from "@/lib/auth/guard";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { requeueEvent } from "@/lib/db/queries/webhook-events";
import { signalJobEnqueued } from "@/lib/jobs/signals";
import { PIPELINE_QUEUE } from "@/lib/db/queries/webhook-events";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireAdmin();
    const id = Number((await params).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError(404, "not_found", "No such event.");
    const { db } = await getServices();
    const result = await requeueEvent(db, id);
    if (result === "not_found") throw new ApiError(404, "not_found", "No such event.");
    if (result === "not_verified") throw new ApiError(409, "not_verified", "Refused deliveries cannot be re-run: their content was never trusted.");
    if (result === "queued") signalJobEnqueued(PIPELINE_QUEUE);
    return Response.json({ status: result });
  } catch (error) {
    return errorResponse(error);
  }
}
