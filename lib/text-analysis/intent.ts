import { extractCustomerWords, stripPreamble } from "./customer-words";
import { scoreSentiment } from "./sentiment";
import { keywords, normalize, splitSentences } from "./text";

export type HumanRequestKind = "person" | "manager" | "callback";

export interface HumanRequest {
  requested: boolean;
  /** The words that asked for a person, as written ("talk to a real person"). */
  phrase: string | null;
  kind: HumanRequestKind | null;
  /** A request the customer took back ("no need to talk to anyone"), for the reasoning. */
  negatedPhrase: string | null;
}

/** Verb, then only small words ("to", "a", "real"…), then a person: "talk to a real person", "get me a manager". */
const VERB = "(?:talk|speak|chat|connect|transfer|put|get|reach|want|need|give|let|bring|escalate|send)";
const FILLER =
  "(?:\\s+(?:to|with|me|us|through|over|a|an|the|your|one|of|real|live|actual|human|proper|some|talk|speak|chat|please|now|right|immediately|just))*";
const PERSON =
  "(?:person|human(?: being)?|agent|representative|rep|operator|someone|somebody|anyone|anybody|staff|team member|people|associate|specialist|advisor|employee)";
const MANAGER = "(?:manager|supervisor|boss|someone in charge|superior)";
const verbThen = (noun: string) => new RegExp(`\\b${VERB}${FILLER}\\s+${noun}\\b`, "i");

/** Request patterns; each runs on one sentence. Bare role nouns need a verb so "the agent said…" is not a request. */
const REQUESTS: { kind: HumanRequestKind; re: RegExp }[] = [
  {
    kind: "callback",
    re: /\b(?:call me back|call back to me|ring me back|give me a (?:call|ring)|(?:a|request a|want a|need a|get a) ?call ?back|callback)\b/i,
  },
  {
    kind: "callback",
    re: /\b(?:please|can you|could you|would you|will you|someone|somebody|anyone|need you to|want you to)\b[^.?!,;]{0,20}\b(?:call|phone|ring) me\b/i,
  },
  { kind: "manager", re: verbThen(MANAGER) },
  { kind: "person", re: /\b(?:real|live|actual|proper) (?:person|human|agent|people|representative|rep|someone)\b/i },
  { kind: "person", re: /\b(?:human (?:being|agent|please)|a human|to humans?)\b/i },
  { kind: "person", re: /\bnot (?:a |an |talking to (?:a |an )?)?(?:bot|robot|machine|ai|computer|automated)\b/i },
  {
    kind: "person",
    re: /\b(?:no more|stop (?:the|this)|enough with the|hate (?:these|this)) (?:bots?|robots?|machines?|ai|automated)\b/i,
  },
  { kind: "person", re: /\b(?:transfer me|put me through|escalate (?:this|it|me|my)|connect me)\b/i },
  { kind: "person", re: /\b(?:someone|somebody|anyone|anybody) (?:i|we) (?:can|could) (?:talk|speak) (?:to|with)\b/i },
  { kind: "person", re: verbThen(PERSON) },
  // IVR-style one-word turns: "Agent!", "Representative please".
  { kind: "person", re: /^\W*(?:agent|representative|operator|human|person|someone)(?: please)?\W*$/i },
  // "I'd like a person to call me", "have someone from your team call me".
  {
    kind: "person",
    re: /\b(?:like|want|need|have|get)\s+(?:a|an|some|one of your)\s+(?:real\s+)?(?:person|human|agent|rep|representative|teammate|team member)\b/i,
  },
  // A teammate by name: "I'd like to chat with Maria again".
  {
    kind: "person",
    re: /\b(?:talk|speak|chat)\s+(?:to|with)\s+(?!You\b|Someone\b|Somebody\b|Anyone\b|Anybody\b|The\b|Your\b|A\b|An\b)[A-Z][a-z]{2,}\b/,
  },
  // Spanish.
  {
    kind: "callback",
    re: /(?:devuelva[n]? la llamada|devolver(?:me)? la llamada|(?:me|nos) (?:puede[n]?|podría[n]?|podria[n]?) (?:llamar|devolver)|que (?:me|nos) llame[n]?|me llame alguien|llámenme|llamenme)/i,
  },
  {
    kind: "manager",
    re: /(?:hablar|comunicar(?:me)?|pasar(?:me)?)\s+con\s+(?:un|una|el|la|algún|alguna|su)?\s*(?:supervisor|supervisora|gerente|encargado|encargada|jefe|responsable)/i,
  },
  {
    kind: "person",
    re: /(?:hablar|comunicar(?:me)?|pasar(?:me)?|atender(?:me)?)\s+con\s+(?:un|una|el|la|algún|alguna|alguien|su)?\s*(?:persona|humano|agente|asesor|asesora|representante|operador|operadora|alguien|ser humano)/i,
  },
  {
    kind: "person",
    re: /(?:asesor|agente|persona) (?:humano|humana|real)|no con (?:un|una) (?:bot|robot|máquina|maquina)/i,
  },
  // French.
  { kind: "callback", re: /(?:me rappeler|rappelez-moi|me rappelle|m'appelle|m'appeler|me recontacter)/i },
  {
    kind: "manager",
    re: /(?:parler|passer|discuter)\s+(?:à|a|avec)?\s*(?:un|une|le|la|votre)\s+(?:responsable|manager|superviseur|supérieur|directeur)|me passer (?:un|le|votre) (?:responsable|manager|superviseur|supérieur)/i,
  },
  {
    kind: "person",
    re: /(?:parler|discuter)\s+(?:à|a|avec)\s+(?:un|une|le|la|quelqu'un|un vrai|une vraie|votre)?\s*(?:conseiller|conseillère|humain|personne|agent|quelqu'un|vrai|opérateur)|me passer (?:un|une) (?:conseiller|agent|humain|personne)|une personne, en|un humain/i,
  },
  // German.
  { kind: "callback", re: /(?:rückruf|zurückrufen|zurückruft|mich (?:\p{L}+ ){0,6}anruft|mich (?:bitte )?anrufen)/iu },
  {
    kind: "manager",
    re: /mit (?:Ihrem|Ihrer|einem|einer|dem|der|Ihren)\s+(?:Vorgesetzten|Chef|Chefin|Manager|Supervisor|Verantwortlichen)/i,
  },
  {
    kind: "person",
    re: /mit (?:einem|einer|Ihrem|Ihrer|dem|der)?\s*(?:echten\s+)?(?:Menschen|Mitarbeiter|Mitarbeiterin|Kollegen|Kollegin|Berater|Beraterin|Agenten|Person)\b|verbinden Sie mich/i,
  },
];

/** Words that take the request back when they come earlier in the same clause. */
const NEGATION =
  /\b(?:no (?:need|reason|point)|not necessary|don'?t|do not|doesn'?t|does not|didn'?t|did not|never|without|not|no necesito|pas besoin|nicht nötig|kein)\b/i;

/** The last few words before a match, within its clause: "I'm not happy and [want a manager]" is not negated. */
function clauseBefore(sentence: string, index: number): string {
  const clause =
    sentence
      .slice(0, index)
      .split(/[,;:]|\b(?:but|just|and|so)\b/i)
      .pop() ?? "";
  return clause.trim().split(/\s+/).slice(-4).join(" ");
}

/**
 * Whether the customer asks for a person: many phrasings ("real person", "speak to someone", "manager",
 * "call me back", "not a bot", a bare "Agent!"), unless the same clause negates it ("no need to talk to anyone").
 */
export function detectHumanRequest(text: string): HumanRequest {
  let negatedPhrase: string | null = null;
  for (const sentence of splitSentences(extractCustomerWords(text))) {
    let best: { phrase: string; kind: HumanRequestKind } | null = null;
    for (const { kind, re } of REQUESTS) {
      const m = sentence.match(re);
      if (!m || m.index === undefined) continue;
      const clause = clauseBefore(sentence, m.index);
      // "no need to talk to anyone": the negation may sit just before the matched verb, so test both together.
      // "not a bot" carries its own "not"; only a negation before it counts.
      const scope = /^(?:not|no more|stop)\b/i.test(m[0]) ? clause : `${clause} ${m[0]}`;
      const negated = (NEGATION.test(scope) || /\bno$/i.test(clause)) && !/\bwhy don'?t you\b/i.test(clause);
      if (negated) negatedPhrase ??= `${clause} ${m[0]}`.trim();
      // The longest phrase reads best in the reasoning: "talk to a real person" over "real person".
      else if (!best || m[0].length > best.phrase.length) best = { phrase: m[0].trim(), kind };
    }
    if (best) {
      const phrase = best.phrase.replace(/^(?:want|need)\s+to\s+(?=talk|speak|chat)/i, "");
      return { requested: true, phrase, kind: best.kind, negatedPhrase: null };
    }
  }
  return { requested: false, phrase: null, kind: null, negatedPhrase };
}

export interface Threat {
  /** What they threaten, for the summary: "cancel", "a chargeback", "legal action"… */
  what: string;
  phrase: string;
}

/** `heated` threats count only with a condition or in a complaint: "I'm going to cancel, how?" is a plain request. */
const THREATS: { what: string; re: RegExp; heated?: boolean }[] = [
  {
    what: "a chargeback",
    re: /\b(?:charge ?back|dispute (?:the|this|these|my) charges?|call my bank|contact my bank)\b/i,
  },
  {
    what: "legal action",
    re: /\b(?:sue|suing|lawsuit|lawyer|attorney|legal action|small claims|take you to court)\b/i,
  },
  {
    what: "to report the company",
    re: /\b(?:report (?:you|this)|better business bureau|bbb|consumer protection|trading standards)\b/i,
  },
  {
    what: "a bad review",
    re: /\b(?:(?:bad|negative|1[- ]star|one[- ]star) review|post (?:this|about this) (?:online|everywhere)|tell everyone)\b/i,
  },
  {
    what: "to cancel",
    re: /\b(?:i'?m|i am|i will|i'll|we will|we'll|gonna|going to|about to|or i|otherwise i|ready to|will be)\s+(?:\w+\s+){0,2}(?:cancel|cancelling|canceling|close my account|leave|leaving|switch to (?:a |another |your )?competitor|take my business)\b/i,
    heated: true,
  },
];

/** A threat to cancel, sue, charge back or report: a person should handle these, whatever the score says. */
export function detectThreat(text: string): Threat | null {
  const words = extractCustomerWords(text);
  const complaining = scoreSentiment(words).score < 0;
  for (const sentence of splitSentences(words)) {
    for (const { what, re, heated } of THREATS) {
      const m = normalize(sentence).match(re);
      if (!m) continue;
      if (heated && !complaining && !/\b(?:if|unless|or|otherwise|until)\b/i.test(sentence)) continue;
      return { what, phrase: m[0] };
    }
  }
  return null;
}

export type QuestionKind = "question" | "reported" | "problem";

export interface CustomerQuestion {
  /** The sentence (or the part of a call note) that holds the ask. */
  text: string;
  kind: QuestionKind;
}

/** Spoken questions often lack "?": a sentence that opens like one counts. */
const QUESTION_START = /^(?:how|what|what's|where|when|why|which|who|can|could|do|does|is|are|did)\b/i;
const QUESTION_INSIDE =
  /\b(?:i (?:just |really )?(?:need|want|would like|'d like) to know|wondering|wanted to know|any idea|not sure how)\b/i;
const REPORTED_PHRASES = [
  "asked about|asking about|asked if|asked whether|asked how|asked for|asked to|wants to know|wanted to know|would like to know",
  "inquired about|enquired about|questions? about|had a question about|calling about|called about|calling regarding|called regarding",
  "needs help with|wants help with|interested in",
].join("|");
/** "customer asked about delivery times" -> "delivery times". */
const REPORTED = new RegExp(`\\b(?:${REPORTED_PHRASES})\\b\\s*(.*)$`, "i");
const PROBLEM = new RegExp(
  [
    "can'?t|cannot|unable to|won'?t|doesn'?t|isn'?t|not working|stopped working|not loading|never (?:arrived|arrives|came|got|received)",
    "error|broken|crash(?:es|ed|ing)?|freez(?:es|ing)|fail(?:s|ed|ing)?|locked out|help with|need help|having trouble|trying to",
    "i want to|i'd like to|i would like to|i need to|how to|charged (?:twice|double|two)|double charged|overcharged|refund",
    "missing|hasn'?t arrived|didn'?t arrive|not received|wrong|lost|late",
  ]
    .map((p) => `\\b(?:${p})\\b`)
    .join("|"),
  "i",
);

/** The customer's ask: a sentence with "?", else one opening like a question, else a reported ask (call notes), else a problem. */
export function findQuestion(text: string): CustomerQuestion | null {
  const sentences = splitSentences(extractCustomerWords(text));
  // Of several questions ("Anyone there? How do I reset my password?") the one with the most topic words.
  const asked = sentences
    .filter((s) => s.includes("?"))
    .reduce<string | undefined>(
      (best, s) => (!best || keywords(s).length > keywords(best).length ? s : best),
      undefined,
    );
  if (asked) return { text: stripPreamble(asked), kind: "question" };
  const opener = sentences.find((s) => QUESTION_START.test(stripPreamble(s)) || QUESTION_INSIDE.test(s));
  if (opener) return { text: stripPreamble(opener), kind: "question" };
  for (const s of sentences) {
    const m = s.match(REPORTED);
    const topic = m?.[1].replace(/[.!\s]+$/, "");
    if (topic) return { text: topic, kind: "reported" };
  }
  const problem = sentences.find((s) => PROBLEM.test(s));
  // The clause with the problem, not the whole sentence: "No need to call, just tell me how to reset it."
  const clause = problem?.split(/\s*[,;]\s*/).find((c) => PROBLEM.test(c));
  if (problem) return { text: stripPreamble(clause ?? problem), kind: "problem" };
  return null;
}

const CONFIRMS =
  /\b(?:that worked|it worked|works now|working now|(?:that )?fixed it|all sorted|sorted now|solved|that helped|that's all|all (?:good|set)|perfect|found (?:it|the answer)|figured it out|never ?mind)\b/i;

/** A turn that only thanks us or confirms a fix ("Thanks, that worked!"), with nothing new to answer. */
export function isThanksOnly(text: string): boolean {
  const words = extractCustomerWords(text);
  if (findQuestion(words) || !/\b(?:thanks|thank you|thx|cheers|appreciate(?:d)?)\b/i.test(words)) return false;
  return CONFIRMS.test(words) || words.split(/\s+/).length <= 5;
}
