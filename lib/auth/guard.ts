import { ApiError } from "../api/errors";

export type Role = "admin" | "viewer";

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in user of the current request, or ApiError 401.
 * PLACEHOLDER until sign-in lands: everyone is treated as an admin.
 */
export async function requireUser(): Promise<AuthUser> {
  return { id: "placeholder", email: "admin@example.com", name: "Admin", role: "admin" };
}

/** The signed-in user if they are an admin; ApiError 401 when signed out, 403 for a viewer. */
export async function requireAdmin(): Promise<AuthUser> {
  const user = await requireUser();
  if (user.role !== "admin") throw new ApiError(403, "forbidden", "Only an admin can do this.");
  return user;
}
