/**
 * Pure formatting for the Inbox and the session view. Dates arrive as ISO strings and are shown in the viewer's
 * locale and time zone; `locale`/`timeZone` parameters exist so tests are deterministic.
 */
import { displayHandle } from "@/lib/channels/contact";

export { displayHandle };

export interface LocaleOptions {
  locale?: string;
  timeZone?: string;
}

export const STATUS_LABELS: Record<string, string> = {
  ai_answering: "AI answering",
  answered: "Answered",
  handed_off: "Handed off",
  resolved: "Resolved",
  skipped: "Skipped",
  failed: "Failed",
};

export const SENTIMENT_LABELS: Record<string, string> = {
  angry: "Angry",
  frustrated: "Frustrated",
  neutral: "Neutral",
  positive: "Positive",
};

/** "inbound_received" → "Inbound received". */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "";
}

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? humanize(status);
}

export function sentimentLabel(sentiment: string): string {
  return SENTIMENT_LABELS[sentiment] ?? humanize(sentiment);
}

/** 1001 → "#1001". */
export function ticketLabel(ticketNumber: number): string {
  return `#${ticketNumber}`;
}

/** The contact's name, else their handle (phone number or email; a phone number always written one way). */
export function contactLabel(contact: { contactName?: string | null; contactHandle?: string | null }): string {
  return contact.contactName?.trim() || displayHandle(contact.contactHandle) || "Unknown contact";
}

/** The first non-blank line of a text, trimmed; "" for none. */
export function firstLine(text: string | null | undefined): string {
  if (!text) return "";
  for (const line of text.split(/\r\n?|\n/)) {
    const trimmed = line.trim();
    if (trimmed) return trimmed;
  }
  return "";
}

/** What an Inbox row says about a session: the summary's first line, else the customer's words, else the subject. */
export function rowSnippet(row: { summary?: string | null; preview?: string | null; subject?: string | null }): string {
  return firstLine(row.summary) || firstLine(row.preview) || firstLine(row.subject);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then a short date ("Mar 4", "Mar 4, 2024"). */
export function relativeTime(iso: string, now: number, options: LocaleOptions = {}): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return "";
  const diff = now - time;
  if (diff < 45_000) return "just now";
  if (diff < HOUR) return `${Math.max(1, Math.round(diff / MINUTE))} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  if (diff < 2 * DAY) return "yesterday";
  if (diff < 7 * DAY) return `${Math.floor(diff / DAY)} days ago`;
  const sameYear = yearOf(time, options.timeZone) === yearOf(now, options.timeZone);
  return new Intl.DateTimeFormat(options.locale, {
    month: "short",
    day: "numeric",
    year: sameYear ? undefined : "numeric",
    timeZone: options.timeZone,
  }).format(time);
}

function yearOf(time: number, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-US", { year: "numeric", timeZone }).format(time);
}

/** A full local date and time, e.g. "Mar 4, 2025, 2:05 PM" (with seconds when asked). */
export function localDateTime(
  iso: string | null | undefined,
  options: LocaleOptions & { seconds?: boolean } = {},
): string {
  if (!iso) return "";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return "";
  return new Intl.DateTimeFormat(options.locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: options.seconds ? "2-digit" : undefined,
    timeZone: options.timeZone,
  }).format(time);
}

/** A time of day, e.g. "2:05 PM", for message bubbles (the full date is in the title). */
export function localTime(iso: string | null | undefined, options: LocaleOptions = {}): string {
  if (!iso) return "";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return "";
  return new Intl.DateTimeFormat(options.locale, {
    hour: "numeric",
    minute: "2-digit",
    timeZone: options.timeZone,
  }).format(time);
}

/**
 * A step, run or processing duration: "840 ms", "2.4 s", "18 s", "3 min 59 s", "1 h 02 min" (minutes and hours
 * as the reports write a wait).
 */
export function formatDurationMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const pad = (value: number) => String(value).padStart(2, "0");
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)} min ${pad(totalSeconds % 60)} s`;
  return `${Math.floor(totalSeconds / 3600)} h ${pad(Math.floor((totalSeconds % 3600) / 60))} min`;
}

/** A call length from seconds: "45s", "3m09s", "1h02m03s". */
export function formatCallDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (value: number) => String(value).padStart(2, "0");
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `${m}m${pad(s)}s`;
  return `${s}s`;
}

/** 12345 → "12,345". */
export function formatCount(value: number): string {
  return new Intl.NumberFormat("en-US").format(value);
}

export { plural, noun } from "@/lib/format/plural";

/** "1,234 tokens", "1 token". */
export function formatTokens(value: number): string {
  return `${formatCount(value)} ${value === 1 ? "token" : "tokens"}`;
}

/** Milliseconds between two ISO times; null when either is missing. */
export function elapsedMs(startIso: string | null | undefined, endIso: string | null | undefined): number | null {
  if (!startIso || !endIso) return null;
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  return Number.isNaN(start) || Number.isNaN(end) ? null : Math.max(0, end - start);
}

export type CallMedium = "transcript" | "voicemail" | "call notes";

export interface CallInfo {
  durationSeconds?: number;
  answered?: boolean;
  medium: CallMedium | null;
}

const CALL_MESSAGE_TYPES = new Set(["call", "phone-call"]);

/** Call details of a message (Front keeps `duration` and `have_been_answered` in its metadata); null for non-calls. */
export function callInfo(message: {
  messageType: string;
  metadata?: Record<string, unknown> | null;
  text?: string | null;
}): CallInfo | null {
  const metadata = message.metadata ?? {};
  const durationSeconds = typeof metadata.duration === "number" ? metadata.duration : undefined;
  const answered = typeof metadata.have_been_answered === "boolean" ? metadata.have_been_answered : undefined;
  const isCall = CALL_MESSAGE_TYPES.has(message.messageType) || durationSeconds !== undefined || answered !== undefined;
  if (!isCall) return null;
  return { durationSeconds, answered, medium: callMedium(message.text ?? "", answered) };
}

/** What the call's text is, from its first line ("Voicemail transcript", "Call notes: …"), else from whether it was answered. */
export function callMedium(text: string, answered?: boolean): CallMedium | null {
  const first = firstLine(text).toLowerCase();
  if (/^(voicemail|voice message)\b/.test(first)) return "voicemail";
  if (/^(call notes|call summary|notes)\b/.test(first)) return "call notes";
  if (/^(call transcript|phone transcript|transcript)\b/.test(first)) return "transcript";
  if (!first) return null;
  return answered === false ? "voicemail" : "transcript";
}

/** "Phone call · 3m09s · answered · transcript". */
export function callDetailsLine(info: CallInfo): string {
  const parts = ["Phone call"];
  if (info.durationSeconds !== undefined) parts.push(formatCallDuration(info.durationSeconds));
  if (info.answered !== undefined) parts.push(info.answered ? "answered" : "missed");
  if (info.medium) parts.push(info.medium);
  return parts.join(" · ");
}

/** Indented JSON for a `<pre>`; strings holding JSON are parsed first so they indent too. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        return JSON.stringify(JSON.parse(trimmed), null, 2);
      } catch {
        return value;
      }
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

export interface JsonEntry {
  /** Dotted path from the root, e.g. "results[0].title"; "" for a root primitive. */
  path: string;
  value: string;
  type: "string" | "number" | "boolean" | "null" | "empty";
}

/** Flattens JSON into path/value rows for the "pretty" key-value view; empty objects and arrays are kept as rows. */
export function flattenJson(value: unknown, path = ""): JsonEntry[] {
  if (value === null || value === undefined) return [{ path, value: "null", type: "null" }];
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ path, value: "[]", type: "empty" }];
    return value.flatMap((item, index) => flattenJson(item, `${path}[${index}]`));
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [{ path, value: "{}", type: "empty" }];
    return entries.flatMap(([key, item]) => flattenJson(item, path ? `${path}.${key}` : key));
  }
  if (typeof value === "string") return [{ path, value, type: "string" }];
  if (typeof value === "number") return [{ path, value: String(value), type: "number" }];
  if (typeof value === "boolean") return [{ path, value: String(value), type: "boolean" }];
  return [{ path, value: String(value), type: "string" }];
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\//, "Opera"],
  [/Firefox\//, "Firefox"],
  [/Chrom(e|ium)\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone|iPad/, "iOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** A browser's User-Agent as a person names it: "Chrome on macOS", "Firefox on Linux"; the raw string when unknown. */
export function browserLabel(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown browser";
  // Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser) return userAgent.length > 60 ? `${userAgent.slice(0, 57)}…` : userAgent;
  return system ? `${browser} on ${system}` : browser;
}
