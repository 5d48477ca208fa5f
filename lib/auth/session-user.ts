import { ApiError } from "../api/errors";
import type { Auth } from "./server";
import { roleSchema, type AuthUser, type Role } from "./types";

/**
 * The user behind a request's session cookie, or null (no cookie, forged, expired, or the user was deleted).
 * The role is read from the database on every call, so a changed role applies at once.
 *
 * `refresh`: extend a day-old session by another week. Only where the answer can carry the renewed cookie (route
 * handlers); a page or layout cannot set cookies, and extending the session without the cookie would leave the
 * browser's copy to expire first. The pages' own API calls do the extending.
 */
export async function userFromRequestHeaders(
  auth: Auth,
  headers: Headers,
  options: { refresh?: boolean } = {},
): Promise<AuthUser | null> {
  const session = await auth.api.getSession({ headers, query: { disableRefresh: !options.refresh } });
  if (!session) return null;
  const { id, email, name, role } = session.user;
  // An unknown role (a hand-edited row) gets the least access.
  const parsedRole: Role = roleSchema.safeParse(role).data ?? "viewer";
  return { id, email, name, role: parsedRole };
}

/** 401 without a user; 403 when the action needs a role the user lacks. */
export function assertAllowed(user: AuthUser | null, needs: Role = "viewer"): AuthUser {
  if (!user) throw new ApiError(401, "unauthorized", "Sign in to continue.");
  if (needs === "admin" && user.role !== "admin") throw new ApiError(403, "forbidden", "Only an admin can do this.");
  return user;
}
