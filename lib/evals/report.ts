import type { EvalCaseResult } from "./run";
import { gradedTotals, type GradedTotals } from "./graded-checks";
import { totalsByTag, totalsOf, type EvalTotals, type Ratio } from "./score";

/** The figures a command-line run can be gated on, as `--min-<flag> 0.95`. */
export const THRESHOLD_FLAGS = {
  "answer-precision": "answerPrecision",
  "handoff-recall": "handoffRecall",
  accuracy: "accuracy",
  passed: "passed",
} as const satisfies Record<string, keyof EvalTotals>;
export type ThresholdFlag = keyof typeof THRESHOLD_FLAGS;

export interface Threshold {
  flag: ThresholdFlag;
  minimum: number;
}

/** Reads `0.95` (or `95%`) as a rate from 0 to 1; anything else is an error naming the flag. */
export function parseThreshold(flag: ThresholdFlag, value: string): Threshold {
  const trimmed = value.trim();
  const number = trimmed.endsWith("%") ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  if (!trimmed || !Number.isFinite(number) || number < 0 || number > 1) throw new Error(`--min-${flag} must be a rate from 0 to 1 (or a percentage), not '${value}'`);
  return { flag, minimum: number };
}

/** The thresholds a run's totals fall below, in words; empty when the run passes. */
export function thresholdFailures(totals: EvalTotals, thresholds: readonly Threshold[]): string[] {
  return thresholds.flatMap(({ flag, minimum }) => {
    const figure = totals[THRESHOLD_FLAGS[flag]] as Ratio;
    // A figure with nothing to count (no answers given, say) meets no minimum above 0.
    if (figure.rate !== null && figure.rate >= minimum) return [];
    if (figure.rate === null && minimum === 0) return [];
    return [`${flag} ${formatRate(figure)} is below ${formatPercent(minimum)}`];
  });
}

export function formatPercent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toString()}%`;
}

export function formatRate(figure: Ratio): string {
  return figure.rate === null ? "— (0 of 0)" : `${formatPercent(figure.rate)} (${figure.numerator} of ${figure.denominator})`;
}

/** A run as the command line writes it: figures first, then every case with what the AI did. */
export function evalReport(results: readonly EvalCaseResult[], about: Record<string, unknown>, judgeModel?: string) {
  return {
    ...about,
    totals: totalsOf(results),
    /** A judge model's grades, apart from the deterministic totals (only when the run asked for a judge). */
    graded: judgeModel ? gradedTotals(judgeModel, results.map((result) => result.graded)) : null,
    byTag: totalsByTag(results),
    cases: results.map((result) => ({
      id: result.case.id,
      passed: result.score.passed,
      failure: result.score.failure,
      expected: result.case.expect,
      outcome: result.observed.outcome,
      citedArticle: result.observed.citedArticle,
      checks: result.score.checks,
      error: result.error,
      tags: result.case.tags,
      durationMs: result.durationMs,
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      costUsd: result.costUsd,
      graded: result.graded,
    })),
  };
}

/** The judge's lines, printed under the deterministic ones. */
export function gradedTable(graded: GradedTotals): { figure: string; value: string }[] {
  return [{ figure: "cases judged", value: formatRate(graded.judged) }, ...graded.figures.map((figure) => ({ figure: `graded: ${figure.label.toLowerCase()}`, value: formatRate(figure.ratio) }))];
}

/** The lines of the summary table the command line prints. */
export function totalsTable(totals: EvalTotals): { figure: string; value: string }[] {
  return [
    { figure: "answer precision", value: formatRate(totals.answerPrecision) },
    { figure: "handoff recall", value: formatRate(totals.handoffRecall) },
    { figure: "accuracy (outcome right)", value: formatRate(totals.accuracy) },
    { figure: "all checks passed", value: formatRate(totals.passed) },
    { figure: "handoff reason right", value: formatRate(totals.reasonAccuracy) },
    { figure: "article right", value: formatRate(totals.articleAccuracy) },
    { figure: "sentiment right", value: formatRate(totals.sentimentAccuracy) },
    { figure: "runs that failed", value: String(totals.errors) },
  ];
}
