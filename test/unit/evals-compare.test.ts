// Two runs side by side, and what a run will cost before it starts (docs/evals.md).
import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES } from "@/lib/agent/pricing";
import { evalCaseSchema } from "@/lib/evals/case";
import { changeCounts, compareRuns, type ComparableCase } from "@/lib/evals/compare";
import { estimateRunCost } from "@/lib/evals/cost";
import { DEFAULT_AGENT_SETTINGS } from "@/lib/settings/ai-settings";

const entry = (
  caseKey: string,
  position: number,
  passed: boolean,
  outcome = "reply",
  failure: string | null = passed ? null : "x",
): ComparableCase => ({ caseKey, position, passed, outcome, failure });

describe("comparing two runs", () => {
  it("marks each case regressed, fixed, changed or the same, in the set's order", () => {
    const before = [
      entry("a", 0, true),
      entry("b", 1, false),
      entry("c", 2, true),
      entry("d", 3, true, "reply"),
      entry("gone", 4, true),
    ];
    const after = [
      entry("a", 0, false),
      entry("b", 1, true),
      entry("c", 2, true),
      entry("d", 3, true, "handoff:error"),
      entry("new", 5, true),
    ];
    const compared = compareRuns(before, after);
    expect(compared.map((item) => [item.caseKey, item.change])).toEqual([
      ["a", "regressed"],
      ["b", "fixed"],
      ["c", "same"],
      ["d", "changed"],
      ["gone", "changed"],
      ["new", "changed"],
    ]);
    expect(changeCounts(compared)).toEqual({ regressed: 1, fixed: 1, changed: 3, same: 1 });
  });
});

describe("a run's cost before it starts", () => {
  const cases = Array.from({ length: 10 }, (_, index) =>
    evalCaseSchema.parse({ id: `c${index}`, channel: "sms", input: "x".repeat(400), expect: { outcome: "answer" } }),
  );

  it("is nothing for the offline model", () => {
    expect(estimateRunCost(cases, DEFAULT_AGENT_SETTINGS)).toMatchObject({ cases: 10, costUsd: 0, free: true });
  });

  it("prices the estimated tokens with the model's price, and is null for a model without one", () => {
    const priced = "openai:gpt-4o-mini";
    const estimate = estimateRunCost(cases, { ...DEFAULT_AGENT_SETTINGS, model: priced });
    const price = DEFAULT_PRICES[priced]!;
    expect(estimate.free).toBe(false);
    expect(estimate.outputTokens).toBe(4000);
    expect(estimate.costUsd).toBeCloseTo(
      (estimate.inputTokens * price.inputPerMillion + estimate.outputTokens * price.outputPerMillion) / 1_000_000,
      10,
    );
    expect(
      estimateRunCost(cases, { ...DEFAULT_AGENT_SETTINGS, model: "openai-compatible:unpriced" }).costUsd,
    ).toBeNull();
  });
});
