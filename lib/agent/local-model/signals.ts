/**
 * What in a customer's message means a person must act, whatever the knowledge base says: prompt injection, fraud
 * or an account taken over, a request for money back, a lost login, and topics the customer rules out ("not asking
 * for a refund"). Each detector works on the customer's own words, in English, Spanish, French or German.
 */
import { englishGloss, detectLanguage } from "../../text-analysis/language";
import { splitSentences } from "../../text-analysis/text";

/** Attempts to instruct the AI instead of asking for help: "ignore your rules", "print your system prompt". */
const INJECTION = new RegExp(
  [
    "\\bignore\\s+(?:all\\s+|any\\s+|your\\s+|the\\s+|my\\s+)?(?:previous\\s+|prior\\s+|above\\s+|earlier\\s+)?(?:instructions|rules|prompts?|guidelines|policies)",
    "\\b(?:ignora|olvida)\\s+(?:tus|las|todas las)\\s+(?:instrucciones|reglas)",
    "\\bignore[rz]?\\s+(?:tes|vos|les|toutes les)\\s+(?:instructions|règles)",
    "\\bignorier(?:e|en Sie)?\\s+(?:deine|Ihre|alle)\\s+(?:Anweisungen|Regeln)",
    "\\bsystem\\s*prompt",
    "\\b(?:print|reveal|show|read|repeat|tell)\\s+(?:me\\s+)?(?:out\\s+)?(?:your|the)\\s+(?:instructions|rules|prompt|handoff topics|list of handoff topics)",
    "\\binstructions you (?:were|have been) given",
    "\\byou are now\\b",
    "\\byou are DAN\\b|\\bas DAN\\b",
    "\\blet'?s play a game\\b",
    "\\bpretend (?:to be|you are)\\b",
    "\\b(?:developer|debug|god|admin) mode\\b",
    "\\boverride(?: code)?\\b|\\bADMIN_OVERRIDE\\b",
    "\\[\\s*system\\b|\\bsystem notice\\b|\\bnotice to (?:the )?ai\\b|\\bmessage is for the ai\\b",
    "\\breply only with\\b|\\bsay it exactly\\b|\\brepeat after me\\b|\\bword for word\\b",
    "\\bno rules\\b|\\bauthori[sz]ed to (?:issue|give|grant|approve)\\b|\\bconfirm in writing\\b",
    "\\bthe ai may now\\b",
  ].join("|"),
  "i",
);

/** The sentences that try to instruct the AI. */
export function injectionSentences(text: string): string[] {
  return splitSentences(text).filter((s) => INJECTION.test(s));
}

export function detectInjection(text: string): string | null {
  const m = text.match(INJECTION);
  return m ? m[0] : null;
}

/** The text without its injection attempts, so a real question in it can still be answered. */
export function withoutInjection(text: string): string {
  return splitSentences(text)
    .filter((s) => !INJECTION.test(s))
    .join("\n");
}

/** Someone else in the account, charges the customer never made, or a third party pushing account changes. */
const FRAUD: { what: string; re: RegExp }[] = [
  {
    what: "an account takeover",
    re: /\b(?:someone|somebody|someone's|somebody's)\s+(?:is\s+|has\s+been\s+)?(?:in|into|using|accessing|logged into|hacked|got into|changed)\s+(?:my|our)\s+account\b/i,
  },
  {
    what: "an account takeover",
    re: /\b(?:account|email|password)\b[^.!?]{0,40}\b(?:being used by|hacked|compromised|taken over)\b|\bhacked\b/i,
  },
  {
    what: "an account takeover",
    re: /\b(?:password|email) (?:was|has been|got) changed\b[^.!?]{0,30}\b(?:didn'?t|did not|wasn'?t me|not me)\b/i,
  },
  {
    what: "an account takeover",
    re: /\b(?:alguien|quelqu'un|jemand)\b[^.!?]{0,30}\b(?:entró|entro|accedió|cambió|utilise|est entré|a changé|hat|benutzt|eingeloggt)\b/i,
  },
  {
    what: "charges they did not make",
    re: /\b(?:never had an account|don'?t have an account|not (?:a|your) customer)\b/i,
  },
  {
    what: "charges they did not make",
    re: /\b(?:didn'?t|did not|never)\s+(?:place|make|order|buy|bought|authori[sz]e)\b/i,
  },
  {
    what: "charges they did not make",
    re: /\b(?:unauthori[sz]ed|fraudulent|fraud)\b|\bcards? (?:i|we) (?:don'?t|do not) own\b/i,
  },
  { what: "charges they did not make", re: /\bno fui yo\b|\bce n'était pas moi\b|\bdas war ich nicht\b/i },
];

export function detectFraud(text: string): string | null {
  for (const { what, re } of FRAUD) if (re.test(text)) return what;
  return null;
}

/** A third party asking for changes to an account that is not theirs: "I'm calling for my boss". */
export function detectThirdParty(text: string): boolean {
  return /\b(?:calling|writing|contacting you) (?:for|on behalf of) (?:my|our) (?:boss|manager|husband|wife|partner|client|employer|colleague|father|mother|son|daughter)\b|\bhe told me to\b|\bshe told me to\b/i.test(
    text,
  );
}

/** "Not asking for a refund or anything", "I don't want to cancel": topics named only to rule them out. */
const RULED_OUT =
  /\b(?:(?:not|never|no)\s+(?:asking|looking|calling|writing|wanting|trying)\s+(?:for|about|to)|(?:don'?t|do not|doesn'?t)\s+(?:want|need|mean)(?:\s+to)?)\s+([^,.;!?]+?)(?:,?\s+or (?:anything|whatever|something)(?: (?:like that|else))?)?(?=,?\s*(?:i\s+)?(?:just|only|but)\b)/gi;

export function ruledOut(text: string): string[] {
  return [...text.matchAll(RULED_OUT)].map((m) => (m[1] ?? "").trim()).filter(Boolean);
}

/** The text with ruled-out topics removed. */
export function withoutRuledOut(text: string): string {
  return text.replace(RULED_OUT, " ");
}

/** Asking us to give money back, in any of the four languages: "please refund", "I'd like my money back". */
const REFUND_WORD =
  /\b(?:refund|refunded|reimburse|reimbursement|money back|reverse the charge|reembolso|reembols\w*|devuelvan el dinero|devolver el dinero|rembours\w*|erstatten|erstattung|rückerstattung|geld zurück)\b/iu;
const REQUEST_CUE =
  /\b(?:please|pls|can you|could you|would you|will you|i want|i'd like|i would like|i need|i'm asking|i am asking|i demand|we want|we'd like|we need|give me|want (?:a|my|our)|need (?:a|my|our)|get (?:a|my|our)|quiero|quisiera|necesito|por favor|je voudrais|je veux|j'aimerais|merci de|bitte|ich möchte|ich will|ich hätte gern)\b|^(?:refund|reimburse)\b/iu;
/** "How long do refunds take?" asks about refunds; "can you refund order 77120" asks for one. */
const ABOUT_REFUNDS =
  /\b(?:how long|when|how many days|how much time|until)\b[^.?!]{0,40}\b(?:refund|refunds)\b|\brefund (?:policy|timeline|status)\b|\b(?:said|says|told me) (?:they|you|it)\b[^.?!]{0,20}\brefunded\b|\bapproved\b/i;

export function detectRefundRequest(text: string): string | null {
  for (const sentence of splitSentences(withoutRuledOut(text))) {
    for (const clause of sentence.split(/\s*(?:[;]|\band\b|\by\b|\bet\b|\bund\b)\s*/i)) {
      const m = clause.match(REFUND_WORD);
      if (!m) continue;
      if (ABOUT_REFUNDS.test(clause) && !/\b(?:can you|could you|please)\b[^.?!]{0,15}\brefund\b/i.test(clause))
        continue;
      if (REQUEST_CUE.test(clause) || /\bmy money back\b/i.test(clause)) return clause.trim();
    }
  }
  return null;
}

/**
 * The customer cannot get into something the answer relies on: "I can't get into the owner login anymore",
 * "I don't have access to the email on my account", "nobody has her login", "I'm not the owner".
 */
const LOST_ACCESS = [
  /\b(?:don'?t|do not|no longer|lost)\s+(?:have\s+)?(?:any\s+)?access\s+to\b[^.!?]{0,40}\b(?:email|inbox|owner|phone number)\b/i,
  /\b(?:can'?t|cannot|can not)\s+(?:get into|access)\s+(?:the|my|our|her|his)?\s*(?:old\s+)?(?:work\s+)?(?:email|inbox|owner login|owner account)\b/i,
  /\b(?:email|inbox|owner login)\b[^.!?]{0,40}\b(?:which|that)\s+(?:i|we)\s+(?:can'?t|cannot|no longer)\s+(?:get into|access)\b/i,
  /\b(?:nobody|no one|noone) (?:has|knows) (?:her|his|the|their|our) (?:login|password)\b/i,
  /\b(?:don'?t|do not) have (?:her|his|their|the owner'?s) (?:login|password)\b/i,
  /\bnot the (?:account )?owner\b|\b(?:i'?m|i am) not (?:the )?(?:account )?owner\b|\bowner (?:left|has left|is (?:gone|away|on leave|on medical leave))\b|\bowner\b[^.!?]{0,40}\bcan'?t log ?in\b/i,
];

export function detectLostAccess(text: string): string | null {
  for (const re of LOST_ACCESS) {
    const m = text.match(re);
    if (m) return m[0];
  }
  return null;
}

/**
 * What an article keeps for people: its sentences that say a person (a teammate, "our billing team") must do or
 * approve something, with the words that say when. "Refund requests need a person on the billing team to approve
 * them" keeps refund requests; "If you no longer have access to the owner login, a person on our team can verify
 * your identity" keeps lost logins.
 */
const PERSON_ONLY =
  /\b(?:need|needs|require|requires|must be)\s+(?:a|an)?\s*(?:person|human|teammate|member of (?:our|the) team|approval)\b|\ba (?:person|teammate|member of our team|human) (?:on|from|in) (?:our|the) (?:\w+ )?team\b|\b(?:only|just) (?:a|our) (?:person|teammate|team)\b|\b(?:contact|call|ask) (?:our|the) (?:\w+ )?team\b/i;

export interface ReservedRule {
  sentence: string;
  /** What it is about: "refund" for refund requests, "access" for a lost login. */
  kind: "refund" | "access" | "other";
}

export function reservedRules(content: string): ReservedRule[] {
  return splitSentences(content)
    .filter((s) => PERSON_ONLY.test(s))
    .map((sentence) => ({
      sentence,
      kind: /\brefund/i.test(sentence)
        ? "refund"
        : /\b(?:access|login|verify|identity)\b/i.test(sentence)
          ? "access"
          : "other",
    }));
}

/** The English reading of a customer's text for the detectors above: their words plus a gloss when not English. */
export function detectorText(text: string): string {
  const lang = detectLanguage(text);
  return lang === "en" ? text : `${text}\n${englishGloss(text, lang)}`;
}
