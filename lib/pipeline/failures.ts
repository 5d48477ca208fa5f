import { listUndeliveredRuns, markRunDeliveryFailed } from "../db/queries/agent-runs";
import { getHandoffForRun } from "../db/queries/handoffs";
import { getSessionByConversation, updateSession } from "../db/queries/sessions";
import { getWebhookEvent, recordEventDecision } from "../db/queries/webhook-events";
import type { Db } from "../db/client";
import type { AttentionFlag } from "../domain";

/**
 * The last attempt at an event failed (Front down, a bug): the event and its session are marked failed, where
 * the Inbox and the troubleshooting page show them, and the event can be re-run. The event's decision is written
 * last, as in processWebhookEvent: whoever sees it decided sees its session's final state too.
 */
export async function markEventFailed(db: Db, webhookEventId: number, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const event = await getWebhookEvent(db, webhookEventId);
  if (!event) return;
  const found = event.frontConversationId ? await getSessionByConversation(db, event.frontConversationId) : undefined;
  // A re-run that failed before it took the session up (e.g. Front unreachable while reading the message) leaves
  // the session as its earlier attempts left it; one that failed while answering ends it failed like any attempt.
  const session = event.rerunOf !== null && found?.status !== "ai_answering" ? undefined : found;
  if (session) {
    let flag: AttentionFlag | null = null;
    const attemptIds = event.rerunOf !== null ? [event.rerunOf, webhookEventId] : [webhookEventId];
    const runs = (await Promise.all(attemptIds.map((id) => listUndeliveredRuns(db, session.id, id)))).flat();
    for (const run of runs) {
      await markRunDeliveryFailed(db, run.id, message);
      const handoff = await getHandoffForRun(db, run.id);
      if (handoff?.commentPostedAt && !handoff.unassignedAt) flag = "handoff_incomplete";
    }
    const reason =
      flag === "handoff_incomplete"
        ? `handoff incomplete: the comment is posted but the conversation is still assigned to the AI (${message})`
        : message;
    await updateSession(db, session.id, { status: "failed", statusReason: reason, flag, aiOutcome: "failed" });
  }
  await recordEventDecision(db, webhookEventId, {
    decision: "failed",
    reason: "processing failed after every retry",
    error: message,
    sessionId: found?.id,
  });
}
