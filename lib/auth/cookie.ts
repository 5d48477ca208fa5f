// Cookie names shared by the auth instance and proxy.ts. No server imports: the proxy reads this cheaply.

/** better-auth's cookie prefix for Frontline: the session cookie is `frontline.session_token`. */
export const AUTH_COOKIE_PREFIX = "frontline";
export const SESSION_COOKIE = `${AUTH_COOKIE_PREFIX}.session_token`;
/** The name browsers get when APP_URL is https (the cookie is then Secure). */
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/** The request header proxy.ts fills with the requested path, so a server layout can send people back to it. */
export const REQUEST_PATH_HEADER = "x-frontline-path";

/**
 * True when the request carries a session cookie at all. Only a first line (proxy.ts): a forged or expired
 * cookie passes here and is refused by the layouts and the API guards, which check it against the database.
 */
export function hasSessionCookie(cookies: { has(name: string): boolean }): boolean {
  return cookies.has(SESSION_COOKIE) || cookies.has(SECURE_SESSION_COOKIE);
}
