// The case editor's fields and the case they describe (lib/evals/case-form.ts): a case survives a trip through the
// form unchanged, facts and tags are read from their lines, and a problem names the field to fix.
import { describe, expect, it } from "vitest";
import { parseEvalSet } from "@/lib/evals/case";
import { caseFromForm, EMPTY_CASE_FORM, formFromCase } from "@/lib/evals/case-form";

const [written] = parseEvalSet(
  JSON.stringify({
    id: "voice-refund-02",
    channel: "voice",
    input: "Call notes: wants the March charge refunded.",
    contact: "+14155550100",
    history: [{ author: "customer", text: "Hello?" }],
    expect: {
      outcome: "handoff",
      reason: "based_on_instructions",
      mustContain: ["refund", ["March", "march charge"]],
      mustNotContain: ["I have refunded"],
      sentiment: "negative",
    },
    tags: ["voice", "refund"],
    note: "Refunds are kept for people.",
  }),
);

describe("the case editor's form", () => {
  it("gives back the same case it was filled from, earlier messages included", () => {
    const result = caseFromForm(formFromCase(written!));
    expect(result).toEqual({ ok: true, case: written });
  });

  it("reads one fact per line with | between alternatives, and tags between commas", () => {
    const form = formFromCase(written!);
    expect(form.mustContain).toBe("refund\nMarch | march charge");
    const result = caseFromForm({
      ...form,
      mustContain: " refund \n\n card | payment method |  \n",
      tags: "voice, , billing ",
    });
    expect(result.ok && result.case.expect.mustContain).toEqual(["refund", ["card", "payment method"]]);
    expect(result.ok && result.case.tags).toEqual(["voice", "billing"]);
  });

  it("drops a reason from an answer and an article from a handoff instead of refusing them", () => {
    const answer = caseFromForm({
      ...EMPTY_CASE_FORM,
      id: "sms-hours",
      channel: "sms",
      input: "Open Sunday?",
      outcome: "answer",
      reason: "error",
      article: "Opening hours",
    });
    expect(answer.ok && answer.case.expect).toMatchObject({ outcome: "answer", article: "Opening hours" });
    expect(answer.ok && answer.case.expect.reason).toBeUndefined();
    const handoff = caseFromForm({
      ...EMPTY_CASE_FORM,
      id: "sms-hours",
      input: "Person please",
      outcome: "handoff",
      reason: "user_requested_human_assistance",
      article: "Opening hours",
    });
    expect(handoff.ok && handoff.case.expect).toMatchObject({
      outcome: "handoff",
      reason: "user_requested_human_assistance",
    });
    expect(handoff.ok && handoff.case.expect.article).toBeUndefined();
  });

  it("names the field of each problem", () => {
    const result = caseFromForm({ ...EMPTY_CASE_FORM, id: "has space", input: "  ", sentiment: "furious" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => problem.field).sort()).toEqual(["id", "input", "sentiment"]);
  });
});
