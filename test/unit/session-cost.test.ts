import { describe, expect, it } from "vitest";
import { runCost, sessionCost } from "@/components/session/timeline";
import { costOf, formatCost } from "@/lib/agent/pricing";

describe("session and run costs", () => {
  it("uses the run's recorded cost, else the sum of its priced steps", () => {
    expect(runCost({ costUsd: 0.002, steps: [{ costUsd: 0.5 }] })).toBe(0.002);
    expect(runCost({ costUsd: null, steps: [{ costUsd: 0.001 }, { costUsd: null }, { costUsd: 0.0005 }] })).toBeCloseTo(
      0.0015,
      10,
    );
    expect(runCost({ costUsd: null, steps: [{ costUsd: null }] })).toBeNull();
  });

  it("adds up priced runs and says 'no price set' when none is priced", () => {
    expect(
      sessionCost([
        { costUsd: 0.001, steps: [] },
        { costUsd: null, steps: [] },
        { costUsd: 0.002, steps: [] },
      ]),
    ).toBeCloseTo(0.003, 10);
    expect(formatCost(sessionCost([{ costUsd: null, steps: [] }]))).toBe("no price set");
    expect(formatCost(costOf("openai:gpt-4o-mini", { inputTokens: 1_000_000, outputTokens: 1_000_000 }))).toBe(
      "$0.7500",
    );
  });
});
