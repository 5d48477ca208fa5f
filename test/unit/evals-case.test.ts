// The JSONL format of a test set (docs/evals.md): what it accepts, what it refuses and says where, and that a file
// written by hand survives a read and a write unchanged.
import { describe, expect, it } from "vitest";
import { EvalSetFormatError, formatEvalSet, parseEvalSet } from "@/lib/evals/case";

const ANSWER = {
  id: "sms-hours",
  channel: "sms",
  input: "Open on Saturday?",
  expect: { outcome: "answer", article: "Opening hours and how to reach us" },
};
const HANDOFF = {
  id: "voice-person",
  channel: "voice",
  input: "Voicemail transcript\nCall me back please.",
  expect: { outcome: "handoff", reason: "user_requested_human_assistance" },
};
const lines = (...values: unknown[]) =>
  values.map((value) => (typeof value === "string" ? value : JSON.stringify(value))).join("\n");

function problemsOf(text: string): { line: number; message: string }[] {
  try {
    parseEvalSet(text);
  } catch (error) {
    if (error instanceof EvalSetFormatError) return error.problems;
    throw error;
  }
  return [];
}

describe("reading a test set", () => {
  it("reads one case per line, skipping blank and // lines, with the defaults filled in", () => {
    const cases = parseEvalSet(lines("// a comment", ANSWER, "", HANDOFF));
    expect(cases.map((entry) => entry.id)).toEqual(["sms-hours", "voice-person"]);
    expect(cases[0]).toMatchObject({ history: [], tags: [], expect: { mustContain: [], mustNotContain: [] } });
  });

  it("reports every bad line with its number, not only the first", () => {
    const problems = problemsOf(
      lines(ANSWER, "{not json", { ...HANDOFF, channel: "fax" }, { ...ANSWER, id: "x", expect: { outcome: "maybe" } }),
    );
    expect(problems.map((problem) => problem.line)).toEqual([2, 3, 4]);
    expect(problems[0].message).toMatch(/^not JSON/);
    expect(problems[1].message).toMatch(/^channel: /);
    expect(problems[2].message).toMatch(/^expect\.outcome: /);
  });

  it("refuses a repeated id, naming the line that used it first", () => {
    expect(problemsOf(lines(ANSWER, HANDOFF, { ...HANDOFF, id: "sms-hours" }))).toEqual([
      { line: 3, message: "id sms-hours is already used on line 1" },
    ]);
  });

  it("refuses an answer with a handoff reason, a handoff citing an article, and unknown keys", () => {
    expect(problemsOf(lines({ ...ANSWER, expect: { ...ANSWER.expect, reason: "error" } }))[0].message).toBe(
      "expect.reason: an answer has no handoff reason",
    );
    expect(problemsOf(lines({ ...HANDOFF, expect: { ...HANDOFF.expect, article: "Refunds" } }))[0].message).toBe(
      "expect.article: a handoff cites no article",
    );
    expect(problemsOf(lines({ ...ANSWER, expected: {} }))[0].message).toMatch(/Unrecognized key/);
  });

  it("writes back what it read, leaving the defaults out", () => {
    const text = `${lines({ ...ANSWER, expect: { ...ANSWER.expect, mustContain: [["10am", "10 am"]], sentiment: "negative" }, tags: ["sms"] }, HANDOFF)}\n`;
    const written = formatEvalSet(parseEvalSet(text));
    expect(parseEvalSet(written)).toEqual(parseEvalSet(text));
    expect(written.split("\n")[1]).toBe(JSON.stringify(HANDOFF));
  });
});
