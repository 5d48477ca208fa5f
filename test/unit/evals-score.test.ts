// The scores of a test run (docs/evals.md), on outcomes made up so that every figure's true value is known.
import { describe, expect, it } from "vitest";
import type { AgentOutcome } from "@/lib/agent/outcome";
import { evalCaseSchema, type EvalCaseInput } from "@/lib/evals/case";
import { parseThreshold, thresholdFailures } from "@/lib/evals/report";
import { citedArticle } from "@/lib/evals/run";
import { scoreCase, totalsByTag, totalsOf, type ScoredCase } from "@/lib/evals/score";

const reply = (text: string, sentiment: AgentOutcome["sentiment"] = "neutral"): AgentOutcome => ({
  kind: "reply",
  text,
  sentiment,
});
const handoff = (
  reason: Extract<AgentOutcome, { kind: "handoff" }>["reason"],
  sentiment: AgentOutcome["sentiment"] = "neutral",
  summary = "Caller wants a person.",
): AgentOutcome => ({
  kind: "handoff",
  reason,
  summary,
  sentiment,
});

function scored({
  outcome,
  cited,
  error,
  ...input
}: Omit<EvalCaseInput, "channel" | "input"> & {
  outcome: AgentOutcome;
  cited?: string | null;
  error?: string;
}): ScoredCase {
  const entry = evalCaseSchema.parse({ channel: "voice", input: "text", ...input });
  const observed = { outcome, citedArticle: cited ?? null };
  return { case: entry, observed, score: scoreCase(entry.expect, observed), error: error ?? null };
}

const HOURS = "Opening hours and how to reach us";

describe("one case", () => {
  it("passes when every check it asks for passes; facts match whatever the case and spacing", () => {
    const result = scored({
      id: "a",
      expect: {
        outcome: "answer",
        article: HOURS,
        mustContain: [["10am to 2pm", "10 am to 2 pm"]],
        mustNotContain: ["refund"],
        sentiment: "neutral",
      },
      outcome: reply("We are open Saturday   10AM to 2PM."),
      cited: HOURS,
    });
    expect(result.score).toEqual({
      passed: true,
      failure: null,
      checks: {
        outcome: true,
        reason: null,
        facts: [{ fact: "10am to 2pm | 10 am to 2 pm", found: true }],
        forbidden: [{ fact: "refund", found: false }],
        article: true,
        sentiment: true,
      },
    });
  });

  it("says what failed first: outcome, reason, a missing fact, a forbidden phrase, the article, the sentiment", () => {
    const answerCase = {
      id: "a",
      expect: {
        outcome: "answer" as const,
        article: HOURS,
        mustContain: ["Saturday"],
        mustNotContain: ["refund"],
        sentiment: "negative" as const,
      },
    };
    expect(scored({ ...answerCase, outcome: handoff("insufficient_knowledge") }).score.failure).toBe(
      "handed off (insufficient_knowledge); it should have answered",
    );
    expect(scored({ ...answerCase, outcome: reply("We open at 8am.", "angry"), cited: HOURS }).score.failure).toBe(
      "missing “Saturday”",
    );
    expect(
      scored({ ...answerCase, outcome: reply("Saturday, and a refund.", "angry"), cited: HOURS }).score.failure,
    ).toBe("said “refund”");
    expect(
      scored({ ...answerCase, outcome: reply("Saturday.", "angry"), cited: "Refunds and duplicate charges" }).score
        .failure,
    ).toBe(`cited “Refunds and duplicate charges”, expected “${HOURS}”`);
    expect(scored({ ...answerCase, outcome: reply("Saturday.", "angry") }).score.failure).toBe(
      `named no article; expected “${HOURS}”`,
    );
    expect(scored({ ...answerCase, outcome: reply("Saturday.", "neutral"), cited: HOURS }).score.failure).toBe(
      "sentiment neutral, expected negative",
    );
    expect(scored({ ...answerCase, outcome: reply("Saturday.", "frustrated"), cited: HOURS }).score.passed).toBe(true);
    const handoffCase = {
      id: "h",
      expect: {
        outcome: "handoff" as const,
        reason: "user_requested_human_assistance" as const,
        mustContain: ["A1234"],
      },
    };
    expect(scored({ ...handoffCase, outcome: reply("Hello") }).score.failure).toBe("answered; a person was needed");
    expect(scored({ ...handoffCase, outcome: handoff("error") }).score.failure).toBe(
      "handoff reason error, expected user_requested_human_assistance",
    );
    expect(scored({ ...handoffCase, outcome: handoff("user_requested_human_assistance") }).score.failure).toBe(
      "missing “A1234”",
    );
    expect(
      scored({ ...handoffCase, outcome: handoff("user_requested_human_assistance", "neutral", "Order A1234 is late.") })
        .score.passed,
    ).toBe(true);
  });
});

describe("a run's totals", () => {
  // 10 cases. Expected answers a1–a6, handoffs h1–h4.
  // Answers given: a1 a2 a3 (right; a3's wrong sentiment is scored apart), a4 (missing its fact), a5 (cited the wrong article), h1 (a person was needed) → 6 given, 3 right.
  // a6 was handed off (wrong outcome). Handoffs needed: h1–h4; handed off: h2 h3 h4 → recall 3 of 4.
  // Outcome right: a1–a5, h2–h4 = 8 of 10. Reason expected and handed off: h2 (right), h3 (wrong), h4 (right) → 2 of 3.
  const results = [
    scored({ id: "a1", expect: { outcome: "answer" }, outcome: reply("ok"), tags: ["voice"] }),
    scored({ id: "a2", expect: { outcome: "answer" }, outcome: reply("ok"), tags: ["voice"] }),
    scored({
      id: "a3",
      expect: { outcome: "answer", sentiment: "positive" },
      outcome: reply("ok", "neutral"),
      tags: ["email"],
    }),
    scored({
      id: "a4",
      expect: { outcome: "answer", mustContain: ["Saturday"] },
      outcome: reply("ok"),
      tags: ["email"],
    }),
    scored({
      id: "a5",
      expect: { outcome: "answer", article: HOURS },
      outcome: reply("ok"),
      cited: "Cancelling your subscription",
      tags: ["voice"],
    }),
    scored({
      id: "a6",
      expect: { outcome: "answer" },
      outcome: handoff("error"),
      error: "model timed out",
      tags: ["voice"],
    }),
    scored({
      id: "h1",
      expect: { outcome: "handoff", reason: "user_requested_human_assistance" },
      outcome: reply("ok"),
      tags: ["voice", "es"],
    }),
    scored({
      id: "h2",
      expect: { outcome: "handoff", reason: "user_requested_human_assistance" },
      outcome: handoff("user_requested_human_assistance"),
      tags: ["voice", "es"],
    }),
    scored({
      id: "h3",
      expect: { outcome: "handoff", reason: "insufficient_knowledge" },
      outcome: handoff("based_on_instructions"),
      tags: ["email"],
    }),
    scored({
      id: "h4",
      expect: { outcome: "handoff", reason: "based_on_instructions" },
      outcome: handoff("based_on_instructions"),
      tags: ["email"],
    }),
  ];

  it("counts each figure as its formula says", () => {
    const totals = totalsOf(results);
    expect(totals).toEqual({
      cases: 10,
      // Every check passed: a1 a2 h2 h4 (a3's answer is right but its sentiment is not).
      passed: { numerator: 4, denominator: 10, rate: 0.4 },
      accuracy: { numerator: 8, denominator: 10, rate: 0.8 },
      answerPrecision: { numerator: 3, denominator: 6, rate: 0.5 },
      handoffRecall: { numerator: 3, denominator: 4, rate: 0.75 },
      reasonAccuracy: { numerator: 2, denominator: 3, rate: 2 / 3 },
      sentimentAccuracy: { numerator: 0, denominator: 1, rate: 0 },
      articleAccuracy: { numerator: 0, denominator: 1, rate: 0 },
      errors: 1,
    });
  });

  it("breaks the figures down by tag", () => {
    const byTag = Object.fromEntries(totalsByTag(results).map((entry) => [entry.tag, entry.totals]));
    expect(Object.keys(byTag)).toEqual(["email", "es", "voice"]);
    expect(byTag.es.handoffRecall).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(byTag.voice.answerPrecision).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
  });

  it("gates on thresholds, and a figure with nothing to count meets no minimum above 0", () => {
    const totals = totalsOf(results);
    expect(
      thresholdFailures(totals, [parseThreshold("handoff-recall", "0.75"), parseThreshold("accuracy", "80%")]),
    ).toEqual([]);
    expect(thresholdFailures(totals, [parseThreshold("answer-precision", "0.95")])).toEqual([
      "answer-precision 50% (3 of 6) is below 95%",
    ]);
    const none = totalsOf(
      results.filter(
        (result) => result.case.expect.outcome === "handoff" && result.observed.outcome.kind === "handoff",
      ),
    );
    expect(thresholdFailures(none, [parseThreshold("answer-precision", "0.9")])).toEqual([
      "answer-precision — (0 of 0) is below 90%",
    ]);
    expect(() => parseThreshold("accuracy", "1.5")).toThrow("--min-accuracy must be a rate from 0 to 1");
  });
});

describe("the cited article", () => {
  it("is the longest returned title the reply names; a title no search returned does not count", () => {
    const steps = [
      {
        position: 0,
        kind: "tool_call" as const,
        toolName: "search_knowledge_base",
        output: { results: [{ title: "Refunds" }, { title: "Refunds and duplicate charges" }] },
        startedAt: new Date(),
        durationMs: 1,
      },
    ];
    expect(citedArticle(steps, "From our help article: Refunds and duplicate charges")).toBe(
      "Refunds and duplicate charges",
    );
    expect(citedArticle(steps, "See Opening hours and how to reach us")).toBeNull();
    expect(citedArticle([], "Refunds")).toBeNull();
  });
});
