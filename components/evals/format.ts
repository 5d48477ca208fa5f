import type { GradedCheckKey } from "@/lib/evals/graded-checks";
import type { Ratio } from "@/lib/evals/score";

export function percentOf(figure: Ratio | null | undefined): string {
  if (!figure || figure.rate === null) return "—";
  return `${Math.round(figure.rate * 1000) / 10}%`;
}

export function ratioText(figure: Ratio | null | undefined): string {
  if (!figure) return "";
  return `${figure.numerator} of ${figure.denominator}`;
}

/** The figures shown for a run, each with its formula (docs/evals.md) and the case filter that lists what it counts. */
export const RUN_FIGURES = [
  { key: "answerPrecision", label: "Answer precision", formula: "Right answers ÷ answers given. An answer is right when the case expected one and its facts, forbidden phrases and article checks passed.", filter: "answers" },
  { key: "handoffRecall", label: "Handoff recall", formula: "Cases needing a person that were handed off ÷ cases needing a person.", filter: "needs-person" },
  { key: "accuracy", label: "Accuracy", formula: "Cases whose outcome (answer or handoff) was right ÷ cases.", filter: "all" },
  { key: "passed", label: "All checks passed", formula: "Cases with every check passed (outcome, reason, facts, article, sentiment) ÷ cases.", filter: "failed" },
] as const;

/** The filter listing the cases a judge graded on one check: the drill-down of that graded figure. */
export type GradedFilter = `graded-${GradedCheckKey}`;

export const CASE_FILTERS = {
  all: "All cases",
  failed: "Failed",
  answers: "Answers given",
  "needs-person": "Needing a person",
  regressed: "Regressions",
  changed: "Changed",
} as const;
export type CaseFilter = keyof typeof CASE_FILTERS | GradedFilter;
