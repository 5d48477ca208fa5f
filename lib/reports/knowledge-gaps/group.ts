import { extractCustomerWords, stripPreamble } from "@/lib/text-analysis/customer-words";
import { capitalize, keywords, stem, truncate } from "@/lib/text-analysis/text";

/**
 * Knowledge gaps: the questions the AI handed off for want of an article, grouped by their most distinctive word.
 *
 * 1. Each question's words: the customer's own (agent lines of a transcript dropped), lower-case, stop words out,
 *    one per stem ("invoices" and "invoice" are one word), the offline model's tokenizer (lib/agent/local-model).
 * 2. Each word scores  gap questions using it × (ln((1 + N) / (1 + questions using it)) + 1), N = the gap questions
 *    plus the background (other customer questions of the range): TF-IDF with the gap questions as one document.
 *    A word many gap questions share and other customers rarely use scores highest.
 * 3. Each question goes to the group of its best-scoring word; ties go to the longer word, then the alphabetical one,
 *    so questions sharing their top words always agree. A group is named by the words every question in it uses
 *    (its top word first, at most three), sorted by sessions, then by name.
 */

/** The key of the group of questions with no word left once stop words are out ("Hi?", an empty transcript). */
export const NO_WORDS_KEY = "-";
export const GROUP_WORD_LIMIT = 3;
export const EXAMPLE_LIMIT = 3;
export const EXAMPLE_MAX_CHARS = 140;

export interface GapQuestion {
  sessionId: string;
  ticketNumber: number;
  /** The stored message: a transcript, an email without its quoted history, an SMS. */
  text: string;
}

export interface GapExample {
  sessionId: string;
  ticketNumber: number;
  text: string;
}

export interface GapGroup {
  /** The group's top word as customers wrote it most often; the Inbox's `gap` parameter. */
  key: string;
  words: string[];
  sessionIds: string[];
  examples: GapExample[];
}

/** What a lead reads of a question: the customer's words on one line, without "Hi, this is Sam." */
export function questionText(text: string): string {
  const words = extractCustomerWords(text).replace(/\s+/g, " ").trim();
  return capitalize(stripPreamble(words)) || words || text.replace(/\s+/g, " ").trim();
}

/** A question's words as stem → the form written. */
function termsOf(text: string): Map<string, string> {
  const terms = new Map<string, string>();
  for (const word of keywords(text, Number.POSITIVE_INFINITY)) terms.set(stem(word), word);
  return terms;
}

/** Number of documents (questions) that use each stem. */
function documentFrequency(documents: Iterable<Map<string, string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const terms of documents) for (const term of terms.keys()) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Higher score first, then the longer word, then alphabetical: one order every question agrees on. */
function byScore(score: (term: string) => number) {
  return (a: string, b: string) => score(b) - score(a) || b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The form of a stem customers wrote most often (ties: alphabetical). */
function mostWritten(forms: Map<string, number>): string {
  return [...forms].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0][0];
}

/**
 * Groups gap questions (newest first: the examples are the first of each group) by their most distinctive word.
 * `background`: other customer questions of the same range, which make words everyone uses score low.
 */
export function groupGapQuestions(questions: readonly GapQuestion[], background: readonly string[] = []): GapGroup[] {
  const read = questions.map((question) => ({ question, shown: questionText(question.text) }));
  const gapTerms = read.map(({ shown }) => termsOf(shown));
  const inGaps = documentFrequency(gapTerms);
  const everywhere = documentFrequency([...gapTerms, ...background.map((text) => termsOf(questionText(text)))]);
  const documents = gapTerms.length + background.length;
  const score = (term: string) =>
    (inGaps.get(term) ?? 0) * (Math.log((1 + documents) / (1 + (everywhere.get(term) ?? 0))) + 1);
  const order = byScore(score);

  type Building = { members: number[]; forms: Map<string, Map<string, number>> };
  const groups = new Map<string, Building>();
  gapTerms.forEach((terms, index) => {
    const top = [...terms.keys()].sort(order)[0] ?? NO_WORDS_KEY;
    const group: Building = groups.get(top) ?? { members: [], forms: new Map() };
    group.members.push(index);
    for (const [term, form] of terms) {
      const forms = group.forms.get(term) ?? new Map<string, number>();
      forms.set(form, (forms.get(form) ?? 0) + 1);
      group.forms.set(term, forms);
    }
    groups.set(top, group);
  });

  const result = [...groups].map(([top, group]): GapGroup => {
    const shared = [...group.forms]
      .filter(([, forms]) => [...forms.values()].reduce((sum, count) => sum + count, 0) === group.members.length)
      .map(([term]) => term);
    const words =
      top === NO_WORDS_KEY
        ? []
        : shared
            .sort(order)
            .slice(0, GROUP_WORD_LIMIT)
            .map((term) => mostWritten(group.forms.get(term)!));
    return {
      key: words[0] ?? NO_WORDS_KEY,
      words,
      sessionIds: group.members.map((index) => read[index].question.sessionId),
      examples: group.members.slice(0, EXAMPLE_LIMIT).map((index) => ({
        sessionId: read[index].question.sessionId,
        ticketNumber: read[index].question.ticketNumber,
        text: truncate(read[index].shown, EXAMPLE_MAX_CHARS),
      })),
    };
  });
  return result.sort(
    (a, b) =>
      b.sessionIds.length - a.sessionIds.length ||
      (a.words.join(" ") < b.words.join(" ") ? -1 : a.words.join(" ") > b.words.join(" ") ? 1 : 0),
  );
}
