/**
 * Lays down weeks of believable history for the demo: thousands of sessions across every channel, each customer
 * turn through the pipeline's own steps (recordCustomerTurn, recordAgentRun: redaction, limits, pricing, the real
 * tools over the knowledge base) with the offline model deciding each answer or handoff. What differs from live
 * traffic: nothing is sent to Front (deliveries are recorded as done, with synthetic `com_sample…`/`uid_sample…`
 * ids), no job is queued, and every timestamp is moved into the past. Deterministic for a seed and an end time.
 */
import type { ToolSet } from "ai";
import type { AgentOutcome } from "../agent/outcome";
import { createLocalModel } from "../agent/local-model";
import { searchKnowledgeBaseTool } from "../agent/tools/search-knowledge-base";
import type { Db } from "../db/client";
import { markRunDelivered, recordHandoffProgress, type NewStep } from "../db/queries/agent-runs";
import {
  backdateHandoffs,
  backdateMessages,
  backdateRuns,
  backdateSessions,
  insertSampleWebhookEvents,
  settleSampleWebhookEvents,
  type SampleEventDecision,
  type SampleRunTimes,
  type SampleSessionTimes,
  type SampleWebhookEvent,
} from "../db/queries/sample-data";
import { addSessionMessage, recordHumanFollowUp, updateSession, type SessionStatus } from "../db/queries/sessions";
import type { Session } from "../db/schema";
import { channelForMessage, type Channel, type MessageOrigin } from "../front/channels";
import type { FrontConversation, FrontMessage } from "../front/types";
import {
  DECISION_REASONS,
  recordAgentRun,
  recordCustomerTurn,
  type AgentRunContext,
  type CustomerTurn,
} from "../pipeline/customer-message";
import { sessionUrl } from "../pipeline/deliver";
import { decideEligibility, teammateName } from "../pipeline/eligibility";
import { markEventFailed } from "../pipeline/failures";
import { handoffCommentBody } from "../pipeline/handoff-comment";
import { DEFAULT_AGENT_SETTINGS, type AgentSettings } from "../settings/ai-settings";
import { AI_TEAMMATE, planSessions, type PlannedSession, type Teammate } from "./plan";
import { Prng } from "./prng";
import { isOpen, localTime } from "./schedule";
import { composeTeammateReply } from "./templates";
import { percentile } from "../stats";

export interface SampleHistoryOptions {
  /** How far back the history reaches. */
  days?: number;
  /** About how many conversations in all. */
  sessions?: number;
  seed?: string | number;
  /** The end of the history (now by default): nothing is dated later. */
  now?: Date;
  /** Where the business is: its weekday and office-hour rhythm. */
  timeZone?: string;
  /** For the session link in handoff comments. */
  appUrl?: string;
  /** Sessions written per transaction. */
  chunkSize?: number;
  /** After each chunk. */
  onProgress?: (progress: { done: number; total: number; elapsedMs: number }) => void;
  /** Lets other work (a server's requests) run between chunks. */
  yieldBetweenChunks?: boolean;
  /** Stops after the chunk being written (each chunk is one transaction, so nothing is left half-written). */
  signal?: AbortSignal;
}

export const SAMPLE_DEFAULTS = {
  days: 30,
  sessions: 3000,
  seed: "frontline-sample-history",
  timeZone: "America/New_York",
  chunkSize: 25,
} as const;

/**
 * The default Settings → AI with the offline model: the history never calls a hosted model, and it is written
 * (at the first start) before a team has settings of its own.
 */
const AGENT: AgentSettings = { ...DEFAULT_AGENT_SETTINGS, model: "local" };

const SETTINGS = {
  aiTeammateId: AI_TEAMMATE.id,
  handleUnassigned: true,
  enabled: true,
  channels: { voice: true, email: true, sms: true, whatsapp: true, web: true },
};

const INBOXES: Record<Channel, { id: string; name: string; address: string }> = {
  voice: { id: "inb_sample_phone", name: "Phone", address: "+16175550100" },
  email: { id: "inb_sample_email", name: "Support email", address: "support@acme.example" },
  sms: { id: "inb_sample_sms", name: "SMS", address: "+16175550101" },
  whatsapp: { id: "inb_sample_whatsapp", name: "WhatsApp", address: "+16175550102" },
  web: { id: "inb_sample_chat", name: "Website chat", address: "chat.acme.example" },
};

const ENVELOPE_TYPES: Record<string, string> = {
  inbound: "inbound_received",
  outbound: "outbound_sent",
  archive: "conversation_archived",
  reopen: "conversation_reopened",
};

export interface SampleHistorySummary {
  sessions: number;
  messages: number;
  runs: number;
  handoffs: number;
  webhookEvents: number;
  byChannel: Record<string, number>;
  /** Final session status. */
  byStatus: Record<string, number>;
  /** How each session ended for the AI: answered, handed_off, skipped, failed. */
  outcomes: Record<string, number>;
  handoffReasons: Record<string, number>;
  sentiments: Record<string, number>;
  /** Sessions resolved (archived) later. */
  resolved: number;
  calls: { answered: number; voicemail: number };
  contacts: number;
  /** Contacts with more than one session. */
  repeatContacts: number;
  /** Webhook received → outcome delivered, in seconds, over delivered runs. */
  outcomeSeconds: { min: number; p50: number; p90: number; p99: number; max: number };
  elapsedMs: number;
}

interface ChunkWrites {
  sessions: SampleSessionTimes[];
  runs: SampleRunTimes[];
  handoffs: { id: string; createdAt: Date }[];
  customerRecorded: { frontMessageId: string; recordedAt: Date }[];
  decisions: SampleEventDecision[];
  /** Events written once their session is done (a teammate's reply, an archive). */
  later: { event: SampleWebhookEvent; decision: Omit<SampleEventDecision, "id"> }[];
}

interface Stats {
  messages: number;
  runs: number;
  handoffs: number;
  events: number;
  outcomeMs: number[];
  perSession: {
    channel: string;
    status: string;
    outcome: string;
    sentiment: string | null;
    resolved: boolean;
    contactKey: string | null;
    call: PlannedSession["call"];
  }[];
  reasons: Record<string, number>;
  /** Sessions that ended failed: Front stayed down, or refused the reply. */
  failedSessions: Set<string>;
}

interface GenerationContext {
  db: Db;
  now: number;
  appUrl: string;
  timeZone: string;
  writes: ChunkWrites;
  stats: Stats;
  tools: AgentTools;
}

/** Stand-ins for the agent's knowledge-base search; its other tools are the pipeline's own. */
interface AgentTools {
  normal: ToolSet;
  /** The knowledge-base search times out: the agent hands off with reason error. */
  failingSearch: ToolSet;
}

/**
 * The real knowledge-base search, made once per transaction. A search asked before is answered from memory with
 * the same results: the knowledge base does not change while the history is written.
 */
function agentTools(db: Db, searches: Map<string, Promise<unknown>>): AgentTools {
  const search = searchKnowledgeBaseTool(db);
  const execute = search.execute!;
  const remembered: typeof search = {
    ...search,
    execute: (input, options) => {
      let result = searches.get(input.query);
      if (!result) searches.set(input.query, (result = Promise.resolve(execute(input, options))));
      return result as ReturnType<typeof execute>;
    },
  };
  const failing: typeof search = {
    ...search,
    execute: async () => {
      throw new Error("knowledge base search timed out after 10000ms");
    },
  };
  return { normal: { search_knowledge_base: remembered }, failingSearch: { search_knowledge_base: failing } };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const at = (ms: number) => new Date(Math.round(ms));
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function htmlBody(text: string): string {
  const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/** The Front message as a webhook would carry it. */
function frontMessage(
  plan: PlannedSession,
  id: string,
  text: string,
  sentAt: Date,
  subject: string | null,
): FrontMessage {
  return {
    id,
    type: plan.messageType,
    is_inbound: true,
    created_at: seconds(sentAt),
    subject,
    blurb: text.replace(/\s+/g, " ").slice(0, 120),
    body: htmlBody(text),
    text,
    author: null,
    recipients: [
      { handle: plan.handle, name: plan.name, role: "from" },
      { handle: INBOXES[plan.channel].address, name: null, role: "to" },
    ],
    attachments: [],
    metadata: plan.call ? { duration: plan.call.durationSeconds, have_been_answered: plan.call.answered } : {},
  };
}

function frontConversation(plan: PlannedSession, status: string, assignee: Teammate | null): FrontConversation {
  return {
    id: plan.conversationId,
    subject: plan.conversationSubject,
    status,
    assignee: assignee
      ? {
          ...assignee,
          email: `${assignee.first_name.toLowerCase()}@acme.example`,
          username: assignee.first_name.toLowerCase(),
        }
      : null,
    recipient: { handle: plan.handle, name: plan.name, role: "from" },
    created_at: seconds(plan.sentAt),
  };
}

/** The sample company's phone line is its own phone channel, so a call there is voice whatever its message type. */
const SAMPLE_ORIGIN: MessageOrigin = {
  phoneChannels: [{ id: "cha_samplephone", name: "Phone", address: INBOXES.voice.address, inboxId: INBOXES.voice.id }],
};

/** The stored body of a Front application webhook: the envelope and its event. */
function eventBody(
  type: string,
  eventId: string,
  emittedAt: Date,
  conversation: FrontConversation,
  channel: Channel,
  target: { kind: string; data: unknown } | null,
) {
  return {
    type: ENVELOPE_TYPES[type] ?? type,
    authorization: { id: "cmp_sample" },
    payload: {
      id: eventId,
      type,
      emitted_at: seconds(emittedAt),
      source:
        type === "archive"
          ? { _meta: { type: "teammate" }, data: conversation.assignee ?? null }
          : { _meta: { type: "inboxes" }, data: [INBOXES[channel]] },
      target: target ? { _meta: { type: target.kind }, data: target.data } : null,
      conversation,
    },
  };
}

/** When a person picks up: soon during office hours, after the next opening otherwise. */
function pickupTime(rng: Prng, from: number, timeZone: string): number {
  let t = from;
  for (let i = 0; i < 96 && !isOpen(localTime(at(t), timeZone)); i++) t = (Math.floor(t / 3_600_000) + 1) * 3_600_000;
  const wait = t === from ? rng.logNormal(25 * 60_000, 1.0) : rng.logNormal(40 * 60_000, 0.8);
  return t + clamp(wait, 60_000, 8 * 3_600_000);
}

/** A webhook-to-Front delay that now and then waits out Front's rate limit. */
function frontCallMs(rng: Prng, median: number): number {
  const call = clamp(rng.logNormal(median, 0.55), 120, 8_000);
  return rng.chance(0.03) ? call + clamp(rng.logNormal(9_000, 0.5), 2_000, 40_000) : call;
}

/**
 * Dates a run's step rows, batch by batch (one batch per model step) from `startMs`, with the durations a hosted
 * model and Front would take: a model step of a second or two, a knowledge-base search of tens of milliseconds.
 * `endMs` is when the last one ended.
 */
function stepClock(rng: Prng, startMs: number) {
  const clock = {
    endMs: startMs,
    time(batch: NewStep[]): NewStep[] {
      const cursor = clock.endMs;
      // The failure note a run ends with takes no time of its own.
      if (batch.length === 1 && batch[0].kind !== "tool_call" && batch[0].error)
        return [{ ...batch[0], startedAt: at(cursor), durationMs: 0 }];
      const modelMs = Math.round(clamp(rng.logNormal(1_300, 0.55), 250, 12_000));
      let toolsMs = 0;
      let modelTimed = false;
      const steps: NewStep[] = [];
      for (const row of batch) {
        if (row.kind === "tool_call") {
          const toolMs =
            row.toolName === "search_knowledge_base"
              ? row.error
                ? 10_000
                : Math.round(clamp(rng.logNormal(90, 0.5), 15, 2_000))
              : rng.int(1, 4);
          steps.push({ ...row, startedAt: at(cursor + modelMs + toolsMs), durationMs: toolMs });
          toolsMs += toolMs;
        } else {
          steps.push({ ...row, startedAt: at(cursor), durationMs: modelTimed ? 0 : modelMs });
          modelTimed = true;
        }
      }
      clock.endMs = cursor + modelMs + toolsMs;
      return steps;
    },
  };
  return clock;
}

interface TurnInput {
  plan: PlannedSession;
  /** The customer's message as recordCustomerTurn stored it. */
  turn: CustomerTurn;
  channel: Channel;
  triggerMessageId: string;
  webhookEventId: number;
  receivedAt: Date;
  /** When the worker picked the event up. */
  startedMs: number;
  /** Only the first turn can fail or meet a failing search. */
  failure: PlannedSession["failure"];
  toolError: boolean;
  rng: Prng;
}

interface TurnResult {
  outcome: AgentOutcome;
  /** When the outcome reached Front (or the event was given up on). */
  doneAt: number;
  status: SessionStatus;
  replyText: string | null;
}

/** One customer turn as the pipeline handles it: run the agent once, store the outcome, deliver it (simulated). */
async function answerTurn(ctx: GenerationContext, input: TurnInput): Promise<TurnResult> {
  const { db, writes, stats } = ctx;
  const { plan, turn, rng } = input;
  const { session } = turn;
  const { startedMs } = input;
  const clock = stepClock(rng, startedMs);
  const pipeline: AgentRunContext = {
    db,
    // The offline model, its ids drawn from the session's seed so the history comes out the same every time.
    modelFor: () => createLocalModel({ generateId: () => rng.token(24) }),
    // No team action's server is called for made-up conversations.
    loadActions: async () => [],
  };
  const { run, outcome, handoff } = await recordAgentRun(pipeline, {
    event: { id: input.webhookEventId, receivedAt: input.receivedAt },
    sessionId: session.id,
    messageId: input.triggerMessageId,
    channel: input.channel,
    subject: plan.conversationSubject,
    agent: AGENT,
    contact: turn.sender?.handle,
    call: turn.content.call,
    tools: input.toolError ? ctx.tools.failingSearch : ctx.tools.normal,
    timeSteps: clock.time,
  });
  const finishedMs = clock.endMs + rng.int(2, 15);
  stats.runs++;

  const { preview } = turn;
  const failure = input.failure === "reply_refused" && outcome.kind !== "reply" ? "delivery_failed" : input.failure;
  const decide = (decision: Omit<SampleEventDecision, "id" | "sessionId" | "receivedAt">) =>
    writes.decisions.push({
      id: input.webhookEventId,
      sessionId: session.id,
      receivedAt: input.receivedAt,
      ...decision,
    });

  if (outcome.kind === "handoff") {
    // recordAgentRun recorded the handoff a handoff outcome asks for.
    const handoffId = handoff!.id;
    writes.handoffs.push({ id: handoffId, createdAt: at(finishedMs + 1) });
    stats.handoffs++;
    stats.reasons[outcome.reason] = (stats.reasons[outcome.reason] ?? 0) + 1;
    const body = handoffCommentBody(outcome, sessionUrl(ctx.appUrl, session.id));
    const commentMs = finishedMs + frontCallMs(rng, 700);
    if (failure === "delivery_failed") {
      // Front stayed down through every retry: the event and session are marked failed as the worker would.
      const commented = rng.chance(0.5);
      const path = commented
        ? `PUT /conversations/${plan.conversationId}/assignee`
        : `POST /conversations/${plan.conversationId}/comments`;
      const message = rng.chance(0.5)
        ? `Front answered 503 to ${path}: Service Unavailable`
        : `Front did not answer ${path} within 15000ms`;
      if (commented) {
        await recordHandoffProgress(db, handoffId, {
          frontCommentId: `com_sample_${rng.token(10)}`,
          commentBody: body,
          commentPostedAt: at(commentMs),
          error: `unassign failed: ${message}`,
        });
      }
      return failTurn(ctx, input, { runId: run.id, startedMs, finishedMs }, outcome, preview, message);
    }
    const unassignedMs = commentMs + frontCallMs(rng, 450);
    await recordHandoffProgress(db, handoffId, {
      frontCommentId: `com_sample_${rng.token(10)}`,
      commentBody: body,
      commentPostedAt: at(commentMs),
      unassignedAt: at(unassignedMs),
      error: null,
    });
    await markRunDelivered(db, run.id);
    const deliveredMs = unassignedMs + rng.int(3, 20);
    writes.runs.push({
      id: run.id,
      startedAt: at(startedMs),
      finishedAt: at(finishedMs),
      deliveredAt: at(deliveredMs),
    });
    await updateSession(db, session.id, {
      status: "handed_off",
      statusReason: null,
      flag: null,
      summary: outcome.summary,
      sentiment: outcome.sentiment,
      handoffReason: outcome.reason,
      preview,
      aiOutcome: "handed_off",
      aiOutcomeAt: at(deliveredMs),
    });
    stats.outcomeMs.push(deliveredMs - input.receivedAt.getTime());
    decide({
      decision: "processed",
      reason: DECISION_REASONS.handed_off,
      processedAt: at(deliveredMs + rng.int(5, 30)),
    });
    return { outcome, doneAt: deliveredMs, status: "handed_off", replyText: null };
  }

  if (failure === "delivery_failed") {
    const message = `Front answered 503 to POST /conversations/${plan.conversationId}/messages: Service Unavailable`;
    return failTurn(ctx, input, { runId: run.id, startedMs, finishedMs }, outcome, preview, message);
  }
  const deliveredMs = finishedMs + frontCallMs(rng, 650);
  writes.runs.push({ id: run.id, startedAt: at(startedMs), finishedAt: at(finishedMs), deliveredAt: at(deliveredMs) });
  stats.outcomeMs.push(deliveredMs - input.receivedAt.getTime());
  if (failure === "reply_refused") {
    // Front refused the reply itself: the answer went to an internal comment and the session is flagged.
    const refusal = REFUSALS[plan.channel];
    stats.failedSessions.add(session.id);
    await markRunDelivered(db, run.id);
    await updateSession(db, session.id, {
      status: "failed",
      flag: "reply_not_delivered",
      statusReason: `Front refused the reply: Front answered 400 to POST /conversations/${plan.conversationId}/messages: ${refusal}`,
      sentiment: outcome.sentiment,
      preview,
      aiOutcome: "failed",
      aiOutcomeAt: at(deliveredMs),
    });
    decide({
      decision: "processed",
      reason: DECISION_REASONS.reply_refused,
      processedAt: at(deliveredMs + rng.int(5, 30)),
    });
    return { outcome, doneAt: deliveredMs, status: "failed", replyText: null };
  }
  const messageUid = `uid_sample_${rng.token(16)}`;
  await markRunDelivered(db, run.id, messageUid);
  await addSessionMessage(db, {
    sessionId: session.id,
    frontMessageId: null,
    direction: "outbound",
    authorType: "ai",
    authorName: "Frontline AI",
    messageType: "reply",
    text: outcome.text,
    metadata: { runId: run.id, messageUid },
    sentAt: at(deliveredMs),
  });
  stats.messages++;
  await updateSession(db, session.id, {
    status: "answered",
    statusReason: null,
    flag: null,
    sentiment: outcome.sentiment,
    preview,
    aiOutcome: "answered",
    aiOutcomeAt: at(deliveredMs),
  });
  decide({ decision: "processed", reason: DECISION_REASONS.replied, processedAt: at(deliveredMs + rng.int(5, 30)) });
  return { outcome, doneAt: deliveredMs, status: "answered", replyText: outcome.text };
}

const REFUSALS: Record<Channel, string> = {
  voice: "Replies are not supported on this channel",
  email: "The channel is disabled",
  sms: "The channel has no sending number configured",
  whatsapp: "The WhatsApp channel is disconnected",
  web: "The chat session has ended",
};

/** Every retry failed: the worker's last-attempt handler marks the run, session and event failed. */
async function failTurn(
  ctx: GenerationContext,
  input: TurnInput,
  run: { runId: string; startedMs: number; finishedMs: number },
  outcome: AgentOutcome,
  preview: string,
  message: string,
): Promise<TurnResult> {
  const { db, writes } = ctx;
  const { session } = input.turn;
  const { rng } = input;
  await updateSession(db, session.id, {
    status: "ai_answering",
    statusReason: null,
    preview,
    sentiment: outcome.sentiment,
    ...(outcome.kind === "handoff" ? { summary: outcome.summary } : {}),
  });
  await markEventFailed(db, input.webhookEventId, new Error(message));
  ctx.stats.failedSessions.add(session.id);
  // Five attempts with backoff: the worker gives up a few minutes later.
  const gaveUpMs = Math.min(ctx.now, run.finishedMs + rng.int(90, 400) * 1000);
  await updateSession(db, session.id, { aiOutcome: "failed", aiOutcomeAt: at(gaveUpMs) });
  writes.runs.push({ id: run.runId, startedAt: at(run.startedMs), finishedAt: at(run.finishedMs), deliveredAt: null });
  writes.decisions.push({
    id: input.webhookEventId,
    sessionId: session.id,
    receivedAt: input.receivedAt,
    decision: "failed",
    reason: "processing failed after every retry",
    error: message,
    processedAt: at(gaveUpMs),
  });
  return { outcome, doneAt: gaveUpMs, status: "failed", replyText: null };
}

/** How long the worker took to pick an event up: usually a fraction of a second, longer in a burst. */
function queueDelay(rng: Prng): number {
  return Math.round(clamp(rng.logNormal(350, 0.9), 40, 15_000));
}

/** A teammate's reply after a handoff (or on a conversation they own), recorded as recordTeammateMessage does. */
async function teammateReply(
  ctx: GenerationContext,
  plan: PlannedSession,
  session: Session,
  replyMs: number,
  rng: Prng,
): Promise<number> {
  const name = teammateName(plan.teammate);
  const minutes = rng.int(1, 6);
  const text =
    plan.channel === "voice"
      ? `Outbound call (${minutes}m${String(rng.int(0, 59)).padStart(2, "0")}s)\nCalled ${plan.slots.first} back and sorted it out on the phone.`
      : composeTeammateReply(rng, plan.topic, plan.slots);
  const messageId = `msg_sample_${rng.token(12)}`;
  const subject = plan.channel === "email" ? `Re: ${plan.subject?.replace(/^Re:\s*/i, "") ?? "your message"}` : null;
  await addSessionMessage(ctx.db, {
    sessionId: session.id,
    frontMessageId: messageId,
    direction: "outbound",
    authorType: "teammate",
    authorName: name,
    messageType: plan.messageType,
    subject,
    text,
    sentAt: at(replyMs),
  });
  ctx.stats.messages++;
  await recordHumanFollowUp(ctx.db, session.id, "reply", at(replyMs));
  const receivedMs = replyMs + rng.int(400, 2_000);
  const processedMs = receivedMs + queueDelay(rng) + rng.int(10, 60);
  const message = {
    ...frontMessage(plan, messageId, text, at(replyMs), subject),
    is_inbound: false,
    author: plan.teammate,
    recipients: [{ handle: plan.handle, name: plan.name, role: "to" }],
  };
  ctx.writes.later.push({
    event: {
      frontEventId: `evt_sample_${rng.token(12)}`,
      envelopeType: ENVELOPE_TYPES.outbound,
      eventType: "outbound",
      frontConversationId: plan.conversationId,
      body: eventBody("outbound", "", at(replyMs), frontConversation(plan, "assigned", plan.teammate), plan.channel, {
        kind: "message",
        data: message,
      }),
    },
    decision: {
      decision: "recorded",
      reason: `reply by ${name} recorded`,
      sessionId: session.id,
      receivedAt: at(receivedMs),
      processedAt: at(processedMs),
    },
  });
  return processedMs;
}

/** The conversation was archived in Front: the session is resolved, as resolveSession does. */
/** A conversation event by a teammate (archive, reopen) that Front sends later, as the pipeline records it. */
function pushTeammateEvent(
  ctx: GenerationContext,
  plan: PlannedSession,
  session: Session,
  rng: Prng,
  event: {
    type: "archive" | "reopen";
    atMs: number;
    receivedMs: number;
    processedMs: number;
    decision: "processed" | "recorded";
    reason: string;
  },
): void {
  ctx.writes.later.push({
    event: {
      frontEventId: `evt_sample_${rng.token(12)}`,
      envelopeType: ENVELOPE_TYPES[event.type],
      eventType: event.type,
      frontConversationId: plan.conversationId,
      body: eventBody(
        event.type,
        "",
        at(event.atMs),
        frontConversation(plan, event.type === "archive" ? "archived" : "open", plan.teammate),
        plan.channel,
        null,
      ),
    },
    decision: {
      decision: event.decision,
      reason: event.reason,
      sessionId: session.id,
      receivedAt: at(event.receivedMs),
      processedAt: at(event.processedMs),
    },
  });
}

async function archiveConversation(
  ctx: GenerationContext,
  plan: PlannedSession,
  session: Session,
  archiveMs: number,
  rng: Prng,
): Promise<{ resolvedAt: Date; doneMs: number }> {
  const receivedMs = archiveMs + rng.int(300, 1_500);
  const resolvedMs = receivedMs + queueDelay(rng);
  await updateSession(ctx.db, session.id, {
    status: "resolved",
    resolvedAt: at(resolvedMs),
    statusReason: "conversation archived",
  });
  const processedMs = resolvedMs + rng.int(2, 10);
  pushTeammateEvent(ctx, plan, session, rng, {
    type: "archive",
    atMs: archiveMs,
    receivedMs,
    processedMs,
    decision: "processed",
    reason: "conversation archived: session resolved",
  });
  return { resolvedAt: at(resolvedMs), doneMs: processedMs };
}

/** A teammate reopened the archived conversation (the answer did not settle it), as recordReopen does. */
async function reopenConversation(
  ctx: GenerationContext,
  plan: PlannedSession,
  session: Session,
  reopenMs: number,
  rng: Prng,
): Promise<number> {
  const receivedMs = reopenMs + rng.int(300, 1_500);
  const processedMs = receivedMs + queueDelay(rng) + rng.int(2, 10);
  await updateSession(ctx.db, session.id, {
    status: "answered",
    resolvedAt: null,
    statusReason: "conversation reopened",
  });
  await recordHumanFollowUp(ctx.db, session.id, "reopen", at(reopenMs));
  pushTeammateEvent(ctx, plan, session, rng, {
    type: "reopen",
    atMs: reopenMs,
    receivedMs,
    processedMs,
    decision: "recorded",
    reason: "conversation reopened",
  });
  return processedMs;
}

/**
 * One planned conversation from its first webhook to where it stands now: the AI's turn (or the skip), maybe
 * the customer's follow-up, then a teammate's reply and the archive when they happened before `now`.
 * Returns false when the conversation already exists (the history was generated before).
 */
async function writeSession(
  ctx: GenerationContext,
  plan: PlannedSession,
  webhookEventId: number | undefined,
  rng: Prng,
): Promise<boolean> {
  if (webhookEventId === undefined) return false;
  const { db, writes, stats } = ctx;
  const message = frontMessage(plan, plan.messageId, plan.text, plan.sentAt, plan.subject);
  const conversation = frontConversation(plan, "assigned", plan.assignee ?? AI_TEAMMATE);
  const channel = channelForMessage(message, SAMPLE_ORIGIN);
  const eligibility = decideEligibility(message, conversation, channel, SETTINGS);
  const startedMs = plan.receivedAt.getTime() + queueDelay(rng);
  const skippedMs = startedMs + rng.int(10, 40);
  const first = await recordCustomerTurn(db, {
    message,
    conversation,
    channel,
    eligibility,
    redactionPatterns: AGENT.redactionPatterns,
    now: at(skippedMs),
  });
  const { session } = first;
  if (!first.created) return false;
  stats.messages++;
  writes.customerRecorded.push({ frontMessageId: message.id, recordedAt: at(startedMs + rng.int(2, 12)) });

  let status: SessionStatus;
  let lastMs: number;
  let sentiment: string | null = null;
  let handedOff = false;
  if (first.skip) {
    lastMs = skippedMs;
    writes.decisions.push({
      id: webhookEventId,
      sessionId: session.id,
      receivedAt: plan.receivedAt,
      decision: "skipped",
      ...first.skip,
      processedAt: at(lastMs),
    });
    status = "skipped";
  } else {
    let turn = await answerTurn(ctx, {
      plan,
      turn: first,
      channel,
      triggerMessageId: message.id,
      webhookEventId,
      receivedAt: plan.receivedAt,
      startedMs: startedMs + rng.int(15, 60),
      failure: plan.failure,
      toolError: plan.toolError,
      rng,
    });
    handedOff = turn.outcome.kind === "handoff";
    const followUp = plan.followUp;
    const followUpSentMs = turn.doneAt + (followUp?.afterMs ?? 0);
    const followUpReceivedMs = followUpSentMs + rng.int(300, 2_500);
    if (followUp && turn.status === "answered" && turn.replyText && followUpReceivedMs + 60_000 < ctx.now) {
      const second = frontMessage(
        plan,
        followUp.messageId,
        followUp.text,
        at(followUpSentMs),
        plan.channel === "email" ? `Re: ${plan.subject?.replace(/^Re:\s*/i, "") ?? ""}` : null,
      );
      const ids = await insertSampleWebhookEvents(db, [
        {
          frontEventId: followUp.eventId,
          envelopeType: ENVELOPE_TYPES.inbound,
          eventType: "inbound",
          frontConversationId: plan.conversationId,
          body: eventBody("inbound", followUp.eventId, at(followUpReceivedMs), conversation, plan.channel, {
            kind: "message",
            data: second,
          }),
        },
      ]);
      const secondEventId = ids.get(followUp.eventId);
      if (secondEventId !== undefined) {
        stats.events++;
        const reply = await recordCustomerTurn(db, {
          message: second,
          conversation,
          channel,
          eligibility,
          redactionPatterns: AGENT.redactionPatterns,
        });
        stats.messages++;
        const secondStartedMs = followUpReceivedMs + queueDelay(rng);
        writes.customerRecorded.push({ frontMessageId: second.id, recordedAt: at(secondStartedMs) });
        // The agent reads the session's messages: the first question, the AI's answer (delivered above), this one.
        turn = await answerTurn(ctx, {
          plan,
          turn: reply,
          channel,
          triggerMessageId: second.id,
          webhookEventId: secondEventId,
          receivedAt: at(followUpReceivedMs),
          startedMs: secondStartedMs + rng.int(15, 60),
          failure: null,
          toolError: false,
          rng,
        });
        handedOff ||= turn.outcome.kind === "handoff";
      }
    }
    status = turn.status;
    lastMs = turn.doneAt;
    sentiment = turn.outcome.sentiment;
  }

  // Afterwards, as it happened in Front: a teammate picks up what the AI handed over, conversations get archived.
  let resolvedAt: Date | null = null;
  if ((status === "handed_off" || status === "skipped") && rng.chance(0.88)) {
    const replyMs = pickupTime(rng, lastMs, ctx.timeZone);
    if (replyMs < ctx.now - 60_000) {
      lastMs = await teammateReply(ctx, plan, session, replyMs, rng);
      const archiveMs = replyMs + clamp(rng.logNormal(20 * 60_000, 1.0), 60_000, 2 * 86_400_000);
      if (rng.chance(0.8) && archiveMs < ctx.now - 60_000) {
        const archived = await archiveConversation(ctx, plan, session, archiveMs, rng);
        ({ resolvedAt } = archived);
        lastMs = archived.doneMs;
        status = "resolved";
      }
    }
  } else if (status === "answered" && rng.chance(plan.followUp?.kind === "thanks" ? 0.8 : 0.35)) {
    const archiveMs = lastMs + clamp(rng.logNormal(3 * 3_600_000, 1.2), 120_000, 5 * 86_400_000);
    if (archiveMs < ctx.now - 60_000) {
      const archived = await archiveConversation(ctx, plan, session, archiveMs, rng);
      ({ resolvedAt } = archived);
      lastMs = archived.doneMs;
      status = "resolved";
      // Now and then the answer did not settle it: a teammate reopens the conversation a few hours later.
      const reopenMs = archiveMs + clamp(rng.logNormal(6 * 3_600_000, 1.0), 600_000, 3 * 86_400_000);
      if (plan.followUp?.kind !== "thanks" && rng.chance(0.12) && reopenMs < ctx.now - 60_000) {
        lastMs = await reopenConversation(ctx, plan, session, reopenMs, rng);
        resolvedAt = null;
        status = "answered";
      }
    }
  }
  writes.sessions.push({ id: session.id, createdAt: at(startedMs), lastActivityAt: at(lastMs), resolvedAt });
  stats.perSession.push({
    channel,
    status,
    outcome: first.skip
      ? "skipped"
      : stats.failedSessions.has(session.id)
        ? "failed"
        : handedOff
          ? "handed_off"
          : "answered",
    sentiment,
    resolved: resolvedAt !== null,
    contactKey: session.contactKey,
    call: plan.call,
  });
  return true;
}

function emptyWrites(): ChunkWrites {
  return { sessions: [], runs: [], handoffs: [], customerRecorded: [], decisions: [], later: [] };
}

function tally(values: (string | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) if (value !== null) out[value] = (out[value] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

/**
 * Writes the sample history into `db`, oldest conversation first, a chunk of sessions per transaction. Sessions
 * that already exist (same seed, generated before) are left alone. Returns what was written.
 */
export async function generateSampleHistory(db: Db, options: SampleHistoryOptions = {}): Promise<SampleHistorySummary> {
  const startedAt = Date.now();
  const days = options.days ?? SAMPLE_DEFAULTS.days;
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? SAMPLE_DEFAULTS.timeZone;
  const chunkSize = options.chunkSize ?? SAMPLE_DEFAULTS.chunkSize;
  const root = new Prng(options.seed ?? SAMPLE_DEFAULTS.seed);
  // The last few minutes stay empty so every reply, handoff and retry of the history is over by `now`.
  const plans = planSessions(root.fork("plan"), {
    start: new Date(now.getTime() - days * 86_400_000),
    end: new Date(now.getTime() - 5 * 60_000),
    total: options.sessions ?? SAMPLE_DEFAULTS.sessions,
    timeZone,
  });
  const searches = new Map<string, Promise<unknown>>();
  const stats: Stats = {
    messages: 0,
    runs: 0,
    handoffs: 0,
    events: 0,
    outcomeMs: [],
    perSession: [],
    reasons: {},
    failedSessions: new Set(),
  };

  for (let i = 0; i < plans.length && !options.signal?.aborted; i += chunkSize) {
    const chunk = plans.slice(i, i + chunkSize);
    await db.transaction(async (tx) => {
      const writes = emptyWrites();
      const db = tx as unknown as Db;
      const ctx: GenerationContext = {
        db,
        now: now.getTime(),
        appUrl: options.appUrl ?? "http://localhost:3000",
        timeZone,
        writes,
        stats,
        tools: agentTools(db, searches),
      };
      const firstEvents = await insertSampleWebhookEvents(
        ctx.db,
        chunk.map((plan) => ({
          frontEventId: plan.eventId,
          envelopeType: ENVELOPE_TYPES.inbound,
          eventType: "inbound",
          frontConversationId: plan.conversationId,
          body: eventBody(
            "inbound",
            plan.eventId,
            plan.receivedAt,
            frontConversation(plan, "assigned", plan.assignee ?? AI_TEAMMATE),
            plan.channel,
            {
              kind: "message",
              data: frontMessage(plan, plan.messageId, plan.text, plan.sentAt, plan.subject),
            },
          ),
        })),
      );
      stats.events += firstEvents.size;
      for (const plan of chunk)
        await writeSession(ctx, plan, firstEvents.get(plan.eventId), root.fork(`session:${plan.index}`));
      const laterEvents = await insertSampleWebhookEvents(
        ctx.db,
        writes.later.map((later) => ({
          ...later.event,
          body: withEventId(later.event.body, later.event.frontEventId),
        })),
      );
      stats.events += laterEvents.size;
      const laterDecisions = writes.later.flatMap((later) => {
        const id = laterEvents.get(later.event.frontEventId);
        return id === undefined ? [] : [{ id, ...later.decision }];
      });
      await settleSampleWebhookEvents(ctx.db, [...writes.decisions, ...laterDecisions]);
      await backdateSessions(ctx.db, writes.sessions);
      await backdateRuns(ctx.db, writes.runs);
      await backdateHandoffs(ctx.db, writes.handoffs);
      await backdateMessages(
        ctx.db,
        writes.sessions.map((session) => session.id),
        writes.customerRecorded,
      );
    });
    options.onProgress?.({
      done: Math.min(plans.length, i + chunkSize),
      total: plans.length,
      elapsedMs: Date.now() - startedAt,
    });
    if (options.yieldBetweenChunks) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return summarize(stats, Date.now() - startedAt);
}

/** Events written after their session carry their own id in the stored body. */
function withEventId(body: unknown, eventId: string): unknown {
  const envelope = body as { payload?: Record<string, unknown> };
  return envelope.payload ? { ...envelope, payload: { ...envelope.payload, id: eventId } } : body;
}

function summarize(stats: Stats, elapsedMs: number): SampleHistorySummary {
  const sessions = stats.perSession;
  const contactCounts = new Map<string, number>();
  for (const session of sessions)
    if (session.contactKey) contactCounts.set(session.contactKey, (contactCounts.get(session.contactKey) ?? 0) + 1);
  const outcome = [...stats.outcomeMs].sort((a, b) => a - b);
  const s = (ms: number) => Math.round(ms / 100) / 10;
  return {
    sessions: sessions.length,
    messages: stats.messages,
    runs: stats.runs,
    handoffs: stats.handoffs,
    webhookEvents: stats.events,
    byChannel: tally(sessions.map((session) => session.channel)),
    byStatus: tally(sessions.map((session) => session.status)),
    outcomes: tally(sessions.map((session) => session.outcome)),
    handoffReasons: Object.fromEntries(Object.entries(stats.reasons).sort((a, b) => b[1] - a[1])),
    sentiments: tally(sessions.map((session) => session.sentiment)),
    resolved: sessions.filter((session) => session.resolved).length,
    calls: {
      answered: sessions.filter((session) => session.call?.answered === true).length,
      voicemail: sessions.filter((session) => session.call?.answered === false).length,
    },
    contacts: contactCounts.size,
    repeatContacts: [...contactCounts.values()].filter((n) => n > 1).length,
    outcomeSeconds: {
      min: s(outcome[0] ?? 0),
      p50: s(percentile(outcome, 50)),
      p90: s(percentile(outcome, 90)),
      p99: s(percentile(outcome, 99)),
      max: s(outcome.at(-1) ?? 0),
    },
    elapsedMs,
  };
}
