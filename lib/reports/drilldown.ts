/** The Inbox filters a report segment stands for; every field is optional and dates are inclusive UTC days. */
export interface InboxFilter {
  channel?: string | null;
  status?: string | null;
  sentiment?: string | null;
  reason?: string | null;
  /** AI outcomes, comma-separated ("answered,handed_off,failed"). */
  outcome?: string | null;
  result?: string | null;
  window?: number | null;
  from?: string | null;
  to?: string | null;
}

// The Inbox's canonical order (FILTER_PARAMS), so a drill-down link is the URL the Inbox itself would write.
const ORDER = ["channel", "status", "sentiment", "reason", "outcome", "result", "window", "from", "to"] as const;

/** `/inbox?channel=voice&status=handed_off&from=2026-11-01&to=2026-11-07`: the sessions behind a number. */
export function inboxHref(filter: InboxFilter): string {
  const params = new URLSearchParams();
  for (const name of ORDER) {
    const value = filter[name];
    if (value) params.set(name, String(value));
  }
  const query = params.toString();
  return `/inbox${query ? `?${query}` : ""}`;
}
