import { z } from "zod";

export const ROLES = ["admin", "viewer"] as const;
export const roleSchema = z.enum(ROLES, { message: "must be admin or viewer" });

/** admin: settings, re-running events, users. viewer: reads the Inbox, reports and troubleshooting. */
export type Role = z.infer<typeof roleSchema>;

/** The signed-in person, as pages and routes see them (no session token, no password). */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}
