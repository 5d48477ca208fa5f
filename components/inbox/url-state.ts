import { MAX_PAGE_SIZE } from "@/lib/inbox/session-filters";

/** The Inbox's page size: `limit` in the URL (1–100) when set, else 50. */
export const DEFAULT_PAGE_SIZE = 50;

export function readPageSize(params: URLSearchParams): number {
  const value = Number(params.get("limit"));
  return Number.isInteger(value) && value >= 1 && value <= MAX_PAGE_SIZE ? value : DEFAULT_PAGE_SIZE;
}

/** `/inbox` with a query string, leaving out an empty one. */
export function inboxHref(params: URLSearchParams): string {
  const query = params.toString();
  return `/inbox${query ? `?${query}` : ""}`;
}

/**
 * Sets (a string) or removes (null) Inbox parameters without a navigation: Next.js hooks `history.replaceState`,
 * so `useSearchParams` follows and the list refetches. Filters replace the history entry rather than pushing one,
 * so Back leaves the Inbox instead of undoing each keystroke; a session's page returns to the filtered list.
 */
export function setInboxParams(updates: Record<string, string | null>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(updates)) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  window.history.replaceState(null, "", inboxHref(params).replace("/inbox", window.location.pathname));
}

/** Where the Inbox keeps its last query string in this tab, so a session page's Back link returns to it. */
const LAST_INBOX_SEARCH_KEY = "frontline.inbox.lastSearch";

export function rememberInboxSearch(search: string): void {
  try {
    window.sessionStorage.setItem(LAST_INBOX_SEARCH_KEY, search);
  } catch {
    // Storage refused (private mode, quota): Back then opens the Inbox unfiltered.
  }
}

export function lastInboxSearch(): string {
  try {
    return window.sessionStorage.getItem(LAST_INBOX_SEARCH_KEY) ?? "";
  } catch {
    return "";
  }
}
