import type { LanguageModel, ToolSet } from "ai";
import { extractCustomerWords } from "../text-analysis";
import type { AgentOutcome } from "../agent/outcome";
import { fallbackHandoff, runAgentTurn, type AgentTurnResult } from "../agent/turn";
import { normalizeHandle, prepareMessage, type PreparedMessage } from "../channels";
import { redactForModel } from "../redaction/redact";
import type { Db } from "../db/client";
import { findRun, finishRun, getOrCreateHandoff, insertSteps, startRun, type NewStep } from "../db/queries/agent-runs";
import {
  addSessionMessage,
  findOrCreateSession,
  getSessionByConversation,
  listSessionMessages,
  updateSession,
  updateSessionMessageContent,
} from "../db/queries/sessions";
import type { EventDecision } from "../db/queries/webhook-events";
import type { AgentRun, Handoff, Session, WebhookEvent } from "../db/schema";
import type { Channel } from "../front/channels";
import type { FrontConversation, FrontMessage } from "../front/types";
import type { AgentSettings } from "../settings/ai-settings";
import type { FrontSettings } from "../settings/front-settings";
import { deliverOutcome, type DeliveryResult } from "./deliver";
import { decideEligibility, type CheckId, type Eligibility } from "./eligibility";
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
    return {
      decision: "skipped",
      reason: eligibility.reason,
      failedCheck: eligibility.check,
      sessionId: (await getSessionByConversation(ctx.db, conversation.id))?.id ?? null,
    };
  }

  const turn = await recordCustomerTurn(ctx.db, {
    message,
    conversation,
    channel,
    eligibility,
    redactionPatterns: agent.redactionPatterns,
  });
  const { session } = turn;
  if (turn.skip) return { decision: "skipped", ...turn.skip, sessionId: session.id };

  let run = await findRun(ctx.db, session.id, message.id);
  // Answered before (a re-run, or Front repeating itself): the session keeps the status its answer gave it.
  if (run?.deliveryStatus === "delivered")
    return { decision: "processed", reason: "already answered", sessionId: session.id };
  await updateSession(ctx.db, session.id, { status: "ai_answering", statusReason: null, preview: turn.preview });
  if (!run || run.status === "running") {
    ({ run } = await recordAgentRun(ctx, {
      event: row,
      sessionId: session.id,
      messageId: message.id,
      channel,
      subject: conversation.subject,
      agent,
      contact: turn.sender?.handle,
      call: turn.content.call,
    }));
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

export interface CustomerTurnInput {
  message: FrontMessage;
  conversation: FrontConversation;
  channel: Channel;
  eligibility: Eligibility;
  /** Settings → AI's own patterns, redacted on top of cards, national ids and bank accounts. */
  redactionPatterns: AgentSettings["redactionPatterns"];
  /** When a skip happened, if not now (the sample history is backdated). */
  now?: Date;
}

export interface CustomerTurn {
  session: Session;
  created: boolean;
  content: PreparedMessage;
  sender: { handle: string; name: string | null } | null;
  /** The customer's words for the Inbox row. */
  preview: string;
  /** Why the AI leaves this turn alone (the session is then marked skipped); null when it answers. */
  skip: { reason: string; failedCheck?: CheckId } | null;
}

/**
 * The first step of a customer's turn: find or create the conversation's session and store the customer's message
 * on it, redacted for the model. A turn the AI does not take (not eligible, or no text yet) marks the session skipped.
 */
export async function recordCustomerTurn(db: Db, input: CustomerTurnInput): Promise<CustomerTurn> {
  const { message, conversation, channel, eligibility } = input;
  const content = prepareMessage({
    channel,
    type: message.type ?? null,
    subject: message.subject ?? null,
    body: message.body ?? null,
    text: message.text ?? null,
    attachments: message.attachments ?? [],
    metadata: message.metadata ?? {},
  });
  const sender =
    senderHandle(message) ??
    (conversation.recipient
      ? { handle: conversation.recipient.handle, name: conversation.recipient.name ?? null }
      : null);
  const { session, created } = await findOrCreateSession(db, {
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
  const forModel = redactForModel(content.modelText, input.redactionPatterns);
  const recorded = {
    subject: content.subject ?? null,
    text: content.displayText,
    modelText: forModel.text === content.displayText ? null : forModel.text,
    metadata:
      forModel.redactions.length > 0 ? { ...content.metadata, redactions: forModel.redactions } : content.metadata,
  };
  const added = await addSessionMessage(db, {
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
  if (!added) await updateSessionMessageContent(db, message.id, recorded);
  const preview = previewOf(forModel.text || content.displayText);
  const turn = { session, created, content, sender, preview };

  if (!eligibility.eligible) {
    // A later message on a conversation a person now owns keeps the session's status (e.g. handed off).
    const keepStatus = !created && session.status !== "skipped";
    await updateSession(
      db,
      session.id,
      keepStatus
        ? { preview }
        : {
            status: "skipped",
            statusReason: eligibility.reason,
            preview,
            aiOutcome: "skipped",
            aiOutcomeAt: input.now,
          },
    );
    return { ...turn, skip: { reason: eligibility.reason, failedCheck: eligibility.check } };
  }
  if (!content.usable) {
    const reason = channel === "voice" ? "waiting for the call's transcript" : "the message has no text";
    await updateSession(db, session.id, {
      status: "skipped",
      statusReason: reason,
      preview,
      aiOutcome: "skipped",
      aiOutcomeAt: input.now,
    });
    return { ...turn, skip: { reason } };
  }
  return { ...turn, skip: null };
}

/** What the agent step needs from the app: the database, the model the settings name, the team's actions. */
export type AgentRunContext = Pick<PipelineContext, "db" | "modelFor" | "loadActions">;

export interface AgentRunInput {
  /** The webhook event that brought the turn. */
  event: Pick<WebhookEvent, "id" | "receivedAt">;
  sessionId: string;
  messageId: string;
  channel: Channel;
  subject?: string | null;
  agent: AgentSettings;
  contact?: string | null;
  call?: { durationSeconds?: number; answered?: boolean } | null;
  /** Stand-ins for built-in tools, by name (the sample history remembers its knowledge-base searches). */
  tools?: ToolSet;
  /** Dates each batch of step rows before it is stored, if not as they ran (the sample history is backdated). */
  timeSteps?: (steps: NewStep[]) => NewStep[];
}

export interface RecordedRun {
  run: AgentRun;
  outcome: AgentOutcome;
  /** The handoff the outcome asks for, recorded; null for a reply. */
  handoff: Handoff | null;
}

/**
 * The second step: runs the agent once on the session's messages (redacted, within the settings' step and time
 * limits, every step priced, with the built-in tools and the team's actions) and stores its steps and outcome. A
 * model failure becomes a handoff with reason `error`.
 */
export async function recordAgentRun(ctx: AgentRunContext, input: AgentRunInput): Promise<RecordedRun> {
  const timeSteps = input.timeSteps ?? ((steps: NewStep[]) => steps);
  const run = await startRun(ctx.db, {
    sessionId: input.sessionId,
    triggerMessageId: input.messageId,
    webhookEventId: input.event.id,
    model: input.agent.model,
    receivedAt: input.event.receivedAt,
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
        conversation: {
          channel: input.channel,
          contactHandle: input.contact,
          subject: input.subject,
          call: input.call,
        },
        history,
        sessionId: input.sessionId,
        actions: await ctx.loadActions(),
        tools: input.tools,
        onSteps: (rows) => insertSteps(ctx.db, run.id, timeSteps(rows)),
      })
    : failedTurn(history, setupError ?? "no model");
  if (result.failureStep) await insertSteps(ctx.db, run.id, timeSteps([result.failureStep]));
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
  const handoff =
    outcome.kind === "handoff"
      ? await getOrCreateHandoff(ctx.db, {
          sessionId: input.sessionId,
          runId: run.id,
          reason: outcome.reason,
          summary: outcome.summary,
          sentiment: outcome.sentiment,
        })
      : null;
  await updateSession(ctx.db, input.sessionId, {
    sentiment: outcome.sentiment,
    ...(outcome.kind === "handoff" ? { summary: outcome.summary } : {}),
  });
  return { run: finished, outcome, handoff };
}

/** A run that could not start (e.g. a hosted model without its base URL): hand off, and say why. */
function failedTurn(
  history: { authorType: string; text: string; modelText?: string | null }[],
  error: string,
): AgentTurnResult {
  const turn = [...history].reverse().find((message) => message.authorType === "customer");
  return {
    outcome: fallbackHandoff(turn?.modelText ?? turn?.text ?? ""),
    error,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    failureStep: {
      position: 0,
      kind: "text",
      text: "The run failed; handing off to a person.",
      error,
      startedAt: new Date(),
      durationMs: 0,
    },
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
