import {
  generateText,
  hasToolCall,
  stepCountIs,
  type LanguageModel,
  type ModelMessage,
  type StepResult,
  type ToolSet,
} from "ai";
import type { NewStep } from "../db/queries/agent-runs";
import { handoffInputSchema, type AgentOutcome } from "./outcome";
import { scoreSentiment } from "../text-analysis";

export interface AgentRunInput {
  model: LanguageModel;
  system: string;
  messages: ModelMessage[];
  tools: ToolSet;
  /** Called after each model step with its rows, so a crash mid-run still shows what happened. */
  onSteps?: (steps: NewStep[]) => Promise<void>;
  maxSteps?: number;
  timeoutMs?: number;
}

export interface AgentRunResult {
  /** null when the model ended without answering or handing off. */
  outcome: AgentOutcome | null;
  inputTokens: number;
  outputTokens: number;
  /** The run used every step it was allowed. */
  stoppedAtStepLimit: boolean;
}

interface ToolTiming {
  startedAt: Date;
  durationMs: number;
}

/** Times every tool execution, keyed by tool-call id, for the timeline. */
function timedTools(tools: ToolSet, timings: Map<string, ToolTiming>): ToolSet {
  const wrapped: ToolSet = {};
  for (const [name, definition] of Object.entries(tools)) {
    const execute = definition.execute;
    wrapped[name] = !execute
      ? definition
      : {
          ...definition,
          execute: async (input: unknown, options: { toolCallId: string }) => {
            const startedAt = new Date();
            try {
              return await execute(input, options as never);
            } finally {
              timings.set(options.toolCallId, { startedAt, durationMs: Date.now() - startedAt.getTime() });
            }
          },
        };
  }
  return wrapped;
}

/** One model step as timeline rows: reasoning, text, then each tool call with its result or error. */
export function stepRows(
  step: StepResult<ToolSet>,
  firstPosition: number,
  startedAt: Date,
  finishedAt: Date,
  timings: Map<string, ToolTiming>,
): NewStep[] {
  const rows: NewStep[] = [];
  const toolTime = step.toolCalls.reduce((total, call) => total + (timings.get(call.toolCallId)?.durationMs ?? 0), 0);
  const modelMs = Math.max(0, finishedAt.getTime() - startedAt.getTime() - toolTime);
  const tokens = { inputTokens: step.usage.inputTokens ?? 0, outputTokens: step.usage.outputTokens ?? 0 };
  const push = (row: Omit<NewStep, "position">) => rows.push({ ...row, position: firstPosition + rows.length });

  if (step.reasoningText)
    push({ kind: "reasoning", text: step.reasoningText, startedAt, durationMs: modelMs, ...tokens });
  if (step.text)
    push({
      kind: "text",
      text: step.text,
      startedAt,
      durationMs: rows.length ? 0 : modelMs,
      ...(rows.length ? {} : tokens),
    });
  for (const call of step.toolCalls) {
    const result = step.toolResults.find((candidate) => candidate.toolCallId === call.toolCallId);
    const failure = step.content.find((part) => part.type === "tool-error" && part.toolCallId === call.toolCallId);
    const timing = timings.get(call.toolCallId);
    push({
      kind: "tool_call",
      toolName: call.toolName,
      toolCallId: call.toolCallId,
      input: call.input,
      output: result?.output ?? null,
      error: failure && failure.type === "tool-error" ? errorText(failure.error) : null,
      startedAt: timing?.startedAt ?? finishedAt,
      durationMs: timing?.durationMs ?? 0,
      ...(rows.length ? {} : tokens),
    });
  }
  return rows;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error);
}

/**
 * Runs the agent loop until it answers or calls handoff_to_human, persisting each step as it finishes.
 * Throws when the model fails (after the SDK's own retries); the caller turns that into a handoff.
 */
export async function runAgent(input: AgentRunInput): Promise<AgentRunResult> {
  const timings = new Map<string, ToolTiming>();
  let position = 0;
  let stepStartedAt = new Date();

  const maxSteps = input.maxSteps ?? 6;
  const result = await generateText({
    model: input.model,
    system: input.system,
    messages: input.messages,
    tools: timedTools(input.tools, timings),
    stopWhen: [stepCountIs(maxSteps), hasToolCall("handoff_to_human")],
    maxRetries: 2,
    abortSignal: AbortSignal.timeout(input.timeoutMs ?? 120_000),
    onStepFinish: async (step) => {
      const finishedAt = new Date();
      const rows = stepRows(step, position, stepStartedAt, finishedAt, timings);
      position += rows.length;
      stepStartedAt = finishedAt;
      await input.onSteps?.(rows);
    },
  });

  const usage = {
    inputTokens: result.totalUsage.inputTokens ?? 0,
    outputTokens: result.totalUsage.outputTokens ?? 0,
    stoppedAtStepLimit: result.steps.length >= maxSteps,
  };
  const handoffCall = result.steps
    .flatMap((step) => step.toolCalls)
    .find((call) => call.toolName === "handoff_to_human");
  if (handoffCall) {
    const handoff = handoffInputSchema.safeParse(handoffCall.input);
    if (handoff.success) return { outcome: { kind: "handoff", ...handoff.data }, ...usage };
  }
  const text = result.text.trim();
  if (text) {
    const customerText = input.messages
      .filter((message) => message.role === "user")
      .map((message) => String(message.content))
      .join("\n");
    return { outcome: { kind: "reply", text, sentiment: scoreSentiment(customerText).label }, ...usage };
  }
  return { outcome: null, ...usage };
}
