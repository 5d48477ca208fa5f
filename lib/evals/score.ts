import type { AgentOutcome, Sentiment } from "../agent/outcome";
import type { EvalCase, EvalExpectation, ExpectedSentiment, Fact } from "./case";

/**
 * Deterministic scores of a test case and of a run (docs/evals.md). Every check compares what the AI did with what
 * the case expects; a check the case does not ask for is `null` (not scored), never counted as passed.
 */

/** What the AI did on a case, as the scores need it. */
export interface Observed {
  outcome: AgentOutcome;
  /** The knowledge article the answer named (a title its searches returned, found in the reply), or null. */
  citedArticle: string | null;
}

export interface FactCheck {
  /** The fact as written in the case (alternatives joined by " | "). */
  fact: string;
  found: boolean;
}

export interface CaseChecks {
  outcome: boolean;
  /** Handoff reason, when the case expects a handoff with a reason and the AI handed off. */
  reason: boolean | null;
  facts: FactCheck[];
  forbidden: FactCheck[];
  article: boolean | null;
  sentiment: boolean | null;
}

export interface CaseScore {
  checks: CaseChecks;
  /** Every check asked for passed. */
  passed: boolean;
  /** The first check that failed, in words, for the list of failures. */
  failure: string | null;
}

/** Lower case, one space between words, typographic quotes and dashes made plain: how facts are matched. */
export function normalizeForMatch(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

function factText(fact: Fact): string {
  return Array.isArray(fact) ? fact.join(" | ") : fact;
}

function contains(haystack: string, fact: Fact): boolean {
  const alternatives = Array.isArray(fact) ? fact : [fact];
  return alternatives.some((alternative) => haystack.includes(normalizeForMatch(alternative)));
}

export function sentimentMatches(expected: ExpectedSentiment, actual: Sentiment): boolean {
  return expected === "negative" ? actual === "angry" || actual === "frustrated" : expected === actual;
}

/** The text a case's facts are looked for in: the reply, or the handoff's summary. */
function spokenText(outcome: AgentOutcome): string {
  return outcome.kind === "reply" ? outcome.text : outcome.summary;
}

export function scoreCase(expect: EvalExpectation, observed: Observed): CaseScore {
  const { outcome } = observed;
  const answered = outcome.kind === "reply";
  const outcomeRight = answered === (expect.outcome === "answer");
  const text = normalizeForMatch(spokenText(outcome));
  const checks: CaseChecks = {
    outcome: outcomeRight,
    reason: expect.outcome === "handoff" && expect.reason && outcome.kind === "handoff" ? outcome.reason === expect.reason : null,
    facts: outcomeRight ? expect.mustContain.map((fact) => ({ fact: factText(fact), found: contains(text, fact) })) : [],
    forbidden: expect.mustNotContain.map((fact) => ({ fact: factText(fact), found: contains(text, fact) })),
    article: expect.article && answered ? normalizeForMatch(observed.citedArticle ?? "") === normalizeForMatch(expect.article) : null,
    sentiment: expect.sentiment ? sentimentMatches(expect.sentiment, outcome.sentiment) : null,
  };
  const failure = firstFailure(expect, observed, checks);
  return { checks, passed: failure === null, failure };
}

function firstFailure(expect: EvalExpectation, observed: Observed, checks: CaseChecks): string | null {
  const { outcome } = observed;
  if (!checks.outcome) return outcome.kind === "reply" ? "answered; a person was needed" : `handed off (${outcome.reason}); it should have answered`;
  if (checks.reason === false && outcome.kind === "handoff") return `handoff reason ${outcome.reason}, expected ${expect.reason}`;
  const missing = checks.facts.find((check) => !check.found);
  if (missing) return `missing “${missing.fact}”`;
  const said = checks.forbidden.find((check) => check.found);
  if (said) return `said “${said.fact}”`;
  if (checks.article === false) return observed.citedArticle ? `cited “${observed.citedArticle}”, expected “${expect.article}”` : `named no article; expected “${expect.article}”`;
  if (checks.sentiment === false) return `sentiment ${outcome.sentiment}, expected ${expect.sentiment}`;
  return null;
}

/** A rate with what it counts: `numerator ÷ denominator`, null when nothing is counted. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

export interface ScoredCase {
  case: Pick<EvalCase, "id" | "expect" | "tags">;
  observed: Observed;
  score: CaseScore;
  /** The run failed (model or tool error); the outcome is then the fallback handoff, as in the pipeline. */
  error: string | null;
}

/** The figures of a run (docs/evals.md has their formulas). */
export interface EvalTotals {
  cases: number;
  /** Cases with every check passed ÷ cases. */
  passed: Ratio;
  /** Cases whose outcome (answer or handoff) was right ÷ cases. */
  accuracy: Ratio;
  /** Answers that were right (an answer was expected, and its facts, forbidden phrases and article checks passed) ÷ answers given. */
  answerPrecision: Ratio;
  /** Cases needing a person that were handed off ÷ cases needing a person. */
  handoffRecall: Ratio;
  /** Handoffs with the expected reason ÷ handoffs where a reason was expected. */
  reasonAccuracy: Ratio;
  /** Sentiments right ÷ cases that expect one. */
  sentimentAccuracy: Ratio;
  /** Answers that named the expected article ÷ answers to cases that expect one. */
  articleAccuracy: Ratio;
  /** Runs that failed (the model or a tool raised an error). */
  errors: number;
}

/** An answer is right when one was expected and nothing about its content failed (sentiment is scored apart). */
export function answerIsRight(scored: Pick<ScoredCase, "observed" | "score">): boolean {
  const { checks } = scored.score;
  return (
    scored.observed.outcome.kind === "reply" &&
    checks.outcome &&
    checks.facts.every((check) => check.found) &&
    checks.forbidden.every((check) => !check.found) &&
    checks.article !== false
  );
}

export function totalsOf(results: readonly ScoredCase[]): EvalTotals {
  const count = (predicate: (result: ScoredCase) => boolean) => results.filter(predicate).length;
  const answers = results.filter((result) => result.observed.outcome.kind === "reply");
  const needPerson = results.filter((result) => result.case.expect.outcome === "handoff");
  const reasonScored = results.filter((result) => result.score.checks.reason !== null);
  const sentimentScored = results.filter((result) => result.score.checks.sentiment !== null);
  const articleScored = results.filter((result) => result.score.checks.article !== null);
  return {
    cases: results.length,
    passed: ratio(count((result) => result.score.passed), results.length),
    accuracy: ratio(count((result) => result.score.checks.outcome), results.length),
    answerPrecision: ratio(answers.filter(answerIsRight).length, answers.length),
    handoffRecall: ratio(needPerson.filter((result) => result.observed.outcome.kind === "handoff").length, needPerson.length),
    reasonAccuracy: ratio(reasonScored.filter((result) => result.score.checks.reason).length, reasonScored.length),
    sentimentAccuracy: ratio(sentimentScored.filter((result) => result.score.checks.sentiment).length, sentimentScored.length),
    articleAccuracy: ratio(articleScored.filter((result) => result.score.checks.article).length, articleScored.length),
    errors: count((result) => result.error !== null),
  };
}

/** The totals of each tag's cases, tags in name order. */
export function totalsByTag(results: readonly ScoredCase[]): { tag: string; totals: EvalTotals }[] {
  const tags = [...new Set(results.flatMap((result) => result.case.tags))].sort();
  return tags.map((tag) => ({ tag, totals: totalsOf(results.filter((result) => result.case.tags.includes(tag))) }));
}
