import type { Channel } from "../front/channels";
import { evalCaseSchema, type EvalCase, type Fact } from "./case";

/**
 * A test case as the editor's fields hold it (plain strings), and back. Facts are one per line, with alternatives
 * any one of which will do separated by " | "; tags are separated by commas. The earlier messages of a case are
 * kept as they are: the editor changes what the customer said last and what must happen.
 */
export interface CaseForm {
  id: string;
  channel: Channel;
  input: string;
  subject: string;
  contact: string;
  outcome: "answer" | "handoff";
  /** Empty: any reason. */
  reason: string;
  mustContain: string;
  mustNotContain: string;
  article: string;
  /** Empty: not checked. */
  sentiment: string;
  tags: string;
  note: string;
  history: EvalCase["history"];
}

export const EMPTY_CASE_FORM: CaseForm = {
  id: "",
  channel: "voice",
  input: "",
  subject: "",
  contact: "",
  outcome: "answer",
  reason: "",
  mustContain: "",
  mustNotContain: "",
  article: "",
  sentiment: "",
  tags: "",
  note: "",
  history: [],
};

const factLine = (fact: Fact) => (Array.isArray(fact) ? fact.join(" | ") : fact);

export function formFromCase(entry: EvalCase): CaseForm {
  return {
    id: entry.id,
    channel: entry.channel,
    input: entry.input,
    subject: entry.subject ?? "",
    contact: entry.contact ?? "",
    outcome: entry.expect.outcome,
    reason: entry.expect.reason ?? "",
    mustContain: entry.expect.mustContain.map(factLine).join("\n"),
    mustNotContain: entry.expect.mustNotContain.map(factLine).join("\n"),
    article: entry.expect.article ?? "",
    sentiment: entry.expect.sentiment ?? "",
    tags: entry.tags.join(", "),
    note: entry.note ?? "",
    history: entry.history,
  };
}

function factsFrom(text: string): Fact[] {
  return text
    .split("\n")
    .map((line) => line.split("|").map((part) => part.trim()).filter(Boolean))
    .filter((alternatives) => alternatives.length > 0)
    .map((alternatives) => (alternatives.length === 1 ? alternatives[0]! : alternatives));
}

const optional = (text: string) => text.trim() || undefined;

export type CaseFormResult = { ok: true; case: EvalCase } | { ok: false; problems: { field: string; message: string }[] };

/** The case the fields describe, checked by the same schema as an import; a problem names its field. */
export function caseFromForm(form: CaseForm): CaseFormResult {
  const answer = form.outcome === "answer";
  const parsed = evalCaseSchema.safeParse({
    id: form.id.trim(),
    channel: form.channel,
    input: form.input,
    subject: optional(form.subject),
    contact: optional(form.contact),
    history: form.history,
    // A reason only means something for a handoff, an article only for an answer: the other is dropped, not refused.
    expect: {
      outcome: form.outcome,
      reason: answer ? undefined : optional(form.reason),
      mustContain: factsFrom(form.mustContain),
      mustNotContain: factsFrom(form.mustNotContain),
      article: answer ? optional(form.article) : undefined,
      sentiment: optional(form.sentiment),
    },
    tags: form.tags
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
    note: optional(form.note),
  });
  if (parsed.success) return { ok: true, case: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: fieldOf(issue.path), message: issue.message })) };
}

/** The editor field a schema path belongs to: expect.mustContain.2 → mustContain. */
function fieldOf(path: PropertyKey[]): string {
  const [first, second] = path.map(String);
  return first === "expect" && second ? second : (first ?? "case");
}
