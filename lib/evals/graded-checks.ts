import type { AgentOutcome } from "../agent/outcome";
import type { Ratio } from "./score";

/**
 * Graded checks: a judge model reads the case, what the AI found in the knowledge base and what it said, and grades
 * what string matching cannot (is the answer grounded, complete, well put; is a handoff's summary useful). A judge
 * is itself a model and can be wrong, so these grades are kept and shown apart from the deterministic scores and
 * never decide whether a case passed. Only a hosted model judges (judge.ts): the offline model cannot read for
 * meaning. This file has no model in it, so the pages can import it.
 */

export const GRADED_CHECKS = {
  grounded: {
    label: "Grounded",
    appliesTo: "reply",
    question: "Is every claim in the answer supported by the knowledge the AI found? Nothing invented: no price, date, policy, promise or step that the knowledge does not state.",
  },
  complete: {
    label: "Answers all asked",
    appliesTo: "reply",
    question: "Does the answer address everything the customer asked, or say plainly which part a person will follow up on?",
  },
  tone: {
    label: "Tone",
    appliesTo: "reply",
    question: "Is the answer polite, plain and fit for its channel (short for a text message), with no internal notes, markup or instructions to the AI?",
  },
  usefulSummary: {
    label: "Useful handoff summary",
    appliesTo: "handoff",
    question: "Does the summary tell the person taking over who the customer is, what they want and what to do next, without inventing facts the customer did not give?",
  },
} as const satisfies Record<string, { label: string; appliesTo: AgentOutcome["kind"]; question: string }>;

export type GradedCheckKey = keyof typeof GRADED_CHECKS;
export const GRADED_CHECK_KEYS = Object.keys(GRADED_CHECKS) as [GradedCheckKey, ...GradedCheckKey[]];

export interface GradedCheck {
  key: GradedCheckKey;
  pass: boolean;
  /** The judge's reason, in a sentence. */
  why: string;
}

export interface GradedResult {
  /** The judge model (provider:model). */
  model: string;
  checks: GradedCheck[];
  /** The judge failed (model error, or an answer that graded something else); its checks are then empty. */
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

/** The checks a judge grades for an outcome: the answer's three, or the handoff's one. */
export function checksFor(kind: AgentOutcome["kind"]): GradedCheckKey[] {
  return GRADED_CHECK_KEYS.filter((key) => GRADED_CHECKS[key].appliesTo === kind);
}

/** One graded check over a run: cases it passed ÷ cases it was graded on. */
export interface GradedFigure {
  key: GradedCheckKey;
  label: string;
  ratio: Ratio;
}

export interface GradedTotals {
  model: string;
  /** Cases the judge graded (its failures aside) ÷ cases run. */
  judged: Ratio;
  figures: GradedFigure[];
}

export function gradedTotals(model: string, graded: readonly (GradedResult | null | undefined)[]): GradedTotals {
  const judged = graded.filter((result): result is GradedResult => Boolean(result) && result!.error === null);
  const figures = GRADED_CHECK_KEYS.flatMap((key) => {
    const checks = judged.flatMap((result) => result.checks.filter((check) => check.key === key));
    if (checks.length === 0) return [];
    const passed = checks.filter((check) => check.pass).length;
    return [{ key, label: GRADED_CHECKS[key].label, ratio: { numerator: passed, denominator: checks.length, rate: passed / checks.length } }];
  });
  return { model, judged: { numerator: judged.length, denominator: graded.length, rate: graded.length === 0 ? null : judged.length / graded.length }, figures };
}
