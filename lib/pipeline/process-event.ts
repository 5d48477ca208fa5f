import type { LanguageModel } from "ai";
import type { Db } from "../db/client";
import { findRun, finishRun, getOrCreateHandoff, insertSteps, startRun } from "../db/queries/agent-runs";
import { addSessionMessage, findOrCreateSession, getSessionByConversation, listSessionMessages, updateSession } from "../db/queries/sessions";
import { getWebhookEvent, recordEventDecision, type EventDecision } from "../db/queries/webhook-events";
import type { WebhookEvent } from "../db/schema";
import { channelForMessage } from "../front/channels";
import type { FrontClient } from "../front/client";
import { frontConversationSchema, frontMessageSchema, isFullConversation, isFullMessage, type FrontEvent, type FrontMessage } from "../front/types";
import { parseDelivery, type WebhookKind } from "../front/webhook";
import { extractCustomerWords, scoreSentiment, summarize } from "../agent/local-model";
import type { AgentOutcome } from "../agent/outcome";
import { buildMessages, buildSystemPrompt } from "../agent/prompt";
import { runAgent } from "../agent/run";
import { handoffToHumanTool } from "../agent/tools/handoff-to-human";
import { searchKnowledgeBaseTool } from "../agent/tools/search-knowledge-base";
import { deliverOutcome } from "./deliver";
import { decideEligibility, type EligibilitySettings } from "./eligibility";
import { callDetails, messageText, senderHandle } from "./message-content";

export interface PipelineContext {
  db: Db;
  front: FrontClient;
  model: LanguageModel;
  /** The model's setting, e.g. "local" or "openai:gpt-4o-mini", stored on each run. */
  modelName: string;
  settings: EligibilitySettings;
  /** Where leads open a session, for the link in the handoff comment. */
  appUrl: string;
}

/** Processes one stored webhook event. Safe to call again for the same event: every step checks what is done. */
export async function processWebhookEvent(ctx: PipelineContext, webhookEventId: number): Promise<void> {
  const row = await getWebhookEvent(ctx.db, webhookEventId);
  if (!row || row.decision === "rejected") return;
  const delivery = parseDelivery(row.kind as WebhookKind, row.body);
  if (delivery.type !== "event") {
    await recordEventDecision(ctx.db, row.id, { decision: "failed", reason: "stored body is not a Front event" });
    return;
  }
  const decision = await routeEvent(ctx, row, delivery.event);
  await recordEventDecision(ctx.db, row.id, decision);
}

async function routeEvent(ctx: PipelineContext, row: WebhookEvent, event: FrontEvent): Promise<EventDecision> {
  switch (event.type) {
    case "inbound":
      return handleInbound(ctx, row, event);
    case "outbound":
    case "out_reply":
      return handleTeammateMessage(ctx, event);
    case "archive":
      return handleArchive(ctx, event);
    default:
      return { decision: "recorded", reason: `no action for '${event.type}' events`, sessionId: await sessionIdFor(ctx, event) };
  }
}

async function sessionIdFor(ctx: PipelineContext, event: FrontEvent): Promise<string | null> {
  const conversationId = event.conversation?.id;
  return conversationId ? ((await getSessionByConversation(ctx.db, conversationId))?.id ?? null) : null;
}

/** The event's message; a preview (rule webhook without full data) is fetched through the API. */
async function loadMessage(ctx: PipelineContext, event: FrontEvent): Promise<FrontMessage | null> {
  const target = event.target?.data;
  if (isFullMessage(target)) return frontMessageSchema.parse(target);
  const id = (target as { id?: unknown } | null)?.id;
  return typeof id === "string" ? ctx.front.getMessage(id) : null;
}

async function loadConversation(ctx: PipelineContext, event: FrontEvent) {
  if (isFullConversation(event.conversation)) return frontConversationSchema.parse(event.conversation);
  if (!event.conversation?.id) return null;
  return (await ctx.front.getConversation(event.conversation.id)).conversation;
}

async function handleInbound(ctx: PipelineContext, row: WebhookEvent, event: FrontEvent): Promise<EventDecision> {
  const [message, conversation] = await Promise.all([loadMessage(ctx, event), loadConversation(ctx, event)]);
  if (!message || !conversation) return { decision: "failed", reason: "the event names no message or conversation" };

  const eligibility = decideEligibility(message, conversation, ctx.settings);
  const writtenByTeammate = Boolean(message.author) || message.is_inbound === false;
  if (!eligibility.eligible && writtenByTeammate) return { decision: "skipped", reason: eligibility.reason, sessionId: await sessionIdFor(ctx, event) };

  const text = messageText(message);
  const channel = channelForMessage(message.type, message.metadata);
  const sender = senderHandle(message) ?? (conversation.recipient ? { handle: conversation.recipient.handle, name: conversation.recipient.name ?? null } : null);
  const { session, created } = await findOrCreateSession(ctx.db, {
    frontConversationId: conversation.id,
    channel,
    subject: conversation.subject ?? message.subject ?? null,
    contactHandle: sender?.handle ?? null,
    contactName: sender?.name ?? null,
    initialStatus: eligibility.eligible ? "ai_answering" : "skipped",
    statusReason: eligibility.eligible ? null : eligibility.reason,
  });
  await addSessionMessage(ctx.db, {
    sessionId: session.id,
    frontMessageId: message.id,
    direction: "inbound",
    authorType: "customer",
    authorName: sender?.name ?? sender?.handle ?? null,
    messageType: message.type ?? "unknown",
    subject: message.subject ?? null,
    text,
    metadata: { ...(message.metadata ?? {}), attachments: message.attachments ?? [] },
    sentAt: message.created_at ? new Date(message.created_at * 1000) : undefined,
  });

  if (!eligibility.eligible) {
    const keepStatus = !created && session.status !== "skipped";
    await updateSession(ctx.db, session.id, keepStatus ? { preview: preview(text) } : { status: "skipped", statusReason: eligibility.reason, preview: preview(text) });
    return { decision: "skipped", reason: eligibility.reason, sessionId: session.id };
  }
  if (!text) {
    await updateSession(ctx.db, session.id, { statusReason: "waiting for the call's text" });
    return { decision: "skipped", reason: "the message has no text yet", sessionId: session.id };
  }

  await updateSession(ctx.db, session.id, { status: "ai_answering", statusReason: null, preview: preview(text) });
  let run = await findRun(ctx.db, session.id, message.id);
  if (!run || run.status === "running") {
    await answerWithAgent(ctx, { row, sessionId: session.id, messageId: message.id, text, channel, conversationSubject: conversation.subject, contact: sender?.handle, call: callDetails(message) });
    run = await findRun(ctx.db, session.id, message.id);
  }
  if (!run) throw new Error(`run for ${message.id} vanished`);
  if (run.deliveryStatus !== "delivered") await deliverOutcome(ctx, { run, session, conversationId: conversation.id });
  return { decision: "processed", reason: run.outcome === "reply" ? "the AI replied" : "the AI handed off to a person", sessionId: session.id };
}

interface AnswerInput {
  row: WebhookEvent;
  sessionId: string;
  messageId: string;
  text: string;
  channel: ReturnType<typeof channelForMessage>;
  conversationSubject?: string | null;
  contact?: string | null;
  call: ReturnType<typeof callDetails>;
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
      system: buildSystemPrompt({ channel: input.channel, contactHandle: input.contact, subject: input.conversationSubject, call: input.call }),
      messages: buildMessages(history),
      tools: { search_knowledge_base: searchKnowledgeBaseTool(ctx.db), handoff_to_human: handoffToHumanTool() },
      onSteps: async (rows) => {
        position += rows.length;
        await insertSteps(ctx.db, run.id, rows);
      },
    });
    tokens = { inputTokens: result.inputTokens, outputTokens: result.outputTokens };
    outcome = result.outcome ?? fallbackHandoff(input.text);
    if (!result.outcome) error = "the model ended without answering or handing off";
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
    outcome = fallbackHandoff(input.text);
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
    await getOrCreateHandoff(ctx.db, {
      sessionId: input.sessionId,
      runId: run.id,
      reason: outcome.reason,
      summary: outcome.summary,
      sentiment: outcome.sentiment,
    });
  }
  await updateSession(ctx.db, input.sessionId, { sentiment: outcome.sentiment, ...(outcome.kind === "handoff" ? { summary: outcome.summary } : {}) });
}

/** When the AI cannot finish, a person still gets the conversation, with a summary made without the model. */
function fallbackHandoff(text: string): AgentOutcome {
  return { kind: "handoff", reason: "error", summary: summarize(text) || "The AI could not process this message.", sentiment: scoreSentiment(text).label };
}

/** The customer's own words for the Inbox row: no transcript header, no agent lines, no quoted history. */
function preview(text: string): string {
  const words = extractCustomerWords(text) || text;
  return words.replace(/\s+/g, " ").trim().slice(0, 280);
}

async function handleTeammateMessage(ctx: PipelineContext, event: FrontEvent): Promise<EventDecision> {
  const session = event.conversation?.id ? await getSessionByConversation(ctx.db, event.conversation.id) : undefined;
  if (!session) return { decision: "recorded", reason: "outbound message on a conversation without a session" };
  const message = await loadMessage(ctx, event);
  if (!message) return { decision: "recorded", reason: "outbound event without a message", sessionId: session.id };
  if (message.author?.id && message.author.id === ctx.settings.aiTeammateId) {
    return { decision: "recorded", reason: "the AI's own reply", sessionId: session.id };
  }
  const name = [message.author?.first_name, message.author?.last_name].filter(Boolean).join(" ") || message.author?.username || "Teammate";
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
  await updateSession(ctx.db, session.id, {});
  return { decision: "recorded", reason: `reply by ${name} recorded`, sessionId: session.id };
}

async function handleArchive(ctx: PipelineContext, event: FrontEvent): Promise<EventDecision> {
  const session = event.conversation?.id ? await getSessionByConversation(ctx.db, event.conversation.id) : undefined;
  if (!session) return { decision: "recorded", reason: "archived conversation without a session" };
  await updateSession(ctx.db, session.id, { status: "resolved", resolvedAt: new Date() });
  return { decision: "processed", reason: "conversation archived: session resolved", sessionId: session.id };
}


