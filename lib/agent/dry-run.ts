import type { LanguageModel } from "ai";
import type { HttpAction } from "../actions/http-action";
import { ApiError } from "../api/errors";
import { prepareMessage } from "../channels";
import type { Db } from "../db/client";
import type { NewStep } from "../db/queries/agent-runs";
import type { StepKind } from "../domain";
import { getSessionDetail } from "../db/queries/sessions";
import { CHANNELS, isChannel, type Channel } from "../domain";
import { redactForModel } from "../redaction/redact";
import { MODEL_SPEC_PATTERN, type AgentSettings } from "../settings/ai-settings";
import { createModel, modelLabel } from "./model";
import type { AgentOutcome } from "./outcome";
import { buildSystemPrompt, type ConversationContext, type HistoryMessage } from "./prompt";
import { runAgentTurn } from "./turn";

/** What the console or a session's "Re-run with…" changes for one run; everything else is Settings → AI. */
export interface DryRunOverrides {
  /** Another model spec: local, openai:<model>, anthropic:<model>, openai-compatible:<model>. */
  model?: string;
  /** For an openai-compatible (or proxied) model. */
  baseUrl?: string;
  instructions?: string;
  handoffTopics?: string[];
}

export type DryRunSource =
  /** Pasted text, as one customer message on a channel. */
  | { transcript: string; channel: Channel }
  /** A stored session, answered at one customer turn (default: its last customer message). */
  | { sessionId: string; upToMessageId?: string };

export interface DryRunInput {
  db: Db;
  /** Settings → AI in force, saved key included: the key never leaves the server. */
  settings: AgentSettings;
  overrides?: DryRunOverrides;
  source: DryRunSource;
  /** The team's custom actions; a dry run lets their GET requests through and sends nothing else. */
  actions?: HttpAction[];
  /** Builds the model (tests hand in a fixed one). */
  modelFor?: (settings: AgentSettings) => LanguageModel;
  /** How GET actions reach their servers. */
  fetch?: typeof fetch;
}

/** A step as the session page stores it (dates as Date), plus whether the dry run held back its request. */
export interface DryRunStep {
  id: string;
  runId: string;
  position: number;
  kind: StepKind;
  toolName: string | null;
  toolCallId: string | null;
  text: string | null;
  input: unknown;
  output: unknown;
  error: string | null;
  startedAt: Date;
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  /** A custom action whose request was not sent (anything but GET). */
  notSent: boolean;
}

export interface DryRunPromptSummary {
  channel: Channel;
  /** The system prompt the model read: Frontline's rules, the instructions and handoff topics, the conversation. */
  system: string;
  instructions: string;
  handoffTopics: string[];
  /** How many messages of the conversation the model read (the turn included). */
  messageCount: number;
  /** The customer turn being answered, redacted as the model read it. */
  turn: string;
  /** Placeholders that replaced card numbers, ids or the team's patterns in the turn. */
  redactions: string[];
  /** Where the turn came from. */
  source: { kind: "transcript" } | { kind: "session"; sessionId: string; ticketNumber: number; messageId: string };
}

export interface DryRunResult {
  model: string;
  modelLabel: string;
  steps: DryRunStep[];
  outcome: AgentOutcome;
  /** Why the run failed (the outcome is then the fallback handoff, as in the pipeline), or null. */
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  prompt: DryRunPromptSummary;
}

/** What a held-back action request answers, so the model and the timeline both see that nothing was sent. */
/** GET /api/agent/dry-run: what a run starts from (never the key). */
export interface DryRunDefaults {
  model: string;
  modelLabel: string;
  baseUrl: string | null;
  hasApiKey: boolean;
  instructions: string;
  handoffTopics: string[];
  suggestions: { spec: string; label: string }[];
}

export function dryRunDefaults(values: AgentSettings): DryRunDefaults {
  // A few specs to pick from: the one in force, the offline model, and every model with a price.
  const suggestions = [...new Set([values.model, "local", ...Object.keys(values.prices)])];
  return {
    model: values.model,
    modelLabel: modelLabel(values.model),
    baseUrl: values.baseUrl ?? null,
    hasApiKey: Boolean(values.apiKey),
    instructions: values.instructions,
    handoffTopics: values.handoffTopics,
    suggestions: suggestions.map((spec) => ({ spec, label: modelLabel(spec) })),
  };
}

export const NOT_SENT = "dry run: not sent";

/**
 * One customer turn through the agent, as the pipeline would run it, with nothing written anywhere: no run rows,
 * no session changes, no Front request. Steps are collected in memory. Custom actions may read (GET) but every
 * other request is answered with a synthetic "not sent" result. Bad input (an unknown model spec, a missing
 * session) throws ApiError 4xx; a model failure is a result with its error and the fallback handoff.
 */
export async function dryRun(input: DryRunInput): Promise<DryRunResult> {
  const settings = dryRunSettings(input.settings, input.overrides ?? {});
  const model = buildModel(settings, input.modelFor ?? defaultModelFor);
  const { conversation, history, sessionId, source } = await loadTurn(input.db, input.source);

  const turnText = [...history].reverse().find((message) => message.authorType === "customer");
  const redactedTurn = redactForModel(turnText?.modelText ?? turnText?.text ?? "", settings.redactionPatterns);
  const rows: NewStep[] = [];
  const startedAt = new Date();
  const result = await runAgentTurn({
    db: input.db,
    settings,
    model,
    conversation,
    history,
    sessionId,
    actions: input.actions ?? [],
    actionFetch: readOnlyFetch(input.fetch ?? fetch),
    onSteps: async (steps) => void rows.push(...steps),
  });
  if (result.failureStep) rows.push(result.failureStep);
  const finishedAt = new Date();

  return {
    model: settings.model,
    modelLabel: modelLabel(settings.model),
    steps: rows.map((row) => toStep(row)),
    outcome: result.outcome,
    error: result.error,
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    costUsd: result.costUsd,
    startedAt,
    finishedAt,
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    prompt: {
      channel: conversation.channel,
      system: buildSystemPrompt(conversation, {
        instructions: settings.instructions,
        handoffTopics: settings.handoffTopics,
      }),
      instructions: settings.instructions,
      handoffTopics: settings.handoffTopics,
      messageCount: history.length,
      turn: redactedTurn.text,
      redactions: redactedTurn.redactions.map((redaction) => redaction.placeholder),
      source,
    },
  };
}

/**
 * The saved settings with the overrides applied. The saved key goes only to the saved provider at the saved
 * address: another provider or another base URL would otherwise receive it.
 */
export function dryRunSettings(saved: AgentSettings, overrides: DryRunOverrides): AgentSettings {
  const model = overrides.model?.trim() || saved.model;
  if (!MODEL_SPEC_PATTERN.test(model)) {
    throw new ApiError(
      422,
      "invalid_model",
      `'${model}' is not a model: use local, openai:<model>, anthropic:<model> or openai-compatible:<model>.`,
    );
  }
  const provider = providerOf(model);
  const baseUrl = overrides.baseUrl?.trim() || (provider === providerOf(saved.model) ? saved.baseUrl : undefined);
  if (provider === "openai-compatible" && !baseUrl) {
    throw new ApiError(
      422,
      "invalid_model",
      "An openai-compatible model needs a base URL, such as http://127.0.0.1:11434/v1.",
    );
  }
  const keyFits = provider === providerOf(saved.model) && (baseUrl ?? "") === (saved.baseUrl ?? "");
  return {
    ...saved,
    model,
    baseUrl,
    apiKey: keyFits ? saved.apiKey : undefined,
    instructions: overrides.instructions ?? saved.instructions,
    handoffTopics: overrides.handoffTopics ?? saved.handoffTopics,
  };
}

function providerOf(model: string): string {
  return model.split(":")[0];
}

function defaultModelFor(settings: AgentSettings): LanguageModel {
  return createModel({ model: settings.model, baseUrl: settings.baseUrl, apiKey: settings.apiKey });
}

function buildModel(settings: AgentSettings, modelFor: (settings: AgentSettings) => LanguageModel): LanguageModel {
  try {
    return modelFor(settings);
  } catch (error) {
    throw new ApiError(
      422,
      "invalid_model",
      `The model '${settings.model}' cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

interface LoadedTurn {
  conversation: ConversationContext;
  history: (HistoryMessage & { modelText?: string | null })[];
  sessionId: string | null;
  source: DryRunPromptSummary["source"];
}

/** The conversation up to the turn to answer: pasted text prepared as the pipeline prepares a message, or a session's stored messages. */
async function loadTurn(db: Db, source: DryRunSource): Promise<LoadedTurn> {
  if ("transcript" in source) {
    if (!CHANNELS.includes(source.channel))
      throw new ApiError(422, "invalid_input", `channel: must be one of ${CHANNELS.join(", ")}`);
    const content = prepareMessage({
      channel: source.channel,
      type: source.channel === "voice" ? "call" : null,
      text: source.transcript,
    });
    if (!content.usable || !content.modelText.trim()) {
      throw new ApiError(
        422,
        "invalid_input",
        "transcript: there is nothing for the model to read in it (a call needs the customer's words).",
      );
    }
    return {
      conversation: { channel: source.channel, subject: content.subject, call: content.call ?? null },
      history: [{ authorType: "customer", text: content.displayText, modelText: content.modelText }],
      sessionId: null,
      source: { kind: "transcript" },
    };
  }

  const detail = await getSessionDetail(db, source.sessionId);
  if (!detail) throw new ApiError(404, "not_found", "No such session.");
  const customerMessages = detail.messages.filter((message) => message.authorType === "customer");
  const turn = source.upToMessageId
    ? customerMessages.find((message) => message.id === source.upToMessageId)
    : customerMessages.at(-1);
  if (!turn) {
    throw new ApiError(
      422,
      "no_customer_turn",
      source.upToMessageId
        ? "upToMessageId: that message is not a customer message of this session."
        : "This session has no customer message to answer.",
    );
  }
  const { session } = detail;
  const history = detail.messages.slice(0, detail.messages.indexOf(turn) + 1);
  const call = turn.metadata as { durationSeconds?: unknown; answered?: unknown };
  const channel = isChannel(session.channel) ? session.channel : "web";
  return {
    conversation: {
      channel,
      contactHandle: session.contactHandle,
      subject: session.subject,
      call:
        channel === "voice"
          ? {
              durationSeconds: typeof call.durationSeconds === "number" ? call.durationSeconds : undefined,
              answered: typeof call.answered === "boolean" ? call.answered : undefined,
            }
          : null,
    },
    history,
    sessionId: session.id,
    source: { kind: "session", sessionId: session.id, ticketNumber: session.ticketNumber, messageId: turn.id },
  };
}

/** Lets custom actions read (GET) and answers anything else with a synthetic result naming what would have gone out. */
export function readOnlyFetch(baseFetch: typeof fetch): typeof fetch {
  return async (resource, init) => {
    const method = (init?.method ?? (resource instanceof Request ? resource.method : "GET")).toUpperCase();
    if (method === "GET") return baseFetch(resource, init);
    const url = resource instanceof Request ? resource.url : String(resource);
    const body = typeof init?.body === "string" ? parseJson(init.body) : null;
    return Response.json({ [NOT_SENT_KEY]: NOT_SENT, wouldSend: { method, url, body } });
  };
}

const NOT_SENT_KEY = "dryRun";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The action tool returns { status, body }: a held-back request's body carries the marker. */
function wasHeldBack(output: unknown): boolean {
  const body = (output as { body?: unknown } | null)?.body;
  return typeof body === "object" && body !== null && (body as Record<string, unknown>)[NOT_SENT_KEY] === NOT_SENT;
}

function toStep(row: NewStep): DryRunStep {
  return {
    id: `dry-run-step-${row.position}`,
    runId: "dry-run",
    position: row.position,
    kind: row.kind,
    toolName: row.toolName ?? null,
    toolCallId: row.toolCallId ?? null,
    text: row.text ?? null,
    input: row.input ?? null,
    output: row.output ?? null,
    error: row.error ?? null,
    startedAt: row.startedAt,
    durationMs: row.durationMs,
    inputTokens: row.inputTokens ?? 0,
    outputTokens: row.outputTokens ?? 0,
    costUsd: row.costUsd ?? null,
    notSent: row.kind === "tool_call" && wasHeldBack(row.output),
  };
}
