/** What a call message holds: a transcript, a voicemail, call notes, or only a placeholder for now. */

import { extractCustomerWords, transcriptKind } from "../text-analysis/customer-words";
import { normalize } from "../text-analysis/text";

export type CallKind = "transcript" | "voicemail" | "call_notes" | "unknown";

export interface CallInput {
  type?: string | null;
  text?: string | null;
  metadata?: Record<string, unknown> | null;
}

export interface CallRecord {
  kind: CallKind;
  durationSeconds?: number;
  answered?: boolean;
  /** False while the message is only a placeholder: the words arrive later in a transcript event. */
  hasUsableText: boolean;
}

/** "+1 (415) 555-0123", "Unknown", "Sam Lee": who a placeholder says called. Names need capitals. */
function isCaller(who: string): boolean {
  return (
    /^\+?[\d\s().-]{3,20}$/.test(who) ||
    /^(?:unknown|anonymous|private number|no caller id|restricted)$/i.test(who) ||
    /^\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,2}$/u.test(who)
  );
}

/** "Missed call from +1 415…", "Voicemail from Sam Lee": the event, maybe its caller, and nothing else. */
const CALL_EVENT =
  /^(?:(?:incoming|outgoing|inbound|outbound|missed|answered|unanswered|completed|ended|dropped|abandoned|forwarded|transferred|new)\s+)?(?:phone\s+call|voice\s+call|call|voicemail|voice message)(?:\s+(?:from|to|with|for)\s+(.+))?$/i;

/** Other lines phone integrations write before (or instead of) the words. Matched after brackets are stripped. */
const PLACEHOLDERS = [
  /^call (?:in progress|ongoing|ringing|started|connected|on hold)$/i,
  /^(?:ringing|on hold|no answer|busy)$/i,
  /^(?:no )?(?:transcript|transcription)s? (?:available|unavailable|not available|not available yet|pending|in progress|processing|coming soon|will be available shortly)$/i,
  /^(?:no|without) (?:transcript|transcription|voicemail)(?: available| left)?$/i,
  /^(?:processing|generating|awaiting|waiting for) (?:the )?(?:transcript|transcription)$/i,
  /^(?:call |voicemail )?(?:duration|length|status|direction|recording)(?:\s*:.*)?$/i,
];

/** A header's value that says there is nothing yet ("Voicemail transcript: pending"). */
const EMPTY_VALUE = /^(?:none|n\/a|na|null|-|pending|unavailable|not available|processing|\.\.\.|…)$/i;

const ENDS = /^[[(*_{<\s]+|[\])*_}>\s.…!:]+$/g;

/** "[Transcription pending]", "*Missed call*", "Missed call - 0:41", "Call (3m09s)" → the words alone. */
function bare(line: string): string {
  return line
    .trim()
    .replace(ENDS, "")
    .replace(/\s*[-–—]?\s*\(?(?:\d{1,2}(?::\d{2}){1,2}|(?:\d+\s*[hms]\s*)+)\)?$/i, "")
    .replace(ENDS, "")
    .trim();
}

function isPlaceholderLine(line: string): boolean {
  const words = bare(line);
  if (!/\p{L}/u.test(words) || EMPTY_VALUE.test(words)) return true; // a number, a time, "n/a"
  const event = words.match(CALL_EVENT);
  if (event && (!event[1] || isCaller(event[1].trim()))) return true;
  if (PLACEHOLDERS.some((pattern) => pattern.test(words))) return true;
  // "Call transcript (3m09s)", "Voicemail transcript:" — a header with nothing after it.
  if (transcriptKind(words) !== "message") {
    const rest = extractCustomerWords(words).trim();
    return !rest || isPlaceholderLine(rest);
  }
  return false;
}

/**
 * True when the caller's side holds words a model can use. Lines spoken by us (the AI line, an agent) do not
 * count: a transcript of our greeting alone leaves nothing to answer.
 */
export function hasUsableCallText(text: string | null | undefined): boolean {
  return extractCustomerWords(normalize(text ?? ""))
    .split("\n")
    .some((line) => line.trim() && !isPlaceholderLine(line));
}

/** Seconds from a number, "189", "189.5", "3:09" or "1:02:03". Anything else is unknown. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{1,2}(:\d{2}){1,2}$/.test(text)) return text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
  return undefined;
}

/** A boolean, or the strings and numbers integrations use for one. */
export function parseAnswered(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  const text = String(value ?? "")
    .trim()
    .toLowerCase();
  if (["true", "yes", "1", "answered"].includes(text)) return true;
  if (["false", "no", "0", "missed", "unanswered"].includes(text)) return false;
  return undefined;
}

/** "Customer: …" / "Agent (Dana): …" lines make a transcript even without a header. */
const SPEAKER_LINE =
  /^\s*(?:\[?\d{1,2}:\d{2}\]?\s*)?(customer|caller|agent|ai line|ai|assistant|rep|representative|operator)\s*(?:\([^()\n]*\))?\s*:/im;

function kindOf(type: string, text: string, answered: boolean | undefined, usable: boolean): CallKind {
  const header = transcriptKind(text);
  if (header === "voicemail") return "voicemail";
  if (header === "call_notes") return "call_notes";
  if (header === "call") return "transcript";
  if (/voicemail/i.test(type)) return "voicemail";
  if (SPEAKER_LINE.test(text)) return "transcript";
  if (!usable) return "unknown";
  // Nobody picked up, yet there are words: the caller left a message.
  if (answered === false) return "voicemail";
  return "unknown";
}

/** What a call message holds, with the duration and answered flag from its metadata. */
export function callRecord(input: CallInput): CallRecord {
  const text = input.text ?? "";
  const metadata = input.metadata ?? {};
  const durationSeconds = parseDuration(metadata.duration);
  const answered = parseAnswered(metadata.have_been_answered);
  const hasUsableText = hasUsableCallText(text);
  const record: CallRecord = { kind: kindOf(input.type ?? "", text, answered, hasUsableText), hasUsableText };
  if (durationSeconds !== undefined) record.durationSeconds = durationSeconds;
  if (answered !== undefined) record.answered = answered;
  return record;
}
