import type { TranscriptKind } from "../../text-analysis/customer-words";
import type { Channel } from "./prompt";
import { SYNONYM_GROUPS } from "../../text-analysis/lexicon";
import { splitSentences, stem, stemSet } from "../../text-analysis/text";
import type { KbArticle } from "./tools";

export interface FitThresholds {
  /** Search rank below this is noise (ts_rank_cd normalised to 0–1; one stray word scores ~0.05). */
  minScore: number;
  /** Share of the query's keywords the article must contain. */
  minOverlap: number;
  /** And at least this many of them (or all, for shorter queries). */
  minMatched: number;
}

export const DEFAULT_FIT: FitThresholds = { minScore: 0.01, minOverlap: 0.5, minMatched: 2 };

export interface ArticleFit {
  article: KbArticle;
  fits: boolean;
  /** The query's keywords, one per concept, and those found in the article. */
  queryWords: string[];
  queryMatched: string[];
  /** All customer keywords found in the article, for the reasoning. */
  matched: string[];
  overlap: number;
}

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) for (const w of group) SYNONYMS.set(stem(w), group.map(stem));

/** Synonyms share one concept, so a query expanded with them still counts "twice"/"duplicate" once. */
const concept = (word: string) => SYNONYMS.get(stem(word))?.[0] ?? stem(word);

/** A word is in the article when its stem or a synonym's stem is. */
function inArticle(word: string, stems: Set<string>): boolean {
  const s = stem(word);
  return stems.has(s) || (SYNONYMS.get(s) ?? []).some((x) => stems.has(x));
}

/** Adds help-desk synonyms to a keyword query, since the search matches any word: "twice" also finds "duplicate". */
export function expandQuery(words: string[], max = 12): string[] {
  const out = [...words];
  for (const w of words) {
    const group = SYNONYM_GROUPS.find((g) => g.some((x) => stem(x) === stem(w)));
    for (const x of group ?? []) if (out.length < max && !out.some((o) => stem(o) === stem(x))) out.push(x);
  }
  return out;
}

/**
 * Picks the best article by keyword overlap with the question, then by search score, and says whether it
 * really answers: the rank alone is not trusted, because an OR search ranks any article sharing one word.
 */
export function judgeArticles(
  results: KbArticle[],
  queryWords: string[],
  customerWords: string[],
  t: FitThresholds = DEFAULT_FIT,
): ArticleFit | null {
  // One representative word per concept: the first one the customer used.
  const query = queryWords.filter((w, i) => queryWords.findIndex((x) => concept(x) === concept(w)) === i);
  let best: ArticleFit | null = null;
  for (const article of results) {
    const stems = stemSet(`${article.title} ${article.content}`);
    const queryMatched = query.filter((w) => inArticle(w, stems));
    const overlap = query.length ? queryMatched.length / query.length : 0;
    const candidate: ArticleFit = {
      article,
      queryWords: query,
      queryMatched,
      matched: customerWords.filter((w) => inArticle(w, stems)),
      overlap,
      fits:
        article.score >= t.minScore &&
        overlap >= t.minOverlap &&
        queryMatched.length >= Math.min(t.minMatched, query.length),
    };
    if (
      !best ||
      candidate.overlap > best.overlap ||
      (candidate.overlap === best.overlap && article.score > best.article.score)
    )
      best = candidate;
  }
  return best;
}

/** The article's sentences that share most words with the customer, in article order; short articles whole. */
export function relevantSentences(content: string, customerWords: string[], max = 3): string[] {
  const sentences = splitSentences(content);
  // A short article goes whole: the detail the customer needs is often in the sentence that shares fewest words.
  if (sentences.length <= max + 2 && content.length <= 600) return sentences;
  const wanted = new Set(customerWords.map(stem));
  const chosen = sentences
    .map((s, i) => ({ i, hits: [...stemSet(s)].filter((w) => wanted.has(w)).length }))
    .filter((x) => x.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, max)
    .map((x) => x.i);
  // One matching sentence is thin: add the article's opening for context.
  for (let i = 0; chosen.length < 2; i++) if (!chosen.includes(i)) chosen.push(i);
  return chosen.sort((a, b) => a - b).map((i) => sentences[i]);
}

export interface ReplyContext {
  channel: Channel;
  kind: TranscriptKind;
  name: string | null;
  /** Upset customers get a short apology first. */
  upset: boolean;
}

/** "Thanks for your voicemail." — the thanks matches how they reached us. */
export function thanksLine(ctx: Pick<ReplyContext, "channel" | "kind">): string {
  if (ctx.kind === "voicemail") return "Thanks for your voicemail.";
  if (ctx.kind === "call" || ctx.kind === "call_notes" || ctx.channel === "voice") return "Thanks for your call.";
  if (ctx.channel === "sms" || ctx.channel === "whatsapp" || ctx.channel === "chat") return "Thanks for your message.";
  return "Thanks for reaching out.";
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function greeting(name: string | null): string {
  return name ? `Hi ${name},` : "Hi there,";
}

function closing(channel: Channel): string {
  return channel === "voice"
    ? "If that doesn't sort it out, reply here or give us a call and a teammate will help."
    : "If that doesn't sort it out, just reply and we'll help.";
}

/** A short reply built from the article: greeting, the relevant sentences, the citation and a friendly close. */
export function composeAnswer(article: KbArticle, customerWords: string[], ctx: ReplyContext): string {
  const opening = [greeting(ctx.name), lowerFirst(thanksLine(ctx)), ctx.upset ? "Sorry for the trouble." : ""]
    .filter(Boolean)
    .join(" ");
  const body = relevantSentences(article.content, customerWords).join(" ");
  return [opening, body, `From our help article: ${article.title}`, closing(ctx.channel)].join("\n\n");
}

/** The reply when a turn only thanks us. */
export function composeThanks(ctx: ReplyContext): string {
  return `${greeting(ctx.name)} you're welcome, glad that helped! ${closing(ctx.channel).replace("If that doesn't sort it out", "If anything else comes up")}`;
}

/** Said instead of a handoff call when the model is not given the handoff tool. */
export function composeHandoffNotice(ctx: ReplyContext): string {
  return `${greeting(ctx.name)} ${lowerFirst(thanksLine(ctx))} I'm passing this to a teammate, who will get back to you shortly.`;
}
