import { describe, expect, it } from "vitest";
import { CASES, type Case } from "./agent-cases";
import { runTurn, streamTurn, SYSTEM, type Outcome } from "./test-kb";

function expectOutcome(c: Case, outcome: Outcome) {
  expect(outcome.kind, c.name).toBe(c.expect);
  if (outcome.kind === "handoff") {
    expect(outcome.reason, c.name).toBe(c.reason);
    expect(outcome.sentiment, c.name).toBe(c.sentiment);
    expect(outcome.summary.length, c.name).toBeLessThanOrEqual(300);
    expect(outcome.summary, c.name).not.toMatch(/\b(?:Customer|Agent|AI line):/);
  }
  if (outcome.kind === "reply") expect(outcome.text, c.name).toContain(`From our help article: ${c.article}`);
}

describe("offline model through generateText", () => {
  it("has at least 30 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { steps, outcome } = await runTurn({
      system: SYSTEM[c.channel],
      messages: [{ role: "user", content: c.text }],
    });
    expectOutcome(c, outcome);
    for (const step of steps) expect(step.reasoningText, c.name).toBeTruthy();
    if (c.expect === "reply") {
      // Step 1 searches, step 2 answers; the answer's sentiment shows in the apology for upset customers.
      expect(steps.map((s) => s.toolCalls.map((t) => t.toolName))).toEqual([["search_knowledge_base"], []]);
      if (c.sentiment === "frustrated")
        expect(outcome.kind === "reply" && outcome.text).toContain("Sorry for the trouble");
    }
  });
});

describe("offline model through streamText", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s streams the same outcome", async (_name, c) => {
    const messages = [{ role: "user" as const, content: c.text }];
    const streamed = await streamTurn({ system: SYSTEM[c.channel], messages });
    const generated = await runTurn({ system: SYSTEM[c.channel], messages });
    expectOutcome(c, streamed.outcome);
    expect(streamed.outcome).toEqual(generated.outcome);
    expect(streamed.steps.map((s) => s.reasoningText)).toEqual(generated.steps.map((s) => s.reasoningText));
  });
});
