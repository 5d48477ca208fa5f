import { z } from "zod";
// The lists from lib/domain.ts itself: the eval tables store cases as JSON, so this format sits below lib/db.
import { CHANNELS, HANDOFF_REASONS, SENTIMENTS } from "../domain";

/**
 * A test case: what a customer said on a channel, and what must happen. The JSONL format of a test set is one case
 * per line, as this schema reads it (docs/evals.md).
 */

/** A sentiment the AI must give: one of its four labels, or `negative` for angry or frustrated. */
export const EXPECTED_SENTIMENTS = [...SENTIMENTS, "negative"] as const;
export type ExpectedSentiment = (typeof EXPECTED_SENTIMENTS)[number];

/** A fact the answer (or the handoff summary) must carry: a phrase, or a list of phrases any one of which will do. */
const fact = z.union([z.string().trim().min(1).max(200), z.array(z.string().trim().min(1).max(200)).min(1).max(10)]);
export type Fact = z.infer<typeof fact>;

const earlierMessage = z.object({
  author: z.enum(["customer", "ai", "teammate"]),
  text: z.string().min(1).max(20_000),
});

export const evalExpectationSchema = z
  .object({
    outcome: z.enum(["answer", "handoff"]),
    /** For a handoff: the reason it must give. */
    reason: z.enum(HANDOFF_REASONS).optional(),
    /** Phrases the answer must contain (for a handoff: its summary), case and spacing aside. */
    mustContain: z.array(fact).max(20).default([]),
    /** Phrases it must not contain. */
    mustNotContain: z.array(fact).max(20).default([]),
    /** For an answer: the title of the knowledge article it must rest on. */
    article: z.string().trim().min(1).max(300).optional(),
    sentiment: z.enum(EXPECTED_SENTIMENTS).optional(),
  })
  .strict()
  .superRefine((expect, context) => {
    if (expect.outcome === "answer" && expect.reason) context.addIssue({ code: "custom", path: ["reason"], message: "an answer has no handoff reason" });
    if (expect.outcome === "handoff" && expect.article) context.addIssue({ code: "custom", path: ["article"], message: "a handoff cites no article" });
  });
export type EvalExpectation = z.infer<typeof evalExpectationSchema>;

export const evalCaseSchema = z
  .object({
    /** Unique within its set: how two runs are matched case by case. */
    id: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "an id is letters, digits and . _ : - (e.g. voice-refund-03)"),
    channel: z.enum(CHANNELS),
    /** The customer's message being answered: a transcript, voicemail, call notes, an email, a text. */
    input: z.string().trim().min(1).max(20_000),
    /** The conversation before it, oldest first. */
    history: z.array(earlierMessage).max(50).default([]),
    /** The caller's or sender's handle, as Front gives it (a phone number, an email address). */
    contact: z.string().trim().max(320).optional(),
    subject: z.string().trim().max(998).optional(),
    expect: evalExpectationSchema,
    /** Free labels to slice the scores by (voice, spanish, injection…). */
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    /** Why the case exists, for the person who reads a failure. */
    note: z.string().max(2000).optional(),
  })
  .strict();
export type EvalCase = z.infer<typeof evalCaseSchema>;
export type EvalCaseInput = z.input<typeof evalCaseSchema>;

export class EvalSetFormatError extends Error {
  override name = "EvalSetFormatError";
  constructor(readonly problems: { line: number; message: string }[]) {
    super(problems.map((problem) => `line ${problem.line}: ${problem.message}`).join("\n"));
  }
}

/**
 * Reads a test set in JSONL: one case per line; blank lines and lines starting with `//` are skipped. Every bad line
 * is reported with its number (not only the first), and ids must be unique.
 */
export function parseEvalSet(text: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const problems: { line: number; message: string }[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith("//")) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      problems.push({ line, message: `not JSON (${(error as Error).message})` });
      return;
    }
    const parsed = evalCaseSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push({ line, message: `${issue.path.join(".") || "case"}: ${issue.message}` });
      return;
    }
    const earlier = seen.get(parsed.data.id);
    if (earlier) problems.push({ line, message: `id ${parsed.data.id} is already used on line ${earlier}` });
    seen.set(parsed.data.id, line);
    cases.push(parsed.data);
  });
  if (problems.length > 0) throw new EvalSetFormatError(problems);
  return cases;
}

/** Writes cases as JSONL, one per line, with the defaults left out so a hand-written file round-trips unchanged. */
export function formatEvalSet(cases: readonly EvalCase[]): string {
  return cases.map((entry) => JSON.stringify(compactCase(entry))).join("\n") + (cases.length > 0 ? "\n" : "");
}

function compactCase(entry: EvalCase): Record<string, unknown> {
  const expect: Record<string, unknown> = { outcome: entry.expect.outcome };
  if (entry.expect.reason) expect.reason = entry.expect.reason;
  if (entry.expect.mustContain.length > 0) expect.mustContain = entry.expect.mustContain;
  if (entry.expect.mustNotContain.length > 0) expect.mustNotContain = entry.expect.mustNotContain;
  if (entry.expect.article) expect.article = entry.expect.article;
  if (entry.expect.sentiment) expect.sentiment = entry.expect.sentiment;
  return {
    id: entry.id,
    channel: entry.channel,
    ...(entry.contact ? { contact: entry.contact } : {}),
    ...(entry.subject ? { subject: entry.subject } : {}),
    ...(entry.history.length > 0 ? { history: entry.history } : {}),
    input: entry.input,
    expect,
    ...(entry.tags.length > 0 ? { tags: entry.tags } : {}),
    ...(entry.note ? { note: entry.note } : {}),
  };
}
