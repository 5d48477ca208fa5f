import type { LanguageModel } from "ai";
import { extractCustomerWords } from "../text-analysis";
import { fallbackHandoff, runAgentTurn, type AgentTurnResult } from "../agent/turn";
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
import type { AgentRun, WebhookEvent } from "../db/schema";
import type { Channel } from "../front/channels";
import type { FrontConversation, FrontMessage } from "../front/types";
import type { AgentSettings } from "../settings/ai-settings";
import type { FrontSettings } from "../settings/front-settings";
import { deliverOutcome, type DeliveryResult } from "./deliver";
import { decideEligibility } from "./eligibility";
import { senderHandle } from "./message-content";
import type { PipelineContext } from "./context";

export const DECISION_REASONS: Record<DeliveryResult, string> = {
  replied: "the AI replied",
  reply_refused: "Front refused the AI's reply: the answer is posted as an internal comment",
  drafted: "the AI left its answer as a shared draft for a teammate",
  draft_refused: "Front refused the AI's draft: the answer is posted as an internal comment",
  commented: "the AI posted its answer as an internal comment for a teammate",
  callback_note: "the AI left its answer in a note for whoever calls the customer back",
  handed_off: "the AI handed off to a person",
};

export interface CustomerMessageInput {
  row: WebhookEvent;
  message: FrontMessage;
  conversation: FrontConversation;
  settings: FrontSettings;
  /** Where the message came in (see messageChannel): a `custom` message is a call only on a picked phone channel. */
  channel: Channel;
}

/**
 * A customer's turn: record it on the conversation's session, decide whether the AI takes it, run the agent once
 * for it, and deliver the outcome. Each step checks what is already done, so a retry or a re-run is safe.
 */
export async function handleCustomerMessage(ctx: PipelineContext, input: CustomerMessageInput): Promise<EventDecision> {
  const { row, message, conversation, settings, channel } = input;
  const eligibility = decideEligibility(message, conversation, channel, settings);
  const agent = await ctx.loadAgentSettings();
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
  const forModel = redactForModel(content.modelText, agent.redactionPatterns);
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
    await updateSession(ctx.db, session.id, keepStatus ? { preview } : { status: "skipped", statusReason: eligibility.reason, preview, aiOutcome: "skipped" });
    return { decision: "skipped", reason: eligibility.reason, failedCheck: eligibility.check, sessionId: session.id };
  }
  if (!content.usable) {
    const reason = channel === "voice" ? "waiting for the call's transcript" : "the message has no text";
    await updateSession(ctx.db, session.id, { status: "skipped", statusReason: reason, preview, aiOutcome: "skipped" });
    return { decision: "skipped", reason, sessionId: session.id };
  }

  let run = await findRun(ctx.db, session.id, message.id);
  // Answered before (a re-run, or Front repeating itself): the session keeps the status its answer gave it.
  if (run?.deliveryStatus === "delivered") return { decision: "processed", reason: "already answered", sessionId: session.id };
  await updateSession(ctx.db, session.id, { status: "ai_answering", statusReason: null, preview });
  if (!run || run.status === "running") {
    run = await answerWithAgent(ctx, { row, sessionId: session.id, messageId: message.id, channel, conversation, agent, contact: sender?.handle, call: content.call });
  }
  const delivered = await deliverOutcome(ctx, {
    run,
    session,
    conversationId: conversation.id,
    settings,
    deliveryMode: agent.delivery[channel],
    textBackChannel: agent.textBackChannel,
    channelAddress: ourAddress(message),
  });
  return { decision: "processed", reason: DECISION_REASONS[delivered], sessionId: session.id };
}

interface AnswerInput {
  row: WebhookEvent;
  sessionId: string;
  messageId: string;
  channel: Channel;
  conversation: FrontConversation;
  agent: AgentSettings;
  contact?: string | null;
  call?: { durationSeconds?: number; answered?: boolean } | null;
}

/** Runs the agent and stores its steps and outcome; a model failure becomes a handoff with reason `error`. */
async function answerWithAgent(ctx: PipelineContext, input: AnswerInput): Promise<AgentRun> {
  const run = await startRun(ctx.db, {
    sessionId: input.sessionId,
    triggerMessageId: input.messageId,
    webhookEventId: input.row.id,
    model: input.agent.model,
    receivedAt: input.row.receivedAt,
  });
  let model: LanguageModel | null = null;
  let setupError: string | null = null;
  try {
    model = ctx.modelFor(input.agent);
  } catch (error) {
    setupError = `the model '${input.agent.model}' cannot be used: ${error instanceof Error ? error.message : String(error)}`;
  }
  const history = await listSessionMessages(ctx.db, input.sessionId);
  const result = model
    ? await runAgentTurn({
        db: ctx.db,
        settings: input.agent,
        model,
        conversation: { channel: input.channel, contactHandle: input.contact, subject: input.conversation.subject, call: input.call },
        history,
        sessionId: input.sessionId,
        actions: await ctx.loadActions(),
        onSteps: (rows) => insertSteps(ctx.db, run.id, rows),
      })
    : failedTurn(history, setupError ?? "no model");
  if (result.failureStep) await insertSteps(ctx.db, run.id, [result.failureStep]);
  const { outcome } = result;
  const finished = await finishRun(ctx.db, run.id, {
    status: result.error ? "failed" : "completed",
    outcome: outcome.kind,
    replyText: outcome.kind === "reply" ? outcome.text : null,
    error: result.error,
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    costUsd: result.costUsd,
  });
  if (outcome.kind === "handoff") {
    await getOrCreateHandoff(ctx.db, { sessionId: input.sessionId, runId: run.id, reason: outcome.reason, summary: outcome.summary, sentiment: outcome.sentiment });
  }
  await updateSession(ctx.db, input.sessionId, { sentiment: outcome.sentiment, ...(outcome.kind === "handoff" ? { summary: outcome.summary } : {}) });
  return finished;
}

/** A run that could not start (e.g. a hosted model without its base URL): hand off, and say why. */
function failedTurn(history: { authorType: string; text: string; modelText?: string | null }[], error: string): AgentTurnResult {
  const turn = [...history].reverse().find((message) => message.authorType === "customer");
  return {
    outcome: fallbackHandoff(turn?.modelText ?? turn?.text ?? ""),
    error,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    failureStep: { position: 0, kind: "text", text: "The run failed; handing off to a person.", error, startedAt: new Date(), durationMs: 0 },
  };
}

export { fallbackHandoff };

/** The address the customer wrote to (ours): an inbound message's `to`. */
function ourAddress(message: FrontMessage): string | null {
  return message.recipients?.find((recipient) => recipient.role === "to")?.handle ?? null;
}

/** The customer's own words for the Inbox row: no transcript header, no agent lines, no quoted history. */
export function previewOf(text: string): string {
  const words = extractCustomerWords(text) || text;
  return words.replace(/\s+/g, " ").trim().slice(0, 280);
}
