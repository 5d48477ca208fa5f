import { getSessionByConversation, recordHumanFollowUp, updateSession } from "../db/queries/sessions";
import { getWebhookEvent, recordEventDecision, type EventDecision } from "../db/queries/webhook-events";
import type { WebhookEvent } from "../db/schema";
import { isFrontApiError } from "../front/errors";
import {
  eventPartyId,
  frontConversationSchema,
  frontMessageSchema,
  isFullConversation,
  isFullMessage,
  type FrontConversation,
  type FrontEvent,
  type FrontMessage,
} from "../front/types";
import { parseDelivery, type WebhookKind } from "../front/webhook";
import type { FrontSettings } from "../settings/front-settings";
import { handleConversationsMerged, handleSendingError } from "./conversation-events";
import { handleCustomerMessage } from "./customer-message";
import type { PipelineContext } from "./context";
import { teammateName } from "./eligibility";
import { messageChannel } from "./message-channel";
import { recordTeammateMessage } from "./teammate-message";

/** Events whose message is a customer's turn to answer. */
const CUSTOMER_TURN_EVENTS = new Set(["inbound", "call_transcript_added", "call_voicemail_transcript_added"]);

/** Processes one stored webhook event. Safe to call again for the same event: every step checks what is done. */
export async function processWebhookEvent(ctx: PipelineContext, webhookEventId: number): Promise<void> {
  const row = await getWebhookEvent(ctx.db, webhookEventId);
  if (!row || row.decision === "rejected") return;
  const delivery = parseDelivery(row.kind as WebhookKind, row.body);
  if (delivery.type !== "event") {
    await recordEventDecision(ctx.db, row.id, { decision: "failed", reason: "stored body is not a Front event" });
    return;
  }
  const settings = await ctx.loadSettings();
  let decision: EventDecision;
  try {
    decision = await routeEvent(ctx, row, delivery.event, settings);
  } catch (error) {
    if (!isGone(error)) throw error;
    decision = await endDeletedConversation(ctx, delivery.event);
  }
  await recordEventDecision(ctx.db, row.id, decision);
}

async function routeEvent(
  ctx: PipelineContext,
  row: WebhookEvent,
  event: FrontEvent,
  settings: FrontSettings,
): Promise<EventDecision> {
  if (CUSTOMER_TURN_EVENTS.has(event.type)) {
    // A transcript event means the call's text changed after the call: always read the message afresh.
    const fresh = event.type !== "inbound";
    const [message, conversation] = await Promise.all([loadMessage(ctx, event, fresh), loadConversation(ctx, event)]);
    if (!message || !conversation) return { decision: "failed", reason: "the event names no message or conversation" };
    const channel = await messageChannel(ctx, { message, conversationId: conversation.id, event, settings });
    return handleCustomerMessage(ctx, { row, message, conversation, settings, channel });
  }
  switch (event.type) {
    case "outbound":
    case "out_reply":
      return recordTeammateMessage(ctx, event, settings, await loadMessage(ctx, event, false));
    case "assign":
      return handleAssign(ctx, row, event, settings);
    case "archive":
      return resolveSession(ctx, event, "conversation archived: session resolved");
    case "reopen":
      return recordReopen(ctx, event);
    case "trash":
      return resolveSession(ctx, event, "conversation deleted in Front: session ended");
    case "sending_error":
    case "message_bounce_error":
      return handleSendingError(ctx, event, settings);
    case "conversations_merged":
      return handleConversationsMerged(ctx, await withTarget(ctx, event));
    default:
      return {
        decision: "recorded",
        reason: `${event.type} event recorded`,
        sessionId: await sessionIdFor(ctx, event),
      };
  }
}

export async function sessionIdFor(ctx: PipelineContext, event: FrontEvent): Promise<string | null> {
  const conversationId = event.conversation?.id;
  return conversationId ? ((await getSessionByConversation(ctx.db, conversationId))?.id ?? null) : null;
}

/** The event's message; a preview (rule webhook without full data) or a changed call is fetched through the API. */
async function loadMessage(ctx: PipelineContext, event: FrontEvent, fresh: boolean): Promise<FrontMessage | null> {
  const target = event.target?.data;
  if (!fresh && isFullMessage(target)) return frontMessageSchema.parse(target);
  const id = eventPartyId(event.target);
  if (id?.startsWith("msg_")) return ctx.front.getMessage(id);
  // A transcript event that does not name the message: the conversation's latest inbound message.
  if (fresh && event.conversation?.id) return latestCustomerMessage(ctx, event.conversation.id);
  return null;
}

/** A preview carries no target data: the full event comes from Front by its id (never by a URL from the body). */
async function withTarget(ctx: PipelineContext, event: FrontEvent): Promise<FrontEvent> {
  if (event.target?.data !== undefined) return event;
  return ctx.front.getEvent(event.id);
}

async function loadConversation(ctx: PipelineContext, event: FrontEvent): Promise<FrontConversation | null> {
  if (isFullConversation(event.conversation)) return frontConversationSchema.parse(event.conversation);
  if (!event.conversation?.id) return null;
  return (await ctx.front.getConversation(event.conversation.id)).conversation;
}

async function latestCustomerMessage(ctx: PipelineContext, conversationId: string): Promise<FrontMessage | null> {
  const [latest] = await ctx.front.listRecentMessages(conversationId, 5);
  return latest && latest.is_inbound !== false && !latest.author ? latest : null;
}

/**
 * Assigning a conversation to the AI teammate hands it the customer's last message, if nobody answered it yet.
 * Other assignments are recorded on the session's history.
 */
async function handleAssign(
  ctx: PipelineContext,
  row: WebhookEvent,
  event: FrontEvent,
  settings: FrontSettings,
): Promise<EventDecision> {
  // A preview names the teammate by id only.
  const assigneeId = eventPartyId(event.target);
  const assignee = (event.target?.data ?? {}) as {
    first_name?: string | null;
    last_name?: string | null;
    username?: string | null;
  };
  const sessionId = await sessionIdFor(ctx, event);
  if (!assigneeId || assigneeId !== settings.aiTeammateId || !event.conversation?.id) {
    const who = assigneeId ? teammateName({ ...assignee, id: assigneeId }) : "someone";
    return { decision: "recorded", reason: `assigned to ${who}`, sessionId };
  }
  const { conversation } = await ctx.front.getConversation(event.conversation.id);
  const latest = await latestCustomerMessage(ctx, conversation.id);
  if (!latest)
    return {
      decision: "recorded",
      reason: "assigned to the AI teammate; the last message is not the customer's",
      sessionId,
    };
  // An assign event's source is a teammate or a rule, not the inbox the message came in.
  const channel = await messageChannel(ctx, { message: latest, conversationId: conversation.id, settings });
  return handleCustomerMessage(ctx, { row, message: latest, conversation, settings, channel });
}

async function resolveSession(ctx: PipelineContext, event: FrontEvent, reason: string): Promise<EventDecision> {
  const session = event.conversation?.id ? await getSessionByConversation(ctx.db, event.conversation.id) : undefined;
  if (!session) return { decision: "recorded", reason: `${event.type} of a conversation without a session` };
  await updateSession(ctx.db, session.id, {
    status: "resolved",
    resolvedAt: new Date(),
    statusReason: reason.split(":")[0],
  });
  return { decision: "processed", reason, sessionId: session.id };
}

/** A person reopened the conversation: kept as human follow-up of the AI's latest act (see the reopen rate). */
async function recordReopen(ctx: PipelineContext, event: FrontEvent): Promise<EventDecision> {
  const session = event.conversation?.id ? await getSessionByConversation(ctx.db, event.conversation.id) : undefined;
  if (!session) return { decision: "recorded", reason: "reopen of a conversation without a session" };
  const at = event.emitted_at ? new Date(event.emitted_at * 1000) : new Date();
  await recordHumanFollowUp(ctx.db, session.id, "reopen", at);
  // Open again: the session leaves "resolved" for what the AI last left it as (a skipped one stays skipped).
  const reopenedAs =
    session.aiOutcome === "answered" || session.aiOutcome === "handed_off" || session.aiOutcome === "failed"
      ? session.aiOutcome
      : "skipped";
  if (session.status === "resolved")
    await updateSession(ctx.db, session.id, {
      status: reopenedAs,
      resolvedAt: null,
      statusReason: "conversation reopened",
    });
  return { decision: "recorded", reason: "conversation reopened", sessionId: session.id };
}

/** Front answered 404 for the conversation or message: it was deleted, so its session ends cleanly. */
function isGone(error: unknown): boolean {
  return isFrontApiError(error) && error.status === 404;
}

async function endDeletedConversation(ctx: PipelineContext, event: FrontEvent): Promise<EventDecision> {
  const session = event.conversation?.id ? await getSessionByConversation(ctx.db, event.conversation.id) : undefined;
  if (!session) return { decision: "recorded", reason: "the conversation no longer exists in Front" };
  await updateSession(ctx.db, session.id, {
    status: "resolved",
    resolvedAt: new Date(),
    statusReason: "conversation deleted in Front",
  });
  return {
    decision: "processed",
    reason: "the conversation no longer exists in Front: session ended",
    sessionId: session.id,
  };
}
