import type { LanguageModel } from "ai";
import type { HttpAction } from "../actions/http-action";
import type { Db } from "../db/client";
import { createEvalRun, finishEvalRun, recordEvalRunCase } from "../db/queries/evals";
import type { EvalRun, EvalRunConfig } from "../db/schema";
import type { AgentSettings } from "../settings/ai-settings";
import type { EvalCase } from "./case";
import { gradedTotals } from "./graded-checks";
import type { Judge } from "./judge";
import { runEvalCases, type EvalCaseResult } from "./run";
import { totalsOf } from "./score";

/** Cases a run from the app takes at once: the offline model is quick; a hosted one is held to a few calls at a time. */
export function runConcurrency(settings: Pick<AgentSettings, "model">): number {
  return settings.model === "local" ? 4 : 3;
}

/** What is kept of a case's result: everything the timeline shows, nothing that could hold a key. */
function storedResult(result: EvalCaseResult) {
  return {
    outcome: result.observed.outcome,
    citedArticle: result.observed.citedArticle,
    checks: result.score.checks,
    steps: result.steps.map((step) => ({ kind: step.kind, toolName: step.toolName ?? null, text: step.text ?? null, input: step.input, output: step.output, error: step.error ?? null, durationMs: step.durationMs })),
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    graded: result.graded,
  };
}

/**
 * Starts a run of `cases` in the background and returns its row at once; each case's result is stored as it ends,
 * the run's totals when the last one does. A cancel (requestEvalRunCancel) stops new cases from starting.
 */
export async function startEvalRun(input: {
  db: Db;
  setId: string;
  label: string;
  cases: readonly EvalCase[];
  settings: AgentSettings;
  config: EvalRunConfig;
  model: LanguageModel;
  /** Grade each case with this judge too (config.judge says so on the run). */
  judge?: Judge;
  actions?: HttpAction[];
  userId: string | null;
}): Promise<{ run: EvalRun; finished: Promise<void> }> {
  const run = await createEvalRun(input.db, { setId: input.setId, label: input.label, config: input.config, total: input.cases.length, userId: input.userId });
  const controller = new AbortController();
  const positions = new Map(input.cases.map((entry, index) => [entry.id, index]));
  const finished = (async () => {
    const results = await runEvalCases({
      db: input.db,
      settings: input.settings,
      model: input.model,
      cases: input.cases,
      actions: input.actions,
      judge: input.judge,
      concurrency: runConcurrency(input.settings),
      signal: controller.signal,
      onCase: async (result) => {
        const entry = input.cases[positions.get(result.case.id)!]!;
        const { cancelRequested } = await recordEvalRunCase(input.db, run.id, {
          caseKey: entry.id,
          position: positions.get(entry.id)!,
          caseBody: entry,
          passed: result.score.passed,
          failure: result.score.failure,
          result: storedResult(result),
          error: result.error,
          durationMs: result.durationMs,
          costUsd: result.costUsd,
        });
        if (cancelRequested) controller.abort();
      },
    });
    const costs = results.map((result) => result.costUsd);
    await finishEvalRun(input.db, run.id, {
      cancelled: results.length < input.cases.length,
      totals: { ...totalsOf(results), ...(input.judge ? { graded: gradedTotals(input.judge.modelId, results.map((result) => result.graded)) } : {}) },
      costUsd: costs.some((cost) => cost === null) ? null : costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0),
    });
  })().catch((error) => {
    // The heartbeat stops, so the run reads as interrupted; the error goes to the log for the on-call engineer.
    console.error(`[evals] run ${run.id} stopped:`, error);
  });
  return { run, finished };
}
