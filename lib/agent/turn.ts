import type { LanguageModel, ToolSet } from "ai";
import { actionTools, type HttpAction } from "../actions/http-action";
import type { Db } from "../db/client";
import type { NewStep } from "../db/queries/agent-runs";
import { redactForModel } from "../redaction/redact";
import type { AgentSettings } from "../settings/ai-settings";
import { scoreSentiment, summarize } from "../text-analysis";
import type { AgentOutcome } from "./outcome";
import { costOf } from "./pricing";
import { buildMessages, buildSystemPrompt, type ConversationContext, type HistoryMessage } from "./prompt";
import { runAgent } from "./run";
import { handoffToHumanTool } from "./tools/handoff-to-human";
import { lookupContactTool } from "./tools/lookup-contact";
import { searchKnowledgeBaseTool } from "./tools/search-knowledge-base";

export interface AgentTurnInput {
  db: Db;
  settings: AgentSettings;
  model: LanguageModel;
  conversation: ConversationContext;
  /** The conversation so far, oldest first; the last customer message is the turn to answer. */
  history: (HistoryMessage & { modelText?: string | null })[];
  /** The session being answered, left out of the caller's history; null in a dry run of pasted text. */
  sessionId: string | null;
  actions: HttpAction[];
  /** How custom actions reach their servers (a dry run passes one that only lets reads through). */
  actionFetch?: typeof fetch;
  /** Stand-ins for built-in tools, by name (the sample history remembers its knowledge-base searches). */
  tools?: ToolSet;
  /** Each model step's rows, priced, as soon as the step ends. */
  onSteps?: (steps: NewStep[]) => Promise<void>;
}

export interface AgentTurnResult {
  outcome: AgentOutcome;
  /** Why the run failed (the outcome is then a handoff with reason `error`), or null. */
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  /** null when the model has no price in the table. */
  costUsd: number | null;
  /** Rows for the timeline that the run itself did not produce (the failure note). */
  failureStep: NewStep | null;
}

/** The tools the agent may call on a channel: the built-ins and the team's enabled actions. */
export function agentTools(
  input: Pick<AgentTurnInput, "db" | "sessionId" | "actions" | "actionFetch" | "conversation" | "tools">,
) {
  return {
    search_knowledge_base: searchKnowledgeBaseTool(input.db),
    lookup_contact: lookupContactTool(input.db, {
      currentSessionId: input.sessionId ?? "",
      contactHandle: input.conversation.contactHandle,
    }),
    ...actionTools(input.actions, input.conversation.channel, { fetch: input.actionFetch }),
    ...input.tools,
    // Last, so an action can never shadow it.
    handoff_to_human: handoffToHumanTool(),
  };
}

/**
 * One customer turn through the agent, shared by the pipeline and the dry-run console: redacts, prompts with the
 * team's instructions and handoff topics, runs within the step and time limits, and prices every step. A model
 * failure (or a run that ends without answering) becomes a handoff with reason `error`; it never throws for that.
 */
export async function runAgentTurn(input: AgentTurnInput): Promise<AgentTurnResult> {
  const { settings } = input;
  const redact = (text: string) => redactForModel(text, settings.redactionPatterns).text;
  const messages = buildMessages(
    input.history.map((message) => ({ ...message, text: redact(message.modelText ?? message.text) })),
  );
  const currentTurn = [...input.history].reverse().find((message) => message.authorType === "customer");
  const turnText = redact(currentTurn?.modelText ?? currentTurn?.text ?? "");
  const price = (tokens: { inputTokens?: number; outputTokens?: number }) =>
    costOf(
      settings.model,
      { inputTokens: tokens.inputTokens ?? 0, outputTokens: tokens.outputTokens ?? 0 },
      settings.prices,
    );

  let position = 0;
  let outcome: AgentOutcome;
  let error: string | null = null;
  let tokens = { inputTokens: 0, outputTokens: 0 };
  const startedAt = new Date();
  try {
    const result = await runAgent({
      model: input.model,
      system: buildSystemPrompt(input.conversation, {
        instructions: settings.instructions,
        handoffTopics: settings.handoffTopics,
      }),
      messages,
      tools: agentTools(input),
      maxSteps: settings.maxSteps,
      timeoutMs: settings.timeoutSeconds * 1000,
      onSteps: async (rows) => {
        position += rows.length;
        await input.onSteps?.(rows.map((row) => ({ ...row, costUsd: price(row) })));
      },
    });
    tokens = { inputTokens: result.inputTokens, outputTokens: result.outputTokens };
    if (result.outcome) outcome = result.outcome;
    else {
      error = result.stoppedAtStepLimit
        ? `the run reached its limit of ${settings.maxSteps} steps without answering or handing off`
        : "the model ended without answering or handing off";
      outcome = fallbackHandoff(turnText);
    }
  } catch (failure) {
    error = describeFailure(failure, settings.timeoutSeconds);
    outcome = fallbackHandoff(turnText);
  }
  const failureStep: NewStep | null = error
    ? {
        position,
        kind: "text",
        text: "The run failed; handing off to a person.",
        error,
        startedAt,
        durationMs: Date.now() - startedAt.getTime(),
      }
    : null;
  return { outcome, error, ...tokens, costUsd: price(tokens), failureStep };
}

function describeFailure(failure: unknown, timeoutSeconds: number): string {
  const timedOut =
    failure instanceof Error &&
    (failure.name === "TimeoutError" || failure.name === "AbortError" || /aborted|timed? ?out/i.test(failure.message));
  if (timedOut) return `the run passed its time limit of ${timeoutSeconds} s`;
  return failure instanceof Error ? failure.message : String(failure);
}

/** When the AI cannot finish, a person still gets the conversation, with a summary made without the model. */
export function fallbackHandoff(text: string): AgentOutcome {
  return {
    kind: "handoff",
    reason: "error",
    summary: summarize(text) || "The AI could not process this message.",
    sentiment: scoreSentiment(text).label,
  };
}
