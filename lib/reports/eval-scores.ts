import type { Ratio } from "../evals/score";
import { rateChange } from "./ai-figures";
import { formatPercent } from "./format";
import { col, text, type ReportCell, type ReportTable } from "./tables";

/** GET /api/reports/evals: each test set's finished runs in the range, oldest first. */
export interface EvalScoresResponse {
  range: { from: string; to: string };
  sets: {
    setId: string;
    name: string;
    runs: {
      runId: string;
      label: string;
      model: string;
      finishedAt: string;
      totals: Record<EvalScoreKey, Ratio> & { cases: number };
    }[];
  }[];
}

export type EvalScoreKey = "answerPrecision" | "handoffRecall" | "accuracy" | "passed";

/** The figures of a run shown on Reports, with the run page's case filter that lists exactly what each counts. */
export const EVAL_SCORE_FIGURES: { key: EvalScoreKey; label: string; filter: string; formula: string }[] = [
  { key: "answerPrecision", label: "Answer precision", filter: "answers", formula: "right answers ÷ answers given" },
  {
    key: "handoffRecall",
    label: "Handoff recall",
    filter: "needs-person",
    formula: "cases needing a person that were handed off ÷ cases needing a person",
  },
  { key: "accuracy", label: "Accuracy", filter: "all", formula: "cases whose outcome was right ÷ cases" },
  { key: "passed", label: "All checks passed", filter: "failed", formula: "cases with every check passed ÷ cases" },
];

export function runFigureHref(runId: string, filter: string): string {
  return filter === "all" ? `/evals/runs/${runId}` : `/evals/runs/${runId}?filter=${filter}`;
}

/** "61.4% (27 of 44)"; a figure with nothing to count reads "—". */
export function ratioWords(figure: Ratio): string {
  return figure.rate === null ? "—" : `${formatPercent(figure.rate)} (${figure.numerator} of ${figure.denominator})`;
}

/** A set's latest run's figures, each with its change (in points) from the run before, when there is one. */
export function latestScores(runs: EvalScoresResponse["sets"][number]["runs"]) {
  const latest = runs.at(-1);
  const previous = runs.at(-2);
  if (!latest) return null;
  return {
    run: latest,
    previous: previous ?? null,
    figures: EVAL_SCORE_FIGURES.map((figure) => ({
      ...figure,
      value: latest.totals[figure.key],
      change: previous ? rateChange(latest.totals[figure.key].rate, previous.totals[figure.key].rate) : null,
      href: runFigureHref(latest.runId, figure.filter),
    })),
  };
}

function figureCell(runId: string, figure: (typeof EVAL_SCORE_FIGURES)[number], value: Ratio): ReportCell {
  const cell: ReportCell = { text: ratioWords(value), csv: value.rate === null ? "" : formatPercent(value.rate) };
  if (value.denominator > 0) {
    cell.href = runFigureHref(runId, figure.filter);
    cell.linkLabel = `${cell.text}: ${figure.label.toLowerCase()}, open the run's cases`;
  }
  return cell;
}

/** Every run in the range, one row each: the table under the chart and its CSV. */
export function evalScoresTable(response: EvalScoresResponse): ReportTable {
  return {
    dataset: "test-set-scores",
    caption: "Each finished run of a test set in the range, with its scores",
    columns: [
      col("Test set", false),
      col("Run", false),
      col("Finished (UTC)", false),
      col("Model", false),
      ...EVAL_SCORE_FIGURES.map((figure) => col(figure.label)),
    ],
    rows: response.sets.flatMap((set) =>
      set.runs.map((run) => ({
        key: run.runId,
        cells: [
          text(set.name),
          text(run.label),
          text(run.finishedAt.slice(0, 16).replace("T", " ")),
          text(run.model),
          ...EVAL_SCORE_FIGURES.map((figure) => figureCell(run.runId, figure, run.totals[figure.key])),
        ],
      })),
    ),
  };
}
