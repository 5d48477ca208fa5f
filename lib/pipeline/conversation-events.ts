import { getSessionByConversation, moveSessionToConversation } from "../db/queries/sessions";
import { latestDeliveredReply, runByFrontMessageUid } from "../db/queries/agent-runs";
import type { EventDecision } from "../db/queries/webhook-events";
import { eventPartyId, frontMessageSchema, isFullMessage, type FrontEvent, type FrontMessage } from "../front/types";
import type { FrontSettings } from "../settings/front-settings";
import { handOffUndeliveredReply } from "./deliver";
import type { PipelineContext } from "./context";

/**
 * `conversations_merged`: the event's conversation survived, and its target lists the conversations merged into it
 * (`{_meta:{type:"deleted_conversation_ids"}, data:["cnv_…"]}`). Their sessions' history moves onto the survivor,
 * so the AI and the Inbox see one conversation, as Front now does.
 */
export async function handleConversationsMerged(ctx: PipelineContext, event: FrontEvent): Promise<EventDecision> {
  const survivorId = event.conversation?.id;
  if (!survivorId) return { decision: "recorded", reason: "merge event without its surviving conversation" };
  const mergedIds = Array.isArray(event.target?.data)
    ? event.target.data.filter((id): id is string => typeof id === "string")
    : [];
  const moved: string[] = [];
  let sessionId: string | null = null;
  for (const mergedId of mergedIds) {
    const session = await getSessionByConversation(ctx.db, mergedId);
    if (!session) continue;
    sessionId = (await moveSessionToConversation(ctx.db, session, survivorId)).sessionId;
    moved.push(`#${session.ticketNumber}`);
  }
  sessionId ??= (await getSessionByConversation(ctx.db, survivorId))?.id ?? null;
  if (mergedIds.length === 0)
    return { decision: "recorded", reason: "merge event without the merged conversations' ids", sessionId };
  const reason = moved.length
    ? `${mergedIds.join(", ")} merged into ${survivorId}: session ${moved.join(", ")} moved onto it`
    : `${mergedIds.join(", ")} merged into ${survivorId}: no session to move`;
  return { decision: moved.length ? "processed" : "recorded", reason, sessionId };
}

/**
 * `sending_error` / `message_bounce_error`: Front accepted a reply (202) and could not send it. When it was the AI's,
 * the customer has not been answered: the session is flagged and the conversation handed to a person with a comment
 * that carries the answer. A teammate's failed message is recorded only: Front shows it to them.
 */
export async function handleSendingError(
  ctx: PipelineContext,
  event: FrontEvent,
  settings: FrontSettings,
): Promise<EventDecision> {
  const conversationId = event.conversation?.id;
  const session = conversationId ? await getSessionByConversation(ctx.db, conversationId) : undefined;
  if (!session || !conversationId)
    return { decision: "recorded", reason: `${event.type} on a conversation without a session` };
  const message = await failedMessage(ctx, event);
  if (message?.author?.id && message.author.id !== settings.aiTeammateId) {
    return {
      decision: "recorded",
      reason: `${event.type}: a teammate's message could not be sent`,
      sessionId: session.id,
    };
  }
  // The failed message's message_uid is the one Front's 202 answered the AI's reply with. Without it (Front omitted
  // it, or the message could not be read) the newest reply is the best guess: a customer left unanswered is worse.
  const run = message?.message_uid
    ? await runByFrontMessageUid(ctx.db, session.id, message.message_uid)
    : await latestDeliveredReply(ctx.db, session.id);
  if (!run) {
    const reason = message?.message_uid
      ? "the failed message is none of the AI's replies"
      : "no reply by the AI on this session";
    return { decision: "recorded", reason: `${event.type}: ${reason}`, sessionId: session.id };
  }
  const error = message?.error_type ? `${event.type}: ${String(message.error_type)}` : event.type;
  await handOffUndeliveredReply(ctx, { session, run, conversationId, settings, error });
  return {
    decision: "processed",
    reason: `Front could not send the AI's reply (${error}): handed off to a person`,
    sessionId: session.id,
  };
}

async function failedMessage(ctx: PipelineContext, event: FrontEvent): Promise<FrontMessage | null> {
  if (isFullMessage(event.target?.data)) return frontMessageSchema.parse(event.target.data);
  const id = eventPartyId(event.target);
  return id?.startsWith("msg_") ? ctx.front.getMessage(id) : null;
}
