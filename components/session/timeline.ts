/**
 * A run's steps as trace-viewer rows (the langfuse idea): each row knows its label, its tokens and where it sits
 * on the run's time axis, so the view only draws. Pure, so it is unit-tested.
 */

export interface TimelineStepInput {
  id: string;
  position: number;
  kind: string;
  toolName?: string | null;
  startedAt: string;
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
}

export interface TimelineRunInput {
  startedAt: string;
  finishedAt?: string | null;
  inputTokens: number;
  outputTokens: number;
}

export interface TimelineRow<Step extends TimelineStepInput> {
  step: Step;
  label: string;
  tokens: number;
  /** Milliseconds from the run's start to the step's start. */
  offsetMs: number;
  /** Where the step's bar starts and how wide it is, as percentages of the run's span. */
  offsetPct: number;
  widthPct: number;
}

export interface RunTotals {
  /** null while the run is still going. */
  durationMs: number | null;
  inputTokens: number;
  outputTokens: number;
}

export const STEP_KIND_LABELS: Record<string, string> = {
  reasoning: "Reasoning",
  text: "Response",
  tool_call: "Tool call",
};

/** The row name: "Reasoning", "Response", or the tool's name (`search_knowledge_base`). */
export function stepLabel(step: { kind: string; toolName?: string | null }): string {
  if (step.kind === "tool_call") return step.toolName || STEP_KIND_LABELS.tool_call;
  return STEP_KIND_LABELS[step.kind] ?? step.kind;
}

/** Duration and tokens of a run; tokens fall back to the sum of its steps when the run has none recorded yet. */
export function runTotals(run: TimelineRunInput, steps: readonly TimelineStepInput[]): RunTotals {
  const start = Date.parse(run.startedAt);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Number.NaN;
  const durationMs = Number.isNaN(start) || Number.isNaN(end) ? null : Math.max(0, end - start);
  const recorded = run.inputTokens + run.outputTokens > 0;
  return {
    durationMs,
    inputTokens: recorded ? run.inputTokens : steps.reduce((sum, step) => sum + step.inputTokens, 0),
    outputTokens: recorded ? run.outputTokens : steps.reduce((sum, step) => sum + step.outputTokens, 0),
  };
}

/** A run's cost: as recorded when it finished, else the sum of its priced steps so far; null when nothing is priced. */
export function runCost(run: {
  costUsd?: number | null;
  steps: readonly { costUsd?: number | null }[];
}): number | null {
  if (run.costUsd !== null && run.costUsd !== undefined) return run.costUsd;
  const priced = run.steps.filter((step) => step.costUsd !== null && step.costUsd !== undefined);
  return priced.length > 0 ? priced.reduce((sum, step) => sum + (step.costUsd ?? 0), 0) : null;
}

/** The session's AI cost over its runs; null when none of them has a price. */
export function sessionCost(runs: readonly Parameters<typeof runCost>[0][]): number | null {
  const costs = runs.map(runCost).filter((cost): cost is number => cost !== null);
  return costs.length > 0 ? costs.reduce((sum, cost) => sum + cost, 0) : null;
}

/** Steps in position order, placed on the run's span (its start to its finish or the last step's end). */
export function buildTimeline<Step extends TimelineStepInput>(
  run: TimelineRunInput,
  steps: readonly Step[],
): TimelineRow<Step>[] {
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  const parsedStart = Date.parse(run.startedAt);
  const stepStarts = ordered.map((step) => Date.parse(step.startedAt)).filter((time) => !Number.isNaN(time));
  const start = Number.isNaN(parsedStart) ? Math.min(...stepStarts, 0) : Math.min(parsedStart, ...stepStarts);
  const ends = ordered
    .map((step) => Date.parse(step.startedAt) + step.durationMs)
    .filter((time) => !Number.isNaN(time));
  const finished = run.finishedAt ? Date.parse(run.finishedAt) : Number.NaN;
  const end = Math.max(start, ...ends, Number.isNaN(finished) ? start : finished);
  const span = Math.max(1, end - start);

  return ordered.map((step) => {
    const stepStart = Date.parse(step.startedAt);
    const offsetMs = Number.isNaN(stepStart) ? 0 : Math.max(0, stepStart - start);
    const offsetPct = clamp((offsetMs / span) * 100, 0, 100);
    const widthPct = clamp((step.durationMs / span) * 100, 0.5, Math.max(0.5, 100 - offsetPct));
    return {
      step,
      label: stepLabel(step),
      tokens: step.inputTokens + step.outputTokens,
      offsetMs,
      offsetPct: round(offsetPct),
      widthPct: round(widthPct),
    };
  });
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
