import { extractCustomerWords } from "./customer-words";
import { ACRONYMS, DIMINISHERS, INTENSIFIERS, NEGATORS, PHRASE_SCORES, WORD_SCORES } from "./lexicon";
import { normalize } from "./text";

export type SentimentLabel = "angry" | "frustrated" | "neutral" | "positive";

export interface SentimentResult {
  label: SentimentLabel;
  /** Rounded lexicon total: below zero is negative. */
  score: number;
  /** The words and phrases that moved the score, as written (plus "!!!" and "ALL CAPS"). */
  matched: string[];
}

/** Label bands. A single very strong hit (furious, profanity, "SO ANGRY") is enough for angry on its own. */
export const SENTIMENT_THRESHOLDS = { angryTotal: -7, angrySingle: -4, frustrated: -2, positive: 3 } as const;

const MAX_PHRASE_WORDS = 5;
const NEGATION_WINDOW = 3;

interface Token {
  raw: string;
  lower: string;
  word: boolean;
}

function tokenize(text: string): Token[] {
  const parts = normalize(text).match(/[A-Za-z0-9]+(?:'[A-Za-z]+)?|[.!?;,:]+/g) ?? [];
  return parts.map((raw) => ({ raw, lower: raw.toLowerCase(), word: /^[A-Za-z0-9]/.test(raw) }));
}

function isShouted(token: Token): boolean {
  return (
    token.word &&
    token.raw.length >= 2 &&
    /[A-Z]/.test(token.raw) &&
    token.raw === token.raw.toUpperCase() &&
    !ACRONYMS.has(token.raw)
  );
}

/** The longest lexicon phrase starting at i, within one clause. */
function phraseAt(tokens: Token[], i: number): { length: number; score: number } | null {
  for (let n = MAX_PHRASE_WORDS; n >= 2; n--) {
    const slice = tokens.slice(i, i + n);
    if (slice.length < n || slice.some((t) => !t.word)) continue;
    const score = PHRASE_SCORES.get(slice.map((t) => t.lower).join(" "));
    if (score !== undefined) return { length: n, score };
  }
  return null;
}

/**
 * AFINN-style sentiment of the customer's words: lexicon words and phrases, flipped and damped by a negation
 * within three words ("not happy"), x1.5 after an intensifier ("really angry") or in capitals, x0.5 after a
 * softener ("a bit annoyed"); repeated "!!" and shouting push further in the message's direction.
 */
export function scoreSentiment(text: string): SentimentResult {
  const tokens = tokenize(extractCustomerWords(text));
  const matched: string[] = [];
  let total = 0;
  let strongest = 0;
  let clauseStart = 0;

  const add = (value: number, label: string) => {
    if (value === 0) return;
    total += value;
    strongest = Math.min(strongest, value);
    matched.push(label);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token.word) {
      clauseStart = i + 1;
      continue;
    }
    const phrase = phraseAt(tokens, i);
    const base = phrase ? phrase.score : WORD_SCORES.get(token.lower);
    const length = phrase ? phrase.length : 1;
    if (base === undefined || base === 0) {
      i += length - 1;
      continue;
    }
    let value = base;
    let from = i;
    const before = tokens.slice(Math.max(clauseStart, i - NEGATION_WINDOW), i);
    // Phrases such as "not happy" carry their own negation.
    const negator = phrase ? -1 : before.findLastIndex((t) => NEGATORS.has(t.lower));
    if (negator >= 0) {
      value = -value * 0.5;
      from = i - before.length + negator;
    }
    const prev = i > clauseStart ? tokens[i - 1] : undefined;
    if (prev && INTENSIFIERS.has(prev.lower)) {
      value *= 1.5;
      from = Math.min(from, i - 1);
    } else if (prev && DIMINISHERS.has(prev.lower)) {
      value *= 0.5;
      from = Math.min(from, i - 1);
    }
    if (tokens.slice(i, i + length).every(isShouted)) value *= 1.5;
    add(
      value,
      tokens
        .slice(from, i + length)
        .map((t) => (isShouted(t) ? t.raw : t.lower))
        .join(" "),
    );
    i += length - 1;
  }

  // Emphasis amplifies whatever the message already says; unexplained shouting reads as upset.
  const bangs = tokens.filter((t) => !t.word && /!/.test(t.raw) && t.raw.length >= 2).length;
  if (bangs > 0) {
    const runs = Math.min(bangs, 3);
    if (total > 0) total += runs * 0.5;
    else add(-runs, "!!!");
  }
  const words = tokens.filter((t) => t.word);
  const shouted = words.filter(isShouted).length;
  if (shouted >= 3 && shouted >= words.length * 0.4) {
    if (total > 0) total += 1;
    else add(-2, "ALL CAPS");
  }

  const score = Math.round(total);
  return { label: labelFor(score, strongest), score, matched };
}

function labelFor(score: number, strongest: number): SentimentLabel {
  const t = SENTIMENT_THRESHOLDS;
  if (score <= t.angryTotal || (strongest <= t.angrySingle && score < 0)) return "angry";
  if (score <= t.frustrated) return "frustrated";
  if (score >= t.positive) return "positive";
  return "neutral";
}

/** The stronger of two labels, for when a threat must lift a mild score. */
export function worseSentiment(a: SentimentLabel, b: SentimentLabel): SentimentLabel {
  const order: SentimentLabel[] = ["angry", "frustrated", "neutral", "positive"];
  return order[Math.min(order.indexOf(a), order.indexOf(b))];
}
