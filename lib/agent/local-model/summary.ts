import { extractCustomerWords, stripPreamble } from "./customer-words";
import { detectHumanRequest, detectThreat, type HumanRequest } from "./intent";
import { INTENSIFIERS, WORD_SCORES } from "./lexicon";
import { scoreSentiment } from "./sentiment";
import { capitalize, keywords, splitSentences, truncate } from "./text";
import { toThirdPerson, type PersonState } from "./third-person";

export const SUMMARY_MAX_CHARS = 300;
const MAX_SENTENCES = 2;

/** "FIX IT NOW" -> "Fix it now": a summary should not shout. */
function unshout(sentence: string): string {
  const letters = sentence.replace(/[^A-Za-z]/g, "");
  if (letters.length < 6 || letters !== letters.toUpperCase()) return sentence;
  return capitalize(sentence.toLowerCase().replace(/\bi\b/g, "I"));
}

const PLEASANTRY = /^(?:thanks|thank you|thanks again|many thanks|cheers|bye|goodbye|talk soon|have a (?:nice|good|great) (?:day|one|weekend)|speak soon|take care)\b/i;

/** True when a clause has no topic beyond feelings ("this is ridiculous", "No."). */
function isEmotionOnly(clause: string): boolean {
  return keywords(clause).every((w) => WORD_SCORES.has(w) || INTENSIFIERS.has(w));
}

/** The parts of a sentence worth keeping: no greeting, no request for a person, no bare outburst. */
function contentOf(sentence: string): string {
  const stripped = stripPreamble(unshout(sentence));
  if (!stripped || (PLEASANTRY.test(stripped) && stripped.split(/\s+/).length <= 6)) return "";
  const clauses = stripped.split(/\s*(?:[,;]|\s-\s)\s*|\s+but\s+/i);
  const kept = clauses.filter((c) => c && !detectHumanRequest(c).requested && !isEmotionOnly(c) && !PLEASANTRY.test(c));
  if (kept.length === clauses.length) return stripped;
  return kept.join(", ").replace(/\s+([.!?])/g, "$1");
}

/** A question in reported speech: "how do I reset my password?" -> "asked how to reset their password". */
function reportQuestion(question: string): string | null {
  const q = question.replace(/[?.!\s]+$/, "");
  let m = q.match(/^how (?:do|can|should|would) (?:I|we) (.+)$/i);
  if (m) return `asked how to ${toThirdPerson(m[1], { named: true })}`;
  m = q.match(/^(?:can|could|may) (?:I|we) (.+)$/i);
  if (m) return `asked whether they can ${toThirdPerson(m[1], { named: true })}`;
  m = q.match(/^(?:do|does|can|could|will|would) you (.+)$/i);
  if (m) return `asked whether we ${toThirdPerson(m[1], { named: true })}`;
  m = q.match(/^(is there|are there|are you|is it|is this) (.+)$/i);
  if (m) {
    const subject = { "is there": "there is", "are there": "there are", "are you": "we are", "is it": "it is", "is this": "this is" }[m[1].toLowerCase()];
    return `asked whether ${subject} ${toThirdPerson(m[2], { named: true })}`;
  }
  m = q.match(/^(why|how|when|where|what) (was|were|am|is|are|have|has|do|does|can|should) I (.+)$/i);
  if (m) {
    const [wh, aux] = [m[1].toLowerCase(), m[2].toLowerCase()];
    const rest = toThirdPerson(m[3], { named: true });
    // "where do I find" -> "where to find"; "why do I get" -> "why they get"; "why was I" -> "why they were".
    if (aux === "do" || aux === "does") return wh === "why" ? `asked why they ${rest}` : `asked ${wh} to ${rest}`;
    if (aux === "can" || aux === "should") return wh === "why" ? `asked why they ${aux} ${rest}` : `asked ${wh} to ${rest}`;
    const plural: Record<string, string> = { was: "were", am: "are", is: "are", has: "have" };
    return `asked ${wh} they ${plural[aux] ?? aux} ${rest}`;
  }
  m = q.match(/^(what|where|when|which|who) (is|are) ((?:\S+ ){0,4}\S+)$/i);
  if (m && !/\b(?:I|you)\b/i.test(m[3])) return `asked ${m[1].toLowerCase()} ${toThirdPerson(m[3], { named: true })} ${m[2].toLowerCase()}`;
  if (/^(?:how|what|where|when|why|which|who|is|are|do|does|did|can|could|will)\b/i.test(q)) {
    return `asked ${toThirdPerson(q.charAt(0).toLowerCase() + q.slice(1), { named: true })}`;
  }
  return null;
}

/** One content sentence in the third person, starting with "Customer" when it is the first one. */
function rewrite(sentence: string, state: PersonState): string {
  const body = sentence.replace(/[.!\s]+$/, "");
  if (body.endsWith("?")) {
    const reported = reportQuestion(body);
    if (reported) {
      const lead = state.named ? "They" : "Customer";
      state.named = true;
      return `${lead} ${reported}.`;
    }
  }
  if (/^(?:the )?(?:customer|caller|client)\b/i.test(body)) {
    state.named = true;
    return capitalize(body.replace(/^the /i, "")) + ".";
  }
  if (!state.named && !/^I\b/.test(body)) {
    // "just returning your call" -> "Customer is just returning our call".
    const lead = /^(?:just |still |only )?\w+ing\b/i.test(body) ? "Customer is" : "Customer says";
    state.named = true;
    return `${lead} ${toThirdPerson(lowerFirst(body), state)}.`;
  }
  const rewritten = toThirdPerson(body, state);
  // A later complaint without a subject is still their view, not a fact: "They say our team are incompetent."
  if (state.named && !/^(?:Customer|they)\b/i.test(rewritten) && scoreSentiment(body).score <= -2) return `They say ${lowerFirst(rewritten)}.`;
  return capitalize(rewritten) + ".";
}

/** Lower-cases a leading capital unless the word is a name-like all-caps or "I". */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function requestClause(request: HumanRequest): string {
  if (request.kind === "callback") return "asked for a call back";
  if (request.kind === "manager") return "asked for a manager";
  const real = /\b(?:real|live|actual|human|not a)\b/i.test(request.phrase ?? "");
  return real ? "asked to speak to a real person" : "asked to speak to a person";
}

/** Scores sentences so the summary keeps the issue, not the small talk. */
function weight(sentence: string): number {
  const ask = /\?|\b(?:charged|refund|cancel|error|can'?t|cannot|unable|never|broken|wrong|missing|late|how|why|where|when|what)\b/i.test(sentence);
  return keywords(sentence).length + (ask ? 4 : 0);
}

/**
 * A one-to-two sentence, third-person summary of the customer's issue from their own words, for the teammate
 * who picks up a handoff: "Customer was charged twice for their March invoice and they have called three times
 * already, and asked to speak to a real person." At most 300 characters, no speaker labels. When this turn
 * holds no issue (just "Agent please"), the issue comes from `earlier` customer turns.
 */
export function summarize(text: string, options: { earlier?: string } = {}): string {
  const words = extractCustomerWords(text);
  const contentSentences = (t: string) =>
    splitSentences(extractCustomerWords(t))
      .map((s) => contentOf(s))
      .filter(Boolean);
  let sentences = contentSentences(words);
  // "Can I talk to someone?" after earlier turns: the issue is in those turns.
  if (sentences.length === 0 && options.earlier) sentences = contentSentences(options.earlier);
  const ranked = sentences
    .map((s, i) => ({ s, i, w: weight(s) }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.i - b.i);

  const state: PersonState = { named: false };
  const parts = ranked.map(({ s }) => rewrite(s, state));
  const extras: string[] = [];
  const request = detectHumanRequest(words);
  if (request.requested) extras.push(requestClause(request));
  const threat = detectThreat(words);
  if (threat && !detectThreat(ranked.map(({ s }) => s).join(" "))) extras.push(`threatened ${threat.what}`);

  if (parts.length === 0) {
    if (extras.length === 0) return words.trim() ? `Customer left a message with no question: "${truncate(words.replace(/\s+/g, " "), 160)}"` : "Customer sent an empty message.";
    return truncate(`Customer ${joinAnd(extras)}.`, SUMMARY_MAX_CHARS);
  }
  let summary = parts.join(" ");
  if (extras.length) summary = `${summary.replace(/[.!?]$/, "")}, and ${joinAnd(extras)}.`;
  return truncate(summary.replace(/\s+/g, " "), SUMMARY_MAX_CHARS);
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
