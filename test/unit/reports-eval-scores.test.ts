// Test set scores on Reports (lib/reports/eval-scores.ts): the latest run against the one before, every figure linked
// to exactly the run's cases it counts, and the table the CSV saves.
import { describe, expect, it } from "vitest";
import { evalScoresTable, latestScores, type EvalScoresResponse } from "@/lib/reports/eval-scores";

const ratio = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});
const run = (runId: string, precision: [number, number], recall: [number, number]) => ({
  runId,
  label: `run ${runId}`,
  model: "local",
  finishedAt: "2026-04-02T09:30:00.000Z",
  totals: {
    cases: 10,
    answerPrecision: ratio(...precision),
    handoffRecall: ratio(...recall),
    accuracy: ratio(8, 10),
    passed: ratio(0, 10),
  },
});

const response: EvalScoresResponse = {
  range: { from: "2026-04-01", to: "2026-04-07" },
  sets: [{ setId: "s1", name: "Calls", runs: [run("r1", [3, 4], [5, 6]), run("r2", [2, 4], [6, 6])] }],
};

describe("test set scores", () => {
  it("shows the latest run with its change in points from the run before", () => {
    const latest = latestScores(response.sets[0]!.runs)!;
    expect(latest.run.runId).toBe("r2");
    expect(latest.figures.map((figure) => [figure.key, figure.value.rate, figure.change?.text ?? null])).toEqual([
      ["answerPrecision", 0.5, "▼ 25.0 pts"],
      ["handoffRecall", 1, "▲ 16.7 pts"],
      ["accuracy", 0.8, "no change"],
      ["passed", 0, "no change"],
    ]);
    expect(latest.figures.map((figure) => figure.href)).toEqual([
      "/evals/runs/r2?filter=answers",
      "/evals/runs/r2?filter=needs-person",
      "/evals/runs/r2",
      "/evals/runs/r2?filter=failed",
    ]);
    expect(latestScores([run("only", [1, 1], [1, 1])])!.figures[0]!.change).toBeNull();
    expect(latestScores([])).toBeNull();
  });

  it("lists every run in the table, each figure with its count and a link to the cases it counts", () => {
    const table = evalScoresTable(response);
    expect(table.columns.map((column) => column.label)).toEqual([
      "Test set",
      "Run",
      "Finished (UTC)",
      "Model",
      "Answer precision",
      "Handoff recall",
      "Accuracy",
      "All checks passed",
    ]);
    expect(table.rows.map((row) => row.cells.map((cell) => cell.text))).toEqual([
      [
        "Calls",
        "run r1",
        "2026-04-02 09:30",
        "local",
        "75% (3 of 4)",
        "83.3% (5 of 6)",
        "80% (8 of 10)",
        "0% (0 of 10)",
      ],
      [
        "Calls",
        "run r2",
        "2026-04-02 09:30",
        "local",
        "50% (2 of 4)",
        "100% (6 of 6)",
        "80% (8 of 10)",
        "0% (0 of 10)",
      ],
    ]);
    expect(table.rows[0]!.cells[4]).toMatchObject({ href: "/evals/runs/r1?filter=answers", csv: "75%" });
  });
});
