import { addSessionMessage, getSessionByConversation, recordHumanFollowUp } from "../db/queries/sessions";
import type { EventDecision } from "../db/queries/webhook-events";
import type { FrontEvent, FrontMessage } from "../front/types";
import type { FrontSettings } from "../settings/front-settings";
import { teammateName } from "./eligibility";
import { messageText } from "./message-content";
import type { PipelineContext } from "./context";

/** A teammate's outbound message: kept on the session as a human reply, never answered by the AI. */
export async function recordTeammateMessage(
  ctx: PipelineContext,
  event: FrontEvent,
  settings: FrontSettings,
  message: FrontMessage | null,
): Promise<EventDecision> {
  const session = event.conversation?.id ? await getSessionByConversation(ctx.db, event.conversation.id) : undefined;
  if (!session) return { decision: "recorded", reason: "outbound message on a conversation without a session" };
  if (!message) return { decision: "recorded", reason: "outbound event without a message", sessionId: session.id };
  if (message.author?.id && message.author.id === settings.aiTeammateId) {
    return { decision: "recorded", reason: "the AI's own reply", sessionId: session.id };
  }
  const name = message.author ? teammateName(message.author) : "Teammate";
  await addSessionMessage(ctx.db, {
    sessionId: session.id,
    frontMessageId: message.id,
    direction: "outbound",
    authorType: "teammate",
    authorName: name,
    messageType: message.type ?? "unknown",
    subject: message.subject ?? null,
    text: messageText(message),
    sentAt: message.created_at ? new Date(message.created_at * 1000) : undefined,
  });
  await recordHumanFollowUp(
    ctx.db,
    session.id,
    "reply",
    message.created_at ? new Date(message.created_at * 1000) : new Date(),
  );
  return { decision: "recorded", reason: `reply by ${name} recorded`, sessionId: session.id };
}
