import { headers } from "next/headers";
import { cache } from "react";
import { getAuth } from "./server";
import { assertAllowed, userFromRequestHeaders } from "./session-user";
import type { AuthUser, Role } from "./types";

export type { AuthUser, Role };

async function currentUser(refresh: boolean): Promise<AuthUser | null> {
  // headers() first: it marks a page dynamic, so `next build` never opens the database to prerender it.
  const requestHeaders = await headers();
  return userFromRequestHeaders(await getAuth(), requestHeaders, { refresh });
}

/**
 * For pages and layouts: the signed-in user of the current request, or null. Checked against the database, not
 * just the cookie's presence. Cached per request, so a layout and a page share one lookup. Never extends the
 * session (a page cannot renew the cookie); the API calls the page makes do.
 */
export const getSessionUser = cache((): Promise<AuthUser | null> => currentUser(false));

/**
 * For route handlers: the signed-in user, or ApiError 401. Every API route except the exempt ones calls this.
 * Extends a day-old session and renews its cookie.
 */
export async function requireUser(): Promise<AuthUser> {
  return assertAllowed(await currentUser(true));
}

/** For route handlers: the signed-in user if they are an admin; ApiError 401 when signed out, 403 for a viewer. */
export async function requireAdmin(): Promise<AuthUser> {
  return assertAllowed(await currentUser(true), "admin");
}

/** The id (never the token) of the session making this request, or null: marks "this browser" in Settings → Users. */
export async function currentSessionId(): Promise<string | null> {
  const session = await (await getAuth()).api.getSession({ headers: await headers(), query: { disableRefresh: true } });
  return session?.session.id ?? null;
}
