/**
 * One reading of the customer's turn that every later step shares: their own words, the language, an English
 * reading with injection attempts and ruled-out topics taken out, and the questions or requests to answer.
 */
import { extractCustomerWords, stripPreamble } from "../../text-analysis/customer-words";
import { detectLanguage, englishGloss, type Language } from "../../text-analysis/language";
import { detectInjection, withoutInjection, withoutRuledOut } from "./signals";
import { splitSentences } from "../../text-analysis/text";

export interface Reading {
  /** The customer's own words. */
  words: string;
  lang: Language;
  /** What the customer asks, in English, without injection attempts or topics they rule out. */
  english: string;
  /** The questions or requests to answer, in English: the clauses that ask. */
  questions: string[];
  /** An attempt to instruct the AI, as written. */
  injection: string | null;
}

const QUESTION_START =
  /^(?:how|what|what's|whats|where|where's|when|why|which|who|can|could|do|does|is|are|did|will|would|should|may|am|has|have|any)\b/i;
const QUESTION_INSIDE =
  /\b(?:i (?:just |really |only )?(?:need|want|would like|'d like) to know|wondering|wanted to know|any idea|not sure (?:how|where|what|when|if|whether)|tell me (?:how|what|where|when|which|whether|if|why|your|the|about)|let me know (?:how|what|where|when|which|whether|if)|text me how|explain)\b/i;
/** Asking us to do something: a request is a question for the knowledge base too ("please erase my data"). */
const REQUEST =
  /^(?:please|kindly)\b|\b(?:can you|could you|would you|will you|i ask you to|i'?d like you to|i need you to|please (?:change|update|cancel|delete|erase|remove|send|confirm|refund|add|issue|close|move|transfer))\b/i;
const REPORTED =
  /\b(?:asked|asking|asks|wants to know|wanted to know|would like to know|inquired|enquired|questions? about|had a question about|calling about|called about|calling regarding|called regarding|needs help with|wants help with|interested in|could not find|couldn'?t find|can'?t find)\b\s*(?:about|if|whether|for)?\s*(.*)$/i;
const PROBLEM = new RegExp(
  [
    "can'?t|cannot|unable to|won'?t|doesn'?t|isn'?t|not working|stopped working|not loading|never (?:arrived|arrives|came|got|received)",
    "error|broken|crash(?:es|ed|ing)?|freez(?:es|ing)|fail(?:s|ed|ing)?|locked out|help with|need help|having trouble|trying to",
    "i want to|i'd like to|i would like to|i need to|need to|how to|charged (?:twice|double|two)|double charged|overcharged|refund",
    "missing|hasn'?t arrived|didn'?t arrive|not received|wrong|lost|late",
  ]
    .map((p) => `\\b(?:${p})\\b`)
    .join("|"),
  "i",
);

/** The clauses of a sentence that ask: "I want a set for my sister - if I choose express, how many days?" -> the last two. */
function askingClauses(sentence: string): string[] {
  const clauses = sentence
    .split(/\s*(?:[,;:]|\s-\s|\bbecause\b|\bbut\b|\bso\b(?! that)|\band also\b)\s*/i)
    .map((c) => stripPreamble(c))
    .filter(Boolean);
  const asking = clauses.filter(
    (c) =>
      /\?/.test(c) ||
      QUESTION_START.test(c) ||
      /^(?:if|whether|or)\b/i.test(c) ||
      QUESTION_INSIDE.test(c) ||
      REQUEST.test(c) ||
      /\b(?:how|what|where|when|which|whether)\b/i.test(c),
  );
  return asking.length ? asking : [stripPreamble(sentence)];
}

export function findQuestions(english: string): string[] {
  const sentences = splitSentences(english)
    .map((s) => s.trim())
    .filter(Boolean);
  const asks = sentences.filter((s) => {
    const bare = stripPreamble(s);
    const clauses = s.split(/\s*(?:[,;:]|\s-\s)\s*/).map((c) => stripPreamble(c));
    return (
      s.includes("?") ||
      QUESTION_START.test(bare) ||
      QUESTION_INSIDE.test(s) ||
      REQUEST.test(bare) ||
      clauses.some((c) => /^(?:how|what|where|when|which|why) (?:do|does|can|is|are|should|would|will) \w/i.test(c))
    );
  });
  if (asks.length) return asks.flatMap(askingClauses).filter((c) => /\p{L}/u.test(c));
  const reported = sentences
    .map((s) => s.match(REPORTED)?.[1]?.replace(/[.!\s]+$/, ""))
    .filter((t): t is string => Boolean(t));
  if (reported.length) return reported;
  return sentences
    .filter((s) => PROBLEM.test(s))
    .flatMap((s) => s.split(/\s*(?:[,;]|\bbut\b|\bso\b)\s*/i))
    .map((c) => stripPreamble(c))
    .filter((c) => /\p{L}{2}/u.test(c));
}

export function readTurn(text: string): Reading {
  const words = extractCustomerWords(text);
  const lang = detectLanguage(words);
  const injection = detectInjection(words);
  const cleaned = withoutRuledOut(injection ? withoutInjection(words) : words);
  const english = lang === "en" ? cleaned : englishGloss(cleaned, lang);
  return { words, lang, english, questions: findQuestions(english), injection };
}
