import { getOrCreateHandoff, markRunDelivered, recordHandoffProgress } from "../db/queries/agent-runs";
import { getHandoffForRun } from "../db/queries/handoffs";
import { addSessionMessage, updateSession } from "../db/queries/sessions";
import type { AgentRun, Session } from "../db/schema";
import { FrontApiError } from "../front/errors";
import type { DeliveryMode } from "../settings/ai-settings";
import type { FrontSettings } from "../settings/front-settings";
import { handoffCommentBody, textToHtml } from "./handoff-comment";
import type { PipelineContext } from "./process-event";

export interface DeliveryInput {
  run: AgentRun;
  session: Session;
  conversationId: string;
  settings: FrontSettings;
  /** How an answer reaches the customer on this channel (Settings → AI); a handoff is always a comment. */
  deliveryMode?: DeliveryMode;
}

export function sessionUrl(appUrl: string, sessionId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/inbox/${sessionId}`;
}

/** What became of a run's outcome in Front. */
export type DeliveryResult = "replied" | "reply_refused" | "handed_off";

/**
 * Sends a finished run's outcome to Front. Each Front call is recorded as soon as it succeeds, so a retry after
 * a failure repeats only what is missing: a handoff comment is never posted twice.
 */
export async function deliverOutcome(ctx: PipelineContext, input: DeliveryInput): Promise<DeliveryResult> {
  if (input.run.deliveryStatus === "delivered") return input.run.outcome === "reply" ? "replied" : "handed_off";
  const deliver = input.run.outcome === "reply" ? deliverReply : deliverHandoff;
  try {
    return await deliver(ctx, input);
  } catch (error) {
    if (!(error instanceof FrontApiError && (error.status === 301 || error.status === 302))) throw error;
    // The conversation was merged: write to the one it was merged into. Steps already done are not repeated.
    const { conversation } = await ctx.front.getConversation(input.conversationId);
    return deliver(ctx, { ...input, conversationId: conversation.id });
  }
}

/**
 * Front refused the request itself: a 4xx such as a channel that cannot send. Not a 429 (retried), a 404 (the
 * conversation is gone) or a 301 (merged): those are handled by the callers, and a comment would fail the same way.
 */
function isRefusal(error: unknown): error is FrontApiError {
  return error instanceof FrontApiError && error.status >= 400 && error.status < 500 && error.status !== 404 && !error.retryable;
}

async function deliverReply(ctx: PipelineContext, { run, session, conversationId, settings }: DeliveryInput): Promise<DeliveryResult> {
  const text = run.replyText ?? "";
  let messageUid: string | null = null;
  try {
    const accepted = await ctx.front.sendReply(conversationId, { body: textToHtml(text), authorId: settings.aiTeammateId, archive: false });
    messageUid = accepted.message_uid ?? null;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // The answer is kept as an internal comment for a person to send, and the session is flagged.
    await ctx.front.postComment(conversationId, `**Frontline AI could not send this reply** (${error.message}):\n\n${text}`, settings.aiTeammateId);
    await markRunDelivered(ctx.db, run.id);
    await updateSession(ctx.db, session.id, { status: "failed", flag: "reply_not_delivered", statusReason: `Front refused the reply: ${error.message}` });
    return "reply_refused";
  }
  await markRunDelivered(ctx.db, run.id, messageUid);
  await addSessionMessage(ctx.db, {
    sessionId: session.id,
    frontMessageId: null,
    direction: "outbound",
    authorType: "ai",
    authorName: "Frontline AI",
    messageType: "reply",
    text,
    metadata: { runId: run.id, messageUid },
  });
  await updateSession(ctx.db, session.id, { status: "answered", statusReason: null, flag: null });
  if (settings.archiveOnReply) await archiveIfStillOwned(ctx, conversationId, session, settings);
  return "replied";
}

/** The AI archives only conversations it still owns: a person may have taken it over meanwhile. */
async function archiveIfStillOwned(ctx: PipelineContext, conversationId: string, session: Session, settings: FrontSettings): Promise<void> {
  const { conversation } = await ctx.front.getConversation(conversationId);
  if (conversation.assignee?.id !== settings.aiTeammateId) return;
  await ctx.front.updateConversation(conversationId, { status: "archived" });
  await updateSession(ctx.db, session.id, { status: "resolved", resolvedAt: new Date(), statusReason: "archived by the AI after answering" });
}

async function deliverHandoff(ctx: PipelineContext, { run, session, conversationId, settings }: DeliveryInput): Promise<DeliveryResult> {
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
    const comment = await ctx.front.postComment(conversationId, body, settings.aiTeammateId);
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
  await updateSession(ctx.db, session.id, { status: "handed_off", statusReason: null, flag: null, summary: handoff.summary, sentiment: handoff.sentiment, handoffReason: handoff.reason });
  return "handed_off";
}
