import { repairWords } from "./language";
import { normalize } from "./text";

/** HTML a message may still carry: comments (hidden instructions) go, tags become breaks, entities plain text. */
export function stripHtml(text: string): string {
  if (!/<[a-z!/][^>]*>|&(?:[a-z]+|#\d+);/i.test(text)) return text;
  return text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<br\s*\/?>|<\/(?:p|div|li|h\d|tr)>/gi, "\n")
    .replace(/<[a-z/][^>]*>/gi, "")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

/** What a transcriber writes for sounds, not words: "[inaudible]", "[crosstalk]", "[silence]". */
const NOISE =
  /\[(?:inaudible|crosstalk|silence|muffled|background noise|noise|laughs?|laughter|pause|unintelligible|static|music|beep|cough(?:s|ing)?)[^\]]*\]/gi;

/** How a phone message reached us, read from its first line; other channels are plain "message". */
export type TranscriptKind = "call" | "voicemail" | "call_notes" | "message";

/** "Call transcript (3m09s)", "Voicemail transcript", "Call notes: …" — a header, not the customer's words. */
const HEADER =
  /^(call transcript|phone transcript|transcript|voicemail transcript|voicemail|voice message|call notes|call summary|notes)(?:\s+(?:from|with|for)\s+[^:]{1,40})?\s*(\([^)]*\))?\s*(?::\s*(.*))?$/i;

/** Speaker labels that are us, not the customer. Named reps ("Dana (agent):") match through the word "agent". */
const AGENT_LABEL =
  /\b(agent|ai|ai line|assistant|bot|rep|representative|support|operator|ivr|system|frontline|staff|advisor|associate|team|us|we|host|moderator|automated|recording|menu)\b/i;
/**
 * Speaker labels for the customer, with an optional name after them: "Customer (Sam Lee)", as structured transcript
 * lines are rendered. What is in the brackets never changes the side: "Customer (Agent Smith)" is still the customer.
 */
const CUSTOMER_LABEL =
  /^(customer|caller|client|user|contact|visitor|member|guest|me|them|patient|buyer)(?:\s*\([^()\n]*\))?$/i;

/** "Customer:", "Agent (Dana Reyes):", "Dana (agent):" — a label (a role, maybe a name in brackets), then the words. */
const LABELED_LINE = /^(\p{L}[\p{L} .'-]{0,30}?)\s*(\([^()\n]{0,80}\))?\s*:\s*(.*)$/u;

function wordCount(text: string): number {
  return text.trim().split(/\s+/).length;
}

/**
 * Whose line it is, from its label; null when the label is no speaker ("Quick question: …"). The role before the
 * brackets decides ("Agent (Customer Care)" is ours); brackets decide only after a bare name ("Dana (agent)").
 */
function speakerOf(role: string, bracket: string | undefined): "customer" | "agent" | null {
  const label = bracket ? `${role.trim()} ${bracket}` : role.trim();
  if (CUSTOMER_LABEL.test(label)) return "customer";
  if (AGENT_LABEL.test(role) && wordCount(role) <= 3) return "agent";
  if (bracket && CUSTOMER_LABEL.test(bracket.slice(1, -1).trim())) return "customer";
  if (bracket && AGENT_LABEL.test(bracket) && wordCount(role) <= 3) return "agent";
  return null;
}

/** "[00:12]" or "00:12 -" before a speaker label. */
const TIMESTAMP = /^\[?\(?\d{1,2}:\d{2}(?::\d{2})?\)?\]?\s*[-–]?\s*/;

/** The first line names the kind of phone message, if it is a header. */
export function transcriptKind(text: string): TranscriptKind {
  const first = normalize(text).trim().split("\n")[0] ?? "";
  const m = first.match(HEADER);
  if (!m) return "message";
  const name = m[1].toLowerCase();
  if (name.startsWith("voice")) return "voicemail";
  if (name.includes("notes") || name.includes("summary")) return "call_notes";
  return "call";
}

/**
 * The customer's own words from a message or transcript: customer lines without their label, unlabeled
 * lines, and call notes (which describe the customer). Agent/AI lines, the header, quoted email history and
 * signatures are dropped. Idempotent, so helpers can call it on text that was already extracted.
 */
export function extractCustomerWords(text: string): string {
  const lines = normalize(stripHtml(text)).replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  let firstLine = true;
  for (const raw of lines) {
    let line = raw.trim();
    if (!line) continue;
    // Email history and signatures are not this turn's words.
    if (/^on\b.{3,120}\bwrote:?$/i.test(line) || /^-{2,}\s*$/.test(line) || /^-+\s*original message/i.test(line)) break;
    if (line.startsWith(">")) continue;
    if (firstLine) {
      firstLine = false;
      const header = line.match(HEADER);
      if (header) {
        // "Call notes: customer asked about delivery times." keeps the notes after the header.
        line = (header[3] ?? "").trim();
        if (!line) continue;
      }
    }
    line = line.replace(TIMESTAMP, "");
    const labeled = line.match(LABELED_LINE);
    const speaker = labeled ? speakerOf(labeled[1], labeled[2]) : null;
    if (speaker === "customer") {
      const rest = labeled![3].trim();
      if (rest) kept.push(rest);
      continue;
    }
    if (speaker === "agent") continue;
    // Anything else ("Quick question: how do I…") is the customer's sentence, label and all.
    kept.push(line);
  }
  return kept
    .map((line) =>
      repairWords(line.replace(NOISE, " "))
        .replace(/\s{2,}/g, " ")
        .trim(),
    )
    .filter((line) => /[\p{L}\p{N}?]/u.test(line))
    .join("\n");
}

const NAME = "\\p{Lu}[\\p{Ll}'-]{1,20}";
const NOT_NAMES =
  /^(?:I|The|This|That|It|My|Your|Our|Not|Just|Really|So|Very|About|Regarding|From|Me|Still|Now|Urgent|Important|Ridiculous|Crazy|Again|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Thanks|Thank|Hi|Hello|Regards|Best|Cheers|Sorry|Yes|No|Please|Acme|Customer|Caller|Mr|Mrs|Ms|Dr|Frau|Herr|Madame|Monsieur|Señor|Señora|Team|Support|Sent|Operations|Lead|Manager)$/;

/** Introductions in English, Spanish, French and German: "this is Sam", "habla Carmen", "c'est Élodie", "hier ist Klaus". */
const INTRO_NAME = new RegExp(
  `(?:\\b(?:this is|my name is|it's|it is|name's|i'm|i am|soy|me llamo|habla|mi nombre es|c'est|je m'appelle|je suis|hier ist|hier spricht|mein name ist|ich bin)\\s+)(?:(?:Frau|Herr|Mr\\.?|Mrs\\.?|Ms\\.?|Dr\\.?)\\s+)?(${NAME}(?:\\s+${NAME})?)`,
  "u",
);
/** "Schneider hier", "Sam here". */
const NAME_HERE = new RegExp(`(?:^|[,.]\\s*)(${NAME})\\s+(?:hier|here)\\b`, "u");
/** An email's sign-off: a closing line, then a name on its own line ("Thanks,\nRuth Adeyemi"), or "thx - Luis". */
const CLOSING =
  /^(?:thanks|thank you|many thanks|thanks again|regards|kind regards|best regards|best|cheers|sincerely|saludos|gracias|un saludo|cordialement|merci(?: d'avance)?|bien à vous|mit freundlichen grüßen|viele grüße|danke|lg|vg|best wishes|warm regards|take care)[,.!]*$/i;

function cleanName(candidate: string | undefined): string | null {
  if (!candidate) return null;
  const parts = candidate
    .trim()
    .split(/\s+/)
    .filter((part) => !NOT_NAMES.test(part));
  return parts.length ? parts.join(" ") : null;
}

/** The caller's name as they give it, first and last when both are there ("Priya Raman"); null when they don't. */
export function callerFullName(text: string): string | null {
  const plain = normalize(stripHtml(text));
  const intro = plain.match(INTRO_NAME);
  const fromIntro = cleanName(intro?.[1]);
  if (fromIntro) return fromIntro;
  const here = cleanName(plain.match(NAME_HERE)?.[1]);
  if (here) return here;
  const lines = plain
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (let i = lines.length - 1; i >= Math.max(1, lines.length - 4); i--) {
    const line = lines[i];
    const signed = line.match(new RegExp(`^(?:[-–—]\\s*)?(${NAME}(?:\\s+${NAME}){0,2})$`, "u"));
    if (signed && (CLOSING.test(lines[i - 1] ?? "") || /^[-–—]/.test(line))) return cleanName(signed[1]);
  }
  // "thx - Luis", "Danke, Jonas", "Cheers, Ben" at the very end of a short message.
  const tail = plain
    .trim()
    .match(new RegExp(`(?:\\s[-–—]\\s*|\\b(?:thanks|thx|danke|gracias|merci|cheers),\\s*)(${NAME})\\.?$`, "iu"));
  return cleanName(tail?.[1]);
}

/** The caller's first name when they give it ("Hi, this is Sam", "my name is Priya"). */
export function callerName(text: string): string | null {
  return callerFullName(text)?.split(" ")[0] ?? null;
}

/** "Hi, this is Sam from Acme. Quick question:" — openers a teammate does not need. Names need a capital. */
const GREETING =
  /^(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|um|uh|so|also|anyway)\b[\s,.!-]*|(?:yes|yeah|yep|no|nope|ok|okay|well|right)[,.!]+\s*)+/i;
const INTRO =
  /^(?:[Tt]his is|[Ii]t's|[Ii]t is|[Mm]y name is)\s+\p{Lu}[\p{Ll}'-]+(?:\s+\p{Lu}[\p{Ll}'-]+)?(?:\s+(?:from|at|with)\s+\p{Lu}[\p{L}&'-]*(?:\s+\p{Lu}[\p{L}&'-]*){0,3})?(?![\p{L}])[\s,.!-]*/u;
const QUESTION_LEAD =
  /^(?:just |and )?(?:a |one |another )?(?:(?:more|other|quick|small|last|simple)\s+)*questions?(?: for you)?\s*[:,-]\s*/i;

/** Drops greetings, self-introductions and "Quick question:" from the start of a sentence. */
export function stripPreamble(sentence: string): string {
  return sentence.replace(GREETING, "").replace(INTRO, "").replace(QUESTION_LEAD, "").trim();
}
