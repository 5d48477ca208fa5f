import { extractCustomerWords, scoreSentiment, summarize } from "../agent/local-model";
import type { AgentOutcome } from "../agent/outcome";
import { buildMessages, buildSystemPrompt } from "../agent/prompt";
import { runAgent } from "../agent/run";
import { handoffToHumanTool } from "../agent/tools/handoff-to-human";
import { lookupContactTool } from "../agent/tools/lookup-contact";
import { searchKnowledgeBaseTool } from "../agent/tools/search-knowledge-base";
import { normalizeHandle, prepareMessage } from "../channels";
import { redactForModel } from "../redaction/redact";
import { findRun, finishRun, getOrCreateHandoff, insertSteps, startRun } from "../db/queries/agent-runs";
import {
  addSessionMessage,
  findOrCreateSession,
  getSessionByConversation,
  listSessionMessages,
  updateSession,
  updateSessionMessageContent,
} from "../db/queries/sessions";
import type { EventDecision } from "../db/queries/webhook-events";
import type { WebhookEvent } from "../db/schema";
import { channelForMessage, type Channel } from "../front/channels";
import type { FrontConversation, FrontMessage } from "../front/types";
import type { FrontSettings } from "../settings/front-settings";
import { deliverOutcome, type DeliveryResult } from "./deliver";
import { decideEligibility } from "./eligibility";
import { senderHandle } from "./message-content";
import type { PipelineContext } from "./process-event";

export const DECISION_REASONS: Record<DeliveryResult, string> = {
  replied: "the AI replied",
  reply_refused: "Front refused the AI's reply: the answer is posted as an internal comment",
  handed_off: "the AI handed off to a person",
};

export interface CustomerMessageInput {
  row: WebhookEvent;
  message: FrontMessage;
  conversation: FrontConversation;
  settings: FrontSettings;
}

/**
 * A customer's turn: record it on the conversation's session, decide whether the AI takes it, run the agent once
 * for it, and deliver the outcome. Each step checks what is already done, so a retry or a re-run is safe.
 */
export async function handleCustomerMessage(ctx: PipelineContext, input: CustomerMessageInput): Promise<EventDecision> {
  const { row, message, conversation, settings } = input;
  const channel = channelForMessage(message.type, message.metadata);
  const eligibility = decideEligibility(message, conversation, channel, settings);
  if (!eligibility.eligible && eligibility.check === "customer_author") {
    return { decision: "skipped", reason: eligibility.reason, failedCheck: eligibility.check, sessionId: (await getSessionByConversation(ctx.db, conversation.id))?.id ?? null };
  }

  const content = prepareMessage({
    channel,
    type: message.type ?? null,
    subject: message.subject ?? null,
    body: message.body ?? null,
    text: message.text ?? null,
    attachments: message.attachments ?? [],
    metadata: message.metadata ?? {},
  });
  const sender = senderHandle(message) ?? (conversation.recipient ? { handle: conversation.recipient.handle, name: conversation.recipient.name ?? null } : null);
  const { session, created } = await findOrCreateSession(ctx.db, {
    frontConversationId: conversation.id,
    channel,
    subject: conversation.subject ?? content.subject ?? null,
    contactHandle: sender?.handle ?? null,
    contactName: sender?.name ?? null,
    contactKey: sender?.handle ? normalizeHandle(sender.handle) : null,
    initialStatus: eligibility.eligible ? "ai_answering" : "skipped",
    statusReason: eligibility.eligible ? null : eligibility.reason,
  });
  // Card numbers, national ids and bank accounts never reach a model; a lead still reads the original.
  const forModel = redactForModel(content.modelText);
  const recorded = {
    subject: content.subject ?? null,
    text: content.displayText,
    modelText: forModel.text === content.displayText ? null : forModel.text,
    metadata: forModel.redactions.length > 0 ? { ...content.metadata, redactions: forModel.redactions } : content.metadata,
  };
  const added = await addSessionMessage(ctx.db, {
    sessionId: session.id,
    frontMessageId: message.id,
    direction: "inbound",
    authorType: "customer",
    authorName: sender?.name ?? sender?.handle ?? null,
    messageType: message.type ?? "unknown",
    ...recorded,
    sentAt: message.created_at ? new Date(message.created_at * 1000) : undefined,
  });
  // Seen before: a call's transcript (or voicemail) replaces the placeholder it was first recorded with, and the
  // model reads the session's messages, so the stored words must be the fresh ones.
  if (!added) await updateSessionMessageContent(ctx.db, message.id, recorded);
  const preview = previewOf(forModel.text || content.displayText);

  if (!eligibility.eligible) {
    // A later message on a conversation a person now owns keeps the session's status (e.g. handed off).
    const keepStatus = !created && session.status !== "skipped";
    await updateSession(ctx.db, session.id, keepStatus ? { preview } : { status: "skipped", statusReason: eligibility.reason, preview });
    return { decision: "skipped", reason: eligibility.reason, failedCheck: eligibility.check, sessionId: session.id };
  }
  if (!content.usable) {
    const reason = channel === "voice" ? "waiting for the call's transcript" : "the message has no text";
    await updateSession(ctx.db, session.id, { status: "skipped", statusReason: reason, preview });
    return { decision: "skipped", reason, sessionId: session.id };
  }

  await updateSession(ctx.db, session.id, { status: "ai_answering", statusReason: null, preview });
  let run = await findRun(ctx.db, session.id, message.id);
  if (run?.deliveryStatus === "delivered") return { decision: "processed", reason: "already answered", sessionId: session.id };
  if (!run || run.status === "running") {
    await answerWithAgent(ctx, { row, sessionId: session.id, messageId: message.id, modelText: forModel.text, channel, conversation, contact: sender?.handle, call: content.call });
    run = await findRun(ctx.db, session.id, message.id);
  }
  if (!run) throw new Error(`run for ${message.id} vanished`);
  const delivered = await deliverOutcome(ctx, { run, session, conversationId: conversation.id, settings });
  return { decision: "processed", reason: DECISION_REASONS[delivered], sessionId: session.id };
}

interface AnswerInput {
  row: WebhookEvent;
  sessionId: string;
  messageId: string;
  modelText: string;
  channel: Channel;
  conversation: FrontConversation;
  contact?: string | null;
  call?: { durationSeconds?: number; answered?: boolean } | null;
}

/** Runs the agent and stores its outcome; a model failure becomes a handoff with reason `error`. */
async function answerWithAgent(ctx: PipelineContext, input: AnswerInput): Promise<void> {
  const run = await startRun(ctx.db, {
    sessionId: input.sessionId,
    triggerMessageId: input.messageId,
    webhookEventId: input.row.id,
    model: ctx.modelName,
    receivedAt: input.row.receivedAt,
  });
  const history = await listSessionMessages(ctx.db, input.sessionId);
  let position = 0;
  let outcome: AgentOutcome;
  let error: string | null = null;
  let tokens = { inputTokens: 0, outputTokens: 0 };
  const startedAt = new Date();
  try {
    const result = await runAgent({
      model: ctx.model,
      system: buildSystemPrompt({ channel: input.channel, contactHandle: input.contact, subject: input.conversation.subject, call: input.call }),
      messages: buildMessages(history.map((message) => ({ ...message, text: message.modelText ?? redactForModel(message.text).text }))),
      tools: {
        search_knowledge_base: searchKnowledgeBaseTool(ctx.db),
        lookup_contact: lookupContactTool(ctx.db, { currentSessionId: input.sessionId, contactHandle: input.contact }),
        handoff_to_human: handoffToHumanTool(),
      },
      onSteps: async (rows) => {
        position += rows.length;
        await insertSteps(ctx.db, run.id, rows);
      },
    });
    tokens = { inputTokens: result.inputTokens, outputTokens: result.outputTokens };
    outcome = result.outcome ?? fallbackHandoff(input.modelText);
    if (!result.outcome) error = "the model ended without answering or handing off";
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
    outcome = fallbackHandoff(input.modelText);
  }
  if (error) {
    await insertSteps(ctx.db, run.id, [{ position, kind: "text", text: "The run failed; handing off to a person.", error, startedAt, durationMs: Date.now() - startedAt.getTime() }]);
  }
  await finishRun(ctx.db, run.id, {
    status: error ? "failed" : "completed",
    outcome: outcome.kind,
    replyText: outcome.kind === "reply" ? outcome.text : null,
    error,
    ...tokens,
  });
  if (outcome.kind === "handoff") {
    await getOrCreateHandoff(ctx.db, { sessionId: input.sessionId, runId: run.id, reason: outcome.reason, summary: outcome.summary, sentiment: outcome.sentiment });
  }
  await updateSession(ctx.db, input.sessionId, { sentiment: outcome.sentiment, ...(outcome.kind === "handoff" ? { summary: outcome.summary } : {}) });
}

/** When the AI cannot finish, a person still gets the conversation, with a summary made without the model. */
export function fallbackHandoff(text: string): AgentOutcome {
  return { kind: "handoff", reason: "error", summary: summarize(text) || "The AI could not process this message.", sentiment: scoreSentiment(text).label };
}

/** The customer's own words for the Inbox row: no transcript header, no agent lines, no quoted history. */
export function previewOf(text: string): string {
  const words = extractCustomerWords(text) || text;
  return words.replace(/\s+/g, " ").trim().slice(0, 280);
}
