import { getOrCreateHandoff, markRunDelivered, recordHandoffProgress } from "../db/queries/agent-runs";
import { getHandoffForRun } from "../db/queries/handoffs";
import { addSessionMessage, updateSession } from "../db/queries/sessions";
import type { AgentRun, Session } from "../db/schema";
import { handoffCommentBody, textToHtml } from "./handoff-comment";
import type { PipelineContext } from "./process-event";

export interface DeliveryInput {
  run: AgentRun;
  session: Session;
  conversationId: string;
}

export function sessionUrl(appUrl: string, sessionId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/inbox/${sessionId}`;
}

/**
 * Sends a finished run's outcome to Front. Each Front call is recorded as soon as it succeeds, so a retry after
 * a failure repeats only what is missing: a handoff comment is never posted twice.
 */
export async function deliverOutcome(ctx: PipelineContext, input: DeliveryInput): Promise<void> {
  if (input.run.outcome === "reply") await deliverReply(ctx, input);
  else await deliverHandoff(ctx, input);
}

async function deliverReply(ctx: PipelineContext, { run, session, conversationId }: DeliveryInput): Promise<void> {
  const text = run.replyText ?? "";
  const accepted = await ctx.front.sendReply(conversationId, { body: textToHtml(text), authorId: ctx.settings.aiTeammateId, archive: false });
  await markRunDelivered(ctx.db, run.id, accepted.message_uid);
  await addSessionMessage(ctx.db, {
    sessionId: session.id,
    frontMessageId: null,
    direction: "outbound",
    authorType: "ai",
    authorName: "Frontline AI",
    messageType: "reply",
    text,
    metadata: { runId: run.id, messageUid: accepted.message_uid ?? null },
  });
  await updateSession(ctx.db, session.id, { status: "answered", statusReason: null });
}

async function deliverHandoff(ctx: PipelineContext, { run, session, conversationId }: DeliveryInput): Promise<void> {
  let handoff = await getHandoffForRun(ctx.db, run.id);
  if (!handoff) {
    // A run stored before its handoff row (a crash between the two) gets one now, as the error fallback.
    handoff = await getOrCreateHandoff(ctx.db, { sessionId: session.id, runId: run.id, reason: "error", summary: session.preview ?? "See the session.", sentiment: session.sentiment ?? "neutral" });
  }
  if (!handoff.commentPostedAt) {
    const body = handoffCommentBody(
      { reason: handoff.reason as never, summary: handoff.summary, sentiment: handoff.sentiment as never },
      sessionUrl(ctx.appUrl, session.id),
    );
    const comment = await ctx.front.postComment(conversationId, body, ctx.settings.aiTeammateId);
    await recordHandoffProgress(ctx.db, handoff.id, { frontCommentId: comment.id, commentBody: body, commentPostedAt: new Date(), error: null });
  }
  if (!handoff.unassignedAt) {
    try {
      await ctx.front.setAssignee(conversationId, null);
    } catch (error) {
      await recordHandoffProgress(ctx.db, handoff.id, { error: `unassign failed: ${error instanceof Error ? error.message : String(error)}` });
      throw error;
    }
    await recordHandoffProgress(ctx.db, handoff.id, { unassignedAt: new Date(), error: null });
  }
  await markRunDelivered(ctx.db, run.id);
  await updateSession(ctx.db, session.id, { status: "handed_off", statusReason: null, summary: handoff.summary, sentiment: handoff.sentiment });
}
