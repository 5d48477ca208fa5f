// Front's cursor pagination: an opaque page_token, and `_pagination.next` as a full URL.

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

export function parseLimit(raw: string | null): { ok: true; value: number } | { ok: false; error: string } {
  if (raw === null) return { ok: true, value: DEFAULT_PAGE_LIMIT };
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_LIMIT) {
    return { ok: false, error: `limit must be an integer between 1 and ${MAX_PAGE_LIMIT}, got ${raw}` };
  }
  return { ok: true, value };
}

/** Opaque on purpose: clients must follow `_pagination.next`, not build tokens. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

export function decodePageToken(token: string): number | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    const offset = (decoded as { offset?: unknown } | null)?.offset;
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}
