/** Where the app starts after signing in. */
export const HOME_PATH = "/inbox";

/**
 * The `next` parameter of /login, kept only when it is a path on this site: an absolute URL, a
 * protocol-relative `//host` or a backslash trick would turn the sign-in page into an open redirect.
 */
export function safeNextPath(next: string | string[] | null | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return HOME_PATH;
  if (/[\u0000-\u001f\u007f]/.test(value)) return HOME_PATH;
  if (value === "/login" || value.startsWith("/login?") || value.startsWith("/login/")) return HOME_PATH;
  if (value.startsWith("/api/")) return HOME_PATH;
  return value;
}

/** /login, with the page to return to. */
export function loginPath(next?: string | null): string {
  const target = next ? safeNextPath(next) : HOME_PATH;
  return target === HOME_PATH || target === "/" ? "/login" : `/login?next=${encodeURIComponent(target)}`;
}
