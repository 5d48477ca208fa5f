/**
 * Whether the knowledge base really answers the customer: which article their message is about (its topic words,
 * the title's counting double), and whether every question they ask is covered by one article. A question word no
 * article holds ("Canada", "cut-off", "PayPal", "CSV") means the articles do not answer it, however close the topic:
 * a person must. Words any question may use ("how long", "today", "fix", "happen") never count against an article.
 */
import { SYNONYM_GROUPS } from "../../text-analysis/lexicon";
import { keywords, stem, stemSet } from "../../text-analysis/text";
import type { KbArticle } from "./tools";

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS)
  for (const w of group) SYNONYMS.set(stem(w), [...(SYNONYMS.get(stem(w)) ?? []), ...group.map(stem)]);

/** One concept per synonym group, so "twice" and "duplicate" count once. */
export const concept = (word: string) => SYNONYMS.get(stem(word))?.[0] ?? stem(word);

const WEEKDAYS =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|weekend|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays|weekends)$/;

/** Words any question may use; they neither pick an article nor count against one. */
const GENERIC = new Set(
  (
    "get gets got go goes going gone went come comes coming came take takes took taking make makes made does did done find found " +
    "see seen look looking looked check checked know knew work works working worked happen happens happened happening use used using " +
    "tell told give gave given put try tried wait waiting ask say said says think thought mean means long many much soon quick fast " +
    "right away still back new old actually normal mistake mistakes fix fixed fixing problem problems issue issues thing stuff way " +
    "steps step sure exactly today tomorrow yesterday morning afternoon evening tonight week weeks month months year years day days " +
    "minute minutes hour time times anymore usually usual typically able possible end show shows shown showed kick kicks effect " +
    "start starts started anything something everything bit lot set writing written text texted exact same supposed whether like " +
    "ok okay yeah yep hey guys folks there here place placed order? able also both two things thing second first last next " +
    "kind sort lose lost right away end side support team company acme hope hoping let lets fine great good thanks cheers " +
    "mean shop doing done sorry somewhere anywhere somehow hmm um uh wh er also ago least later early earlier currently " +
    "instead rather whatever someone somebody anybody either neither reason happens deal handle manage managed " +
    "another choose chose listen till until itself himself herself even case specific sent send sending statement manually " +
    "leave leaves left building hear heard kind please thank able way sure"
  )
    .split(/\s+/)
    .filter((w) => w && !w.endsWith("?")),
);

function isGeneric(word: string): boolean {
  return GENERIC.has(word.toLowerCase()) || GENERIC.has(stem(word));
}

interface ArticleText {
  article: KbArticle;
  title: Set<string>;
  all: Set<string>;
  weekdays: boolean;
}

function has(stems: Set<string>, word: string): boolean {
  const s = stem(word);
  return stems.has(s) || (SYNONYMS.get(s) ?? []).some((x) => stems.has(x));
}

/** Merges the passages of one article into one text. */
function byArticle(results: KbArticle[]): ArticleText[] {
  const merged = new Map<string, KbArticle>();
  for (const r of results) {
    const key = r.articleId || r.title;
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...r });
    else if (!seen.content.includes(r.content))
      merged.set(key, { ...seen, content: `${seen.content} ${r.content}`, score: Math.max(seen.score, r.score) });
  }
  return [...merged.values()].map((article) => {
    const all = stemSet(`${article.title} ${article.content}`);
    return {
      article,
      title: stemSet(article.title),
      all,
      weekdays: [...all].some((w) => WEEKDAYS.test(w) || WEEKDAYS.test(`${w}s`)),
    };
  });
}

/** Whether an article holds a word (its stem, a synonym's, or any weekday when it lists weekdays). */
function covers(a: ArticleText, word: string): boolean {
  if (WEEKDAYS.test(word.toLowerCase())) return a.weekdays;
  return has(a.all, word);
}

/** The question's words that say what it is about (not the generic ones). */
export function specificWords(question: string): string[] {
  return keywords(question, 16).filter((w) => !isGeneric(w));
}

/** Missing words that alone show a gap: names, codes, numbers, weekdays, languages, and prices. */
function isStrong(word: string, question: string): boolean {
  if (WEEKDAYS.test(word.toLowerCase())) return true;
  if (/\d/.test(word) || /^(?:english|spanish|french|german|italian|portuguese|dutch|chinese|japanese)$/i.test(word))
    return true;
  return (
    new RegExp(`(?:^|[^.!?]\\s)(?:${word.charAt(0).toUpperCase()}${word.slice(1)}|${word.toUpperCase()})\\b`).test(
      question,
    ) && !/^(?:I|Is|Do|Does|Can|How|What)$/.test(word)
  );
}

/** Verbs a gloss of another language cannot be trusted on ("cambiarla" -> change): only its nouns count there. */
const GLOSS_VERBS = new Set(["change", "update", "forgot", "reset", "take", "long", "open", "close", "failed", "kept"]);

export interface Coverage {
  article: KbArticle;
  /** Relevance: topic words found, a title word counting double. */
  score: number;
  matched: string[];
  /** Each question with the words no single article covers. */
  gaps: { question: string; missing: string[] }[];
  fits: boolean;
  /** How many questions had words to look up. */
  asked: number;
}

export interface CoverageInput {
  /** The customer's topic words (this turn, and earlier turns as context), in English. */
  topic: string;
  /** Earlier turns, counted at half weight. */
  context?: string;
  /** The text is a gloss of another language: its verbs do not count against an article. */
  lenient?: boolean;
  /** The questions or requests to answer, in English. */
  questions: string[];
}

/**
 * The best article for the customer and whether it answers: enough topic words in common (two, or one in its title
 * when the question is short), and every question covered by the best article or another one returned.
 */
export function judgeCoverage(results: KbArticle[], input: CoverageInput): Coverage | null {
  const articles = byArticle(results);
  if (articles.length === 0) return null;
  // The first question's words count double: "need to cancel but I forgot my password" is about cancelling.
  const firstQuestion = new Set(keywords(input.questions[0] ?? "", 12).map(concept));
  const topicWords = keywords(input.topic, 40).filter((w) => !isGeneric(w));
  const contextWords = keywords(input.context ?? "", 30).filter(
    (w) => !isGeneric(w) && !topicWords.some((t) => concept(t) === concept(w)),
  );
  const text = input.topic.toLowerCase();

  // The article is picked by this turn's words; earlier turns' words only break a tie, so a follow-up question on a
  // new topic ("and your opening hours?") is not answered with the earlier topic's article.
  let best: { a: ArticleText; score: number; topic: number; context: number; matched: string[]; first: number } | null =
    null;
  for (const a of articles) {
    const scores = { topic: 0, context: 0 };
    const matched: string[] = [];
    const seen = new Set<string>();
    let first = Number.POSITIVE_INFINITY;
    const count = (w: string, weight: number, into: keyof typeof scores) => {
      const c = concept(w);
      if (seen.has(c) || !covers(a, w)) return;
      seen.add(c);
      const inTitle = has(a.title, w);
      scores[into] += weight * (inTitle ? 2 : 1);
      matched.push(w);
      if (inTitle && weight >= 1) first = Math.min(first, text.indexOf(w.toLowerCase()));
    };
    for (const w of topicWords) count(w, firstQuestion.has(concept(w)) ? 2 : 1, "topic");
    for (const w of contextWords) count(w, 0.5, "context");
    const { topic, context } = scores;
    const better =
      !best ||
      topic > best.topic ||
      (topic === best.topic && context > best.context) ||
      (topic === best.topic &&
        context === best.context &&
        (first < best.first || (first === best.first && a.article.score > best.a.article.score)));
    if (better) best = { a, score: topic + context, topic, context, matched, first };
  }
  if (!best) return null;

  const gaps: Coverage["gaps"] = [];
  let asked = 0;
  let strongGap = false;
  for (const question of input.questions) {
    const words = specificWords(question).filter((w) => !(input.lenient && GLOSS_VERBS.has(w.toLowerCase())));
    if (words.length === 0) continue;
    const missingIn = (a: ArticleText) => words.filter((w) => !covers(a, w));
    const candidates = [best.a, ...articles.filter((a) => a !== best!.a)];
    const missing = candidates.map(missingIn).reduce((fewest, m) => (m.length < fewest.length ? m : fewest));
    asked += 1;
    if (missing.length > 0) gaps.push({ question, missing });
    if (
      missing.length >= 2 ||
      missing.some((w) => isStrong(w, question)) ||
      /\bhow much\b|\bprice\b|\bcost\b/i.test(question)
    )
      strongGap ||= missing.length > 0;
  }
  // A gap is a question no article covers: a name, code or price it lacks, two missing words, or every question
  // missing something. One stray word in one of several questions ("the building email?") is not.
  const gapped = strongGap || (asked > 0 && gaps.length === asked);
  const titleHit = best.matched.some((w) => has(best!.a.title, w));
  const enough = best.score >= 3 || (titleHit && best.score >= 2);
  return { article: best.a.article, score: best.score, matched: best.matched, gaps, fits: enough && !gapped, asked };
}
