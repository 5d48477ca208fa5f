import { z } from "zod";
import { ROLES, type Role } from "../domain";

export { ROLES, type Role };
export const roleSchema = z.enum(ROLES, { message: "must be admin or viewer" });

/** The signed-in person, as pages and routes see them (no session token, no password). */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}
