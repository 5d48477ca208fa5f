import { describe, expect, it } from "vitest";
import { groupGapQuestions, NO_WORDS_KEY, questionText, type GapQuestion } from "@/lib/reports/knowledge-gaps/group";

let ticket = 2000;
const ask = (text: string, id = `s${ticket + 1}`): GapQuestion => ({ sessionId: id, ticketNumber: ++ticket, text });

// 5 questions about the warranty, 3 about invoice PDFs, 1 about something else: the truth is 5 / 3 / 1.
const WARRANTY = [
  "Does the warranty cover water damage?",
  "How long is the warranty on the espresso machine?",
  "Is the warranty transferable if I sell the grinder?",
  "My kettle broke after a year, is that under warranty?",
  "Can I extend the warranty to three years?",
];
const INVOICE_PDF = [
  "Can I get my invoice as a PDF?",
  "Where do I download the PDF of an invoice?",
  "The invoices PDF export is blank",
];
const ODD = "Do you ship llamas to Iceland?";

function sample(): GapQuestion[] {
  return [...WARRANTY, ...INVOICE_PDF, ODD].map((text) => ask(text));
}

describe("knowledge gap grouping", () => {
  it("groups 5 warranty, 3 invoice-PDF and 1 odd question 5 / 3 / 1 under their shared words", () => {
    const groups = groupGapQuestions(sample());
    expect(groups.map((group) => [group.key, group.words, group.sessionIds.length])).toEqual([
      ["warranty", ["warranty"], 5],
      // Both words are in every question; the longer one leads. "invoices" counts as "invoice".
      ["invoice", ["invoice", "pdf"], 3],
      // A lone question is named by its own words, the longest first.
      ["iceland", ["iceland", "llamas", "ship"], 1],
    ]);
  });

  it("gives up to three examples per group, in the order given (newest first), linked to their sessions", () => {
    const questions = sample();
    const [warranty, invoice] = groupGapQuestions(questions);
    expect(warranty.examples.map((example) => example.text)).toEqual(WARRANTY.slice(0, 3));
    expect(warranty.examples.map((example) => example.sessionId)).toEqual(
      questions.slice(0, 3).map((question) => question.sessionId),
    );
    expect(warranty.sessionIds).toEqual(questions.slice(0, 5).map((question) => question.sessionId));
    expect(invoice.examples.map((example) => example.ticketNumber)).toEqual(
      questions.slice(5, 8).map((question) => question.ticketNumber),
    );
  });

  it("does not depend on the order of the questions", () => {
    const questions = sample();
    const shuffled = [
      questions[8],
      questions[2],
      questions[6],
      questions[0],
      questions[7],
      questions[4],
      questions[1],
      questions[5],
      questions[3],
    ];
    const named = (list: GapQuestion[]) =>
      groupGapQuestions(list).map((group) => [group.key, group.words, [...group.sessionIds].sort()]);
    expect(named(shuffled)).toEqual(named(questions));
  });

  it("scores down words the rest of the customers use too (the background)", () => {
    // "order" is in all three gap questions, but every other customer says it too: "gift" and "wrap" are what is new,
    // so they lead; "order" stays in the name as a word every question of the group shares.
    const gaps = [
      "Can you gift wrap my order?",
      "Is gift wrap available for this order?",
      "Gift wrap on my order please",
    ].map((text) => ask(text));
    const background = Array.from({ length: 40 }, (_, index) => `Where is my order number ${index}?`);
    expect(groupGapQuestions(gaps).map((group) => group.words)).toEqual([["order", "gift", "wrap"]]);
    expect(groupGapQuestions(gaps, background).map((group) => group.words)).toEqual([["gift", "wrap", "order"]]);
    expect(groupGapQuestions(gaps, background)[0].key).toBe("gift");
  });

  it("reads a call's customer lines only, and keeps questions without words in a group of their own", () => {
    const call = ask(
      "Call transcript (1m02s)\nAgent: Thanks for calling Acme, how can I help?\nCustomer: Hi, this is Sam. Do you sell replacement filters?",
    );
    expect(questionText(call.text)).toBe("Do you sell replacement filters?");
    const groups = groupGapQuestions([call, ask("Hello?"), ask("Hi")]);
    expect(groups.map((group) => [group.key, group.words, group.sessionIds.length])).toEqual([
      [NO_WORDS_KEY, [], 2],
      ["replacement", ["replacement", "filters", "sell"], 1],
    ]);
    expect(groups[1].examples[0].text).toBe("Do you sell replacement filters?");
  });

  it("truncates long examples at a word", () => {
    const long = `Does the warranty cover ${"very ".repeat(40)}old machines?`;
    const [group] = groupGapQuestions([ask(long)]);
    expect(group.examples[0].text.length).toBeLessThanOrEqual(140);
    expect(group.examples[0].text.endsWith("…")).toBe(true);
  });
});
