import { normalize } from "./text";

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
const CUSTOMER_LABEL = /^(customer|caller|client|user|contact|visitor|member|guest|me|them|patient|buyer)(?:\s*\([^()\n]*\))?$/i;

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
  const lines = normalize(text).replace(/\r\n?/g, "\n").split("\n");
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
  return kept.join("\n");
}

/** The caller's first name when they give it ("Hi, this is Sam", "my name is Priya"). */
export function callerName(text: string): string | null {
  const m = normalize(text).match(/\b(?:this is|my name is|it's|it is|name's)\s+([A-Z][a-z]{1,20})\b/);
  if (!m) return null;
  const name = m[1];
  // "It's ridiculous" is not a name; capitalised common words are filtered out.
  const notNames = /^(I|The|This|That|It|My|Your|Our|Not|Just|Really|So|Very|About|Regarding|From|Me|Still|Now|Urgent|Important|Ridiculous|Crazy|Again)$/;
  return notNames.test(name) ? null : name;
}

/** "Hi, this is Sam from Acme. Quick question:" — openers a teammate does not need. Names need a capital. */
const GREETING =
  /^(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|um|uh|so|also|anyway)\b[\s,.!-]*|(?:yes|yeah|yep|no|nope|ok|okay|well|right)[,.!]+\s*)+/i;
const INTRO = /^(?:[Tt]his is|[Ii]t's|[Ii]t is|[Mm]y name is)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:\s+from\s+[A-Z][\w&]*)?\b[\s,.!-]*/;
const QUESTION_LEAD = /^(?:just |and )?(?:a |one |another )?(?:(?:more|other|quick|small|last|simple)\s+)*questions?(?: for you)?\s*[:,-]\s*/i;

/** Drops greetings, self-introductions and "Quick question:" from the start of a sentence. */
export function stripPreamble(sentence: string): string {
  return sentence.replace(GREETING, "").replace(INTRO, "").replace(QUESTION_LEAD, "").trim();
}
