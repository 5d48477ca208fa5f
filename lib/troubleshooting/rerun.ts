import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../audit";
import { inTransaction, type Db } from "../db/client";
import { queueRerun } from "../db/queries/webhook-events";

/** POST /api/troubleshooting/events/{id}/rerun: the attempt queued, or one already waiting. */
export type RerunResponse = { status: "queued"; attemptId: number } | { status: "already_queued" };

/** The route answers the other two as errors (404, 409); apart, so that each check narrows. */
export type RerunResult = RerunResponse | { status: "not_found" } | { status: "not_verified" };

/**
 * The troubleshooting page's re-run: a new attempt at a stored, verified delivery, queued (see queueRerun), with
 * its audit row in the same transaction. Processing is idempotent, so work already done is not repeated.
 */
export async function rerunEvent(db: Db, id: number, actor: AuditActor = SYSTEM_ACTOR): Promise<RerunResult> {
  return inTransaction(db, async (tx) => {
    const rerun = await queueRerun(tx, id);
    if (rerun.status !== "queued") return rerun;
    const { original, attemptId } = rerun;
    await recordAudit(tx, {
      actor,
      action: "troubleshooting.rerun",
      target: `event ${original.id}`,
      after: {
        eventId: original.id,
        attemptId,
        frontEventId: original.frontEventId,
        eventType: original.eventType,
        conversation: original.frontConversationId,
      },
    });
    return { status: "queued", attemptId };
  });
}
