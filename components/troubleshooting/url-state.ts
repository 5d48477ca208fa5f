/** Query-string names: the explained conversation, and the deliveries filters. */
export const EXPLAIN_PARAM = "conversation";
export const DECISION_PARAM = "decision";
export const DELIVERY_CONVERSATION_PARAM = "delivery_conversation";

const CONVERSATION_ID = /cnv_[A-Za-z0-9]+/;

/** The Front conversation id in what was typed or pasted: "cnv_abc", or a Front link containing one; null if none. */
export function parseConversationId(input: string): string | null {
  return input.trim().match(CONVERSATION_ID)?.[0] ?? null;
}

/** This page's URL with some parameters set (a string) or removed (null), and an optional #section. */
export function pageHref(current: URLSearchParams, updates: Record<string, string | null>, hash?: string): string {
  const params = new URLSearchParams(current);
  for (const [name, value] of Object.entries(updates)) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  const query = params.toString();
  return `/troubleshooting${query ? `?${query}` : ""}${hash ? `#${hash}` : ""}`;
}

/**
 * Changes the query string without a navigation: Next.js hooks `history.pushState`/`replaceState`, so
 * `useSearchParams` follows. Push when the change is worth a Back (a new question), replace for filters.
 */
export function setSearchParams(updates: Record<string, string | null>, mode: "push" | "replace" = "replace"): void {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(updates)) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}
