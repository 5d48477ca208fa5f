/**
 * The Inbox's URL contract, shared by the page (client) and GET /api/sessions (server). Pure: no database and
 * no zod, so the browser bundle can import it.
 *
 *   /inbox?view=needs_attention&channel=voice,sms&status=handed_off&sentiment=angry&reason=error
 *         &from=2026-11-01&to=2026-11-07&q=%2B1%20(415)%20555-0123
 *
 * - channel, status, sentiment, reason: one value, several comma-separated ("voice,sms"), or the parameter
 *   repeated ("channel=voice&channel=sms"); values of one parameter are ORed, parameters are ANDed.
 * - from, to: inclusive UTC days (YYYY-MM-DD) on when the session started (created_at), like the Reports
 *   page: from=2026-11-01&to=2026-11-07 is 2026-11-01T00:00Z ≤ created_at < 2026-11-08T00:00Z. Either may be
 *   left out.
 * - q: a search (see `parseSessionSearch`).
 * - outcome: what the AI last did (sessions.ai_outcome), a list like channel.
 * - result, window: what came of it within `window` hours of the AI's act (see AI_RESULTS; default 72 hours).
 *   These are the drill-downs of the Reports page's AI rates (docs/metrics.md), read by the same SQL.
 * - gap: one knowledge-gap group of the Reports page (its top word, "-" for questions without words), grouped over
 *   the sessions of this from/to/channel; with the reason filter of its link it lists exactly the group's sessions.
 * - view: a saved view (see SESSION_VIEWS), ANDed with the other parameters; absent means "all".
 * - limit: the page size (1–100); the Inbox's default is 50.
 */

import { handleKind, normalizeHandle } from "@/lib/channels/contact";
import {
  AI_OUTCOMES,
  CHANNELS,
  HANDOFF_REASONS,
  SENTIMENTS,
  SESSION_STATUSES,
  type AiOutcome,
  type Channel,
  type HandoffReason,
  type Sentiment,
  type SessionStatus,
} from "@/lib/domain";

export const AI_OUTCOME_LABELS: Record<AiOutcome, string> = {
  answered: "Answered",
  handed_off: "Handed off",
  failed: "Failed",
  skipped: "Skipped",
};

/** What came of the AI's act, judged `window` hours after it (lib/db/queries/ai-results.ts has the SQL). */
export const AI_RESULTS = [
  {
    id: "judged",
    label: "Window passed",
    description: "The AI acted at least the window ago, so what came of it is known",
  },
  {
    id: "ai_resolved",
    label: "AI resolved",
    description: "Answered by the AI, with no teammate reply and no reopen within the window, which has passed",
  },
  {
    id: "reopened",
    label: "Reopened",
    description: "Answered by the AI and reopened within the window, which has passed",
  },
  {
    id: "human_replied",
    label: "Person replied after the handoff",
    description: "Handed off by the AI, and a teammate has replied since",
  },
] as const;
export type AiResult = (typeof AI_RESULTS)[number]["id"];
export const DEFAULT_RESULT_WINDOW_HOURS = 72;
/**
 * The windows the Reports page judges at, in hours (1, 3, 7, 14 and 30 days): the steps of its rollup's follow-up
 * classes (report_delay_class in migration 0009). The Inbox's `window` takes any number of hours.
 */
export const RESULT_WINDOWS = [24, 72, 168, 336, 720] as const;
export const MAX_RESULT_WINDOW_HOURS = 24 * 90;

export const SESSION_VIEWS = [
  { id: "all", label: "All", description: "Every session" },
  { id: "handed_off", label: "Handed off", description: "Sessions the AI handed to a person (status handed off)" },
  { id: "negative", label: "Negative sentiment", description: "Angry or frustrated customers" },
  { id: "voice", label: "Phone", description: "Calls and voicemails" },
  {
    id: "needs_attention",
    label: "Needs attention",
    description: "Failed sessions, and handoffs or replies that did not go through",
  },
] as const;
export type SessionViewId = (typeof SESSION_VIEWS)[number]["id"];

export const LIST_PARAMS = ["channel", "status", "sentiment", "reason", "outcome"] as const;
export type ListParam = (typeof LIST_PARAMS)[number];

/** Every parameter of the contract, in the order the Inbox writes them. */
export const FILTER_PARAMS = [
  "view",
  "channel",
  "status",
  "sentiment",
  "reason",
  "outcome",
  "result",
  "window",
  "from",
  "to",
  "q",
  "gap",
] as const;

export const MAX_SEARCH_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;

export interface SessionFilters {
  view: SessionViewId;
  channel: Channel[];
  status: SessionStatus[];
  sentiment: Sentiment[];
  reason: HandoffReason[];
  outcome: AiOutcome[];
  result: AiResult | null;
  /** Hours after the AI's act that `result` judges; null is the default (DEFAULT_RESULT_WINDOW_HOURS). */
  window: number | null;
  /** Inclusive UTC day, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  q: string | null;
  /** A knowledge-gap group's key (lib/reports/knowledge-gaps); optional so the Inbox's other callers need not name it. */
  gap?: string | null;
}

export const NO_FILTERS: SessionFilters = {
  view: "all",
  channel: [],
  status: [],
  sentiment: [],
  reason: [],
  outcome: [],
  result: null,
  window: null,
  from: null,
  to: null,
  q: null,
};

/** A knowledge-gap key: a word as the report's tokenizer writes it, or "-". */
const GAP_KEY = /^(?:-|[a-z0-9]+(?:'[a-z]+)?)$/;

/** The values of a list parameter: repeated and comma-separated forms, trimmed, empty parts and repeats dropped. */
export function readList(params: URLSearchParams, name: string): string[] {
  const values = params
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter(Boolean);
  return [...new Set(values)];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD ("2026-02-30" is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(time).toISOString().slice(0, 10) === value;
}

/** [start, end) of an inclusive run of UTC days, either end open. */
export function dayBounds(from: string | null, to: string | null): { start: Date | null; end: Date | null } {
  return {
    start: from ? new Date(`${from}T00:00:00.000Z`) : null,
    end: to ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000) : null,
  };
}

/** A list parameter's values that are among `allowed`; each other value is an issue. */
function knownValues<Value extends string>(
  params: URLSearchParams,
  name: ListParam,
  allowed: readonly Value[],
  issues: string[],
): Value[] {
  const isAllowed = (value: string): value is Value => (allowed as readonly string[]).includes(value);
  const values = readList(params, name);
  for (const value of values) if (!isAllowed(value)) issues.push(`${name}: unknown value "${value}"`);
  return values.filter(isAllowed);
}

function isView(value: string): value is SessionViewId {
  return SESSION_VIEWS.some((view) => view.id === value);
}

/**
 * The filters in a query string, and what in it is not understood ("status: unknown value \"bogus\"").
 * The API refuses a query with issues; the page shows them and drops the parts it could not read.
 */
export function parseSessionFilters(params: URLSearchParams): { filters: SessionFilters; issues: string[] } {
  const issues: string[] = [];
  const lists = {
    channel: knownValues(params, "channel", CHANNELS, issues),
    status: knownValues(params, "status", SESSION_STATUSES, issues),
    sentiment: knownValues(params, "sentiment", SENTIMENTS, issues),
    reason: knownValues(params, "reason", HANDOFF_REASONS, issues),
    outcome: knownValues(params, "outcome", AI_OUTCOMES, issues),
  } satisfies { [Name in ListParam]: string[] };
  const date = (name: "from" | "to") => {
    const value = params.get(name)?.trim();
    if (!value) return null;
    if (isIsoDate(value)) return value;
    issues.push(`${name}: "${value}" is not a date written YYYY-MM-DD`);
    return null;
  };
  const from = date("from");
  const to = date("to");
  const resultParam = params.get("result")?.trim() || null;
  const result = AI_RESULTS.find((item) => item.id === resultParam)?.id ?? null;
  if (resultParam && !result) issues.push(`result: unknown value "${resultParam}"`);
  const windowParam = params.get("window")?.trim() || null;
  const window =
    windowParam &&
    /^\d{1,4}$/.test(windowParam) &&
    Number(windowParam) >= 1 &&
    Number(windowParam) <= MAX_RESULT_WINDOW_HOURS
      ? Number(windowParam)
      : null;
  if (windowParam && window === null)
    issues.push(`window: "${windowParam}" is not a number of hours from 1 to ${MAX_RESULT_WINDOW_HOURS}`);
  const viewParam = params.get("view")?.trim() || "all";
  if (!isView(viewParam)) issues.push(`view: unknown view "${viewParam}"`);
  let q = params.get("q")?.trim() || null;
  if (q && q.length > MAX_SEARCH_LENGTH) {
    issues.push(`q: longer than ${MAX_SEARCH_LENGTH} characters`);
    q = q.slice(0, MAX_SEARCH_LENGTH);
  }
  let gap = params.get("gap")?.trim() || null;
  if (gap && (gap.length > 50 || !GAP_KEY.test(gap))) {
    issues.push(`gap: "${gap.slice(0, 50)}" is not a knowledge-gap word`);
    gap = null;
  }
  return {
    filters: {
      view: isView(viewParam) ? viewParam : "all",
      ...lists,
      result,
      window,
      from,
      to,
      q,
      // Only when set, so filters without one compare equal to those written before it existed.
      ...(gap ? { gap } : {}),
    },
    issues,
  };
}

/** The canonical query string of some filters: contract order, lists comma-separated, defaults left out. */
export function sessionFilterParams(filters: Partial<SessionFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.view && filters.view !== "all") params.set("view", filters.view);
  for (const name of LIST_PARAMS) {
    const values = filters[name];
    if (values?.length) params.set(name, values.join(","));
  }
  if (filters.result) params.set("result", filters.result);
  if (filters.window) params.set("window", String(filters.window));
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.q) params.set("q", filters.q);
  if (filters.gap) params.set("gap", filters.gap);
  return params;
}

/** How many of the filter-bar filters are set (the view is not one of them). */
export function activeFilterCount(filters: SessionFilters): number {
  return (
    LIST_PARAMS.filter((name) => filters[name].length > 0).length +
    (filters.result ? 1 : 0) +
    (filters.from ? 1 : 0) +
    (filters.to ? 1 : 0) +
    (filters.q ? 1 : 0) +
    (filters.gap ? 1 : 0)
  );
}

/** What a search can match; every present part is ORed (see `parseSessionSearch`). */
export interface SessionSearch {
  /** #1042 or 1042. */
  ticketNumber: number | null;
  /** cnv_…, also found inside a pasted Front link. */
  conversationId: string | null;
  /** The input as a contact key (E.164 phone, lower-case email), for the exact match on sessions.contact_key. */
  contactKey: string | null;
  /** The digits of a partial phone number (4–9 digits), matched anywhere in a contact's number: "555-0123". */
  phoneDigits: string | null;
  /** A case-insensitive substring (3+ characters) of the contact's name or handle; not for numbers and whole emails. */
  contactText: string | null;
  /** Words to find in message text (every word, whole words); null when the input is only a ticket or conversation id. */
  messageText: string | null;
}

const TICKET = /^#\s*(\d{1,9})$/;
const DIGITS = /^\d{1,9}$/;
const CONVERSATION_ID = /\bcnv_[A-Za-z0-9_]+/;
const PHONE_LIKE = /^\+?[\d\s().\/-]+$/;
/** The shortest input matched inside contact names and handles. */
const MIN_CONTACT_TEXT = 3;
/** From this many digits an input is a whole phone number, matched on its normalised form alone. */
const WHOLE_NUMBER_DIGITS = 10;

/**
 * How the Inbox reads a search:
 * - "#1042" is ticket 1042 and nothing else;
 * - "cnv_…" or a Front link containing one is that conversation and nothing else;
 * - a whole phone number (10+ digits, any format: "+1 (415) 555-0123", "415.555.0123") or a whole email is that
 *   contact (sessions.contact_key, normalised the way the pipeline stores it), plus messages containing it;
 * - a part of a number (4–9 digits: "555-0123", "1042") or a national number ("020 7946 0958", without its 0)
 *   matches anywhere in a contact's number, plus a ticket with that number and messages containing it;
 * - anything else matches the contact's name or handle containing it (any case; 3 characters or more), the
 *   contact key exactly, and messages containing every word of it (whole words, full-text, 'simple' dictionary).
 */
export function parseSessionSearch(input: string): SessionSearch | null {
  const q = input.trim();
  if (!q) return null;
  const none: SessionSearch = {
    ticketNumber: null,
    conversationId: null,
    contactKey: null,
    phoneDigits: null,
    contactText: null,
    messageText: null,
  };
  const ticket = TICKET.exec(q);
  if (ticket) return { ...none, ticketNumber: Number(ticket[1]) };
  const conversation = CONVERSATION_ID.exec(q);
  if (conversation && (q === conversation[0] || /^https?:\/\//i.test(q)))
    return { ...none, conversationId: conversation[0] };

  const messageText = /[\p{L}\p{N}]/u.test(q) ? q : null;
  const contactKey = normalizeHandle(q) || null;
  if (PHONE_LIKE.test(q)) {
    const digits = q.replace(/\D/g, "");
    // A national number ("020 7946 0958") is stored with its country code instead of the trunk 0, so it is
    // looked for as the digits after the 0, anywhere in a number, like a part of a number.
    const national = /^0\d{6}/.test(digits) && !contactKey?.startsWith("+");
    const partial =
      digits.length >= 4 && (digits.length < WHOLE_NUMBER_DIGITS || national)
        ? national
          ? digits.slice(1)
          : digits
        : null;
    return { ...none, ticketNumber: DIGITS.test(q) ? Number(q) : null, contactKey, phoneDigits: partial, messageText };
  }
  if (handleKind(q) === "email") return { ...none, contactKey, messageText };
  // Shorter than a trigram, a "contains" match could only scan every contact.
  return { ...none, contactKey, contactText: q.length >= MIN_CONTACT_TEXT ? q : null, messageText };
}
