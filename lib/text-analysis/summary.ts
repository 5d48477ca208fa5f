import { callerFullName, extractCustomerWords, stripHtml, stripPreamble } from "./customer-words";
import { detectHumanRequest, detectThreat, type HumanRequest, type Threat } from "./intent";
import { isEnglish } from "./language";
import type { HandoffReason } from "../domain";
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

const PLEASANTRY =
  /^(?:thanks|thank you|thanks again|many thanks|cheers|bye|goodbye|talk soon|have a (?:nice|good|great) (?:day|one|weekend)|speak soon|take care)\b/i;

/** True when a clause has no topic beyond feelings ("this is ridiculous", "No."). */
function isEmotionOnly(clause: string): boolean {
  return keywords(clause).every((w) => WORD_SCORES.has(w) || INTENSIFIERS.has(w));
}

/** The parts of a sentence worth keeping: no greeting, no request for a person, no bare outburst. */
function contentOf(sentence: string): string {
  const stripped = stripPreamble(unshout(sentence));
  if (/^(?:attachments?|attached)\s*[:-]/i.test(stripped)) return "";
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
    const subject = {
      "is there": "there is",
      "are there": "there are",
      "are you": "we are",
      "is it": "it is",
      "is this": "this is",
    }[m[1].toLowerCase()];
    return `asked whether ${subject} ${toThirdPerson(m[2], { named: true })}`;
  }
  m = q.match(/^(why|how|when|where|what) (was|were|am|is|are|have|has|do|does|can|should) I (.+)$/i);
  if (m) {
    const [wh, aux] = [m[1].toLowerCase(), m[2].toLowerCase()];
    const rest = toThirdPerson(m[3], { named: true });
    // "where do I find" -> "where to find"; "why do I get" -> "why they get"; "why was I" -> "why they were".
    if (aux === "do" || aux === "does") return wh === "why" ? `asked why they ${rest}` : `asked ${wh} to ${rest}`;
    if (aux === "can" || aux === "should")
      return wh === "why" ? `asked why they ${aux} ${rest}` : `asked ${wh} to ${rest}`;
    const plural: Record<string, string> = { was: "were", am: "are", is: "are", has: "have" };
    return `asked ${wh} they ${plural[aux] ?? aux} ${rest}`;
  }
  m = q.match(/^(what|where|when|which|who) (is|are) ((?:\S+ ){0,4}\S+)$/i);
  if (m && !/\b(?:I|you)\b/i.test(m[3]))
    return `asked ${m[1].toLowerCase()} ${toThirdPerson(m[3], { named: true })} ${m[2].toLowerCase()}`;
  if (/^(?:how|what|where|when|why|which|who|is|are|do|does|did|can|could|will)\b/i.test(q)) {
    return `asked ${toThirdPerson(q.charAt(0).toLowerCase() + q.slice(1), { named: true })}`;
  }
  return null;
}

/** One content sentence in the third person, starting with "Customer" when it is the first one. */
function rewrite(sentence: string, state: PersonState): string {
  const body = sentence.replace(/[.!\s]+$/, "");
  // English pronoun rules would garble Spanish, French or German: quote those words as they are.
  if (!isEnglish(body)) {
    const lead = state.named ? "They add" : "Customer wrote";
    state.named = true;
    return `${lead}: "${body.replace(/^[¿¡]?/, (m) => m)}"`;
  }
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
    return `${lead} ${toThirdPerson(lowerFirst(body), state)}.`.replace(/([?!])\.$/, "$1");
  }
  const rewritten = toThirdPerson(body, state).replace(/([?!])$/, "$1\u0000");
  // A later complaint without a subject is still their view, not a fact: "They say our team are incompetent."
  if (state.named && !/^(?:Customer|they)\b/i.test(rewritten) && scoreSentiment(body).score <= -2)
    return `They say ${lowerFirst(rewritten)}.`.replace(/\u0000\.$/, "");
  return (capitalize(rewritten) + ".").replace(/\u0000\.$/, "");
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
  const ask =
    /\?|\b(?:charged|refund|cancel|error|can'?t|cannot|unable|never|broken|wrong|missing|late|how|why|where|when|what)\b/i.test(
      sentence,
    );
  return keywords(sentence).length + (ask ? 4 : 0);
}

/** What the decision knows that the teammate needs: why it was handed off and what the customer wants. */
export interface HandoffFacts {
  reason?: HandoffReason;
  request?: HumanRequest;
  refund?: string | null;
  lostAccess?: string | null;
  fraud?: string | null;
  threat?: Threat | null;
}

/** A phone number in the message (digits read out are digits by now), else the contact handle when it is one. */
function phoneOf(words: string, contact: string | null | undefined): string | null {
  const m = words
    .match(/(?:\+?\d[\d\s().-]{5,}\d)/g)
    ?.find((n) => n.replace(/\D/g, "").length >= 7 && !/^\d{4}-\d{2}-\d{2}$/.test(n.trim()));
  if (m) return m.trim();
  return contact && /^\+?[\d\s().-]{7,}$/.test(contact) ? contact : null;
}

/** Order, account and invoice numbers: "order A1234", "#58213", "C-20931", "D4419", "pedido 88123". */
function referencesOf(words: string): string[] {
  const found = new Set<string>();
  const labeled =
    /\b(order|pedido|commande|bestellung|account|invoice|ticket|case|factura|facture|rechnung)s?\s*(?:number|no\.?|nr\.?|n°|#)?\s*:?\s*#?([A-Z]{0,3}-?\d[\dA-Z-]{2,})\b/giu;
  for (const m of words.matchAll(labeled)) found.add(`${m[1].toLowerCase()} ${m[2]}`);
  for (const m of words.matchAll(/(?:#(\d{3,})|\b([A-Z]{1,3}-?\d{3,})\b)/g)) {
    const ref = m[1] ?? m[2];
    if (![...found].some((f) => f.endsWith(ref))) found.add(m[1] ? `#${ref}` : ref);
  }
  return [...found].slice(0, 3);
}

/** When they want to hear back: "after 3pm today". */
function whenOf(words: string): string | null {
  const m = words.match(
    /\b(?:(?:after|before|at|around|by|from)\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?:\s+(?:today|tomorrow|tonight))?/i,
  );
  if (m) return m[0];
  return words.match(/\b(?:today|tomorrow|this (?:morning|afternoon|evening)|any afternoon this week)\b/i)?.[0] ?? null;
}

/** Files the message carried: "Attachment: invoice.pdf", "see attached receipt.png". */
function attachmentsOf(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:attachments?|attached|adjunto|pièce jointe|anhang)\s*[:\-]\s*([^\n\]]+)/gi))
    for (const n of m[1].split(/,\s*/)) if (n.trim()) names.add(n.trim().replace(/[.)\]]+$/, ""));
  for (const m of text.matchAll(/\b[\w-]+\.(?:pdf|png|jpe?g|gif|heic|docx?|xlsx?|csv|txt|zip)\b/gi))
    if (![...names].some((n) => n.includes(m[0]))) names.add(m[0]);
  return [...names].slice(0, 3);
}

/** What the teammate should do next, from why it was handed off. */
function nextStep(facts: HandoffFacts, phone: string | null, when: string | null, refs: string[]): string {
  const on = phone ? ` on ${phone}` : "";
  const at = when ? ` (${when})` : "";
  const ref = refs.length ? ` for ${refs[0]}` : "";
  if (facts.fraud) return `Next: secure the account and check the activity${ref}; verify their identity first.`;
  if (facts.refund) return `Next: review the refund request${ref} (billing approves refunds).`;
  if (facts.lostAccess) return `Next: verify their identity before changing anything on the account.`;
  if (facts.request?.kind === "callback") return `Next: call them back${on}${at}.`;
  if (facts.request?.kind === "manager") return `Next: a manager to reply${phone ? ` or call${on}` : ""}.`;
  if (facts.request?.requested) return `Next: a teammate to reply${phone ? ` or call${on}` : ""}.`;
  if (facts.threat) return `Next: reply personally; they threaten ${facts.threat.what}.`;
  if (facts.reason === "insufficient_knowledge") return `Next: answer their question; no help article covers it.`;
  if (facts.reason === "instructions_not_clear") return `Next: contact them${on} to ask what they need.`;
  if (facts.reason === "based_on_instructions") return `Next: reply personally${on ? ` or call${on}` : ""}.`;
  return "";
}

/**
 * A short, third-person summary for the teammate who picks up a handoff: who the customer is (name, phone), their
 * issue in one or two sentences from their own words, what they asked for, the order numbers and files they gave,
 * and what to do next: "Dana Whitfield (617-555-0182) says it's kind of time-sensitive, and asked for a call back.
 * Next: call them back on 617-555-0182 (today)." At most 300 characters, no speaker labels. When this turn holds no
 * issue (just "Agent please"), the issue comes from `earlier` customer turns.
 */
export function summarize(
  text: string,
  options: { earlier?: string; contact?: string | null; facts?: HandoffFacts } = {},
): string {
  const words = extractCustomerWords(text);
  const facts = options.facts ?? {};
  const issue = issueSummary(words, options.earlier, facts);
  const name = callerFullName(text);
  const phone = phoneOf(words, options.contact);
  const refs = referencesOf(words).filter((r) => !issue.includes(r.replace(/^\w+ /, "")));
  const files = attachmentsOf(stripHtml(text));
  const when = whenOf(words);

  let lead = issue;
  if (name) lead = /^Customer\b/.test(lead) ? lead.replace(/^Customer\b/, name) : `${name}: ${lead}`;
  const tail = [
    refs.length ? `Ref: ${refs.join(", ")}.` : "",
    files.length ? `Attachment: ${files.join(", ")}.` : "",
    options.facts
      ? nextStep({ ...facts, request: facts.request ?? detectHumanRequest(words) }, phone, when, referencesOf(words))
      : "",
  ]
    .filter(Boolean)
    .join(" ");
  if (!tail) return truncate(lead, SUMMARY_MAX_CHARS);
  const room = SUMMARY_MAX_CHARS - tail.length - 1;
  return truncate(`${room > 60 ? truncate(lead, room) : lead} ${tail}`, SUMMARY_MAX_CHARS);
}

/** The issue in one or two third-person sentences, plus what they asked for. */
function issueSummary(words: string, earlier: string | undefined, facts: HandoffFacts): string {
  const contentSentences = (t: string) =>
    splitSentences(extractCustomerWords(t))
      .map((s) => contentOf(s))
      .filter(Boolean);
  let sentences = contentSentences(words);
  // "Can I talk to someone?" after earlier turns: the issue is in those turns.
  if (sentences.length === 0 && earlier) sentences = contentSentences(earlier);
  const ranked = sentences
    .map((s, i) => ({ s, i, w: weight(s) }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.i - b.i);

  const state: PersonState = { named: false };
  const parts = ranked.map(({ s }) => rewrite(s, state));
  const extras: string[] = [];
  const request = facts.request ?? detectHumanRequest(words);
  if (request.requested) extras.push(requestClause(request));
  const threat = facts.threat ?? detectThreat(words);
  if (threat && !detectThreat(ranked.map(({ s }) => s).join(" "))) extras.push(`threatened ${threat.what}`);

  if (parts.length === 0) {
    if (extras.length === 0)
      return words.trim()
        ? `Customer left a message with no question: "${truncate(words.replace(/\s+/g, " "), 160)}"`
        : "Customer sent an empty message.";
    return `Customer ${joinAnd(extras)}.`;
  }
  let summary = parts.join(" ").replace(/\?\.$/, "?");
  if (extras.length)
    summary = /[?"]$/.test(summary)
      ? `${summary} They ${joinAnd(extras)}.`
      : `${summary.replace(/[.!]$/, "")}, and ${joinAnd(extras)}.`;
  return summary
    .replace(/\s+/g, " ")
    .replace(/\s+([,.?!])/g, "$1")
    .replace(/([?!.]),/g, "$1");
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
