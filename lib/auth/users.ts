import { z } from "zod";
import { ENVIRONMENT_ACTOR, recordAudit, type AuditActor } from "../audit";
import type { Db } from "../db/client";
import { countUsers } from "../db/queries/users";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";
import type { Auth } from "./server";
import { roleSchema, type AuthUser } from "./types";

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("must be an email address")),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
  name: z.string().trim().max(200).optional(),
  role: roleSchema.default("viewer"),
});

export type NewUser = z.input<typeof newUserSchema>;

export type CreateUserResult = { status: "created"; user: AuthUser } | { status: "exists"; user: AuthUser };

/**
 * Creates an account that signs in with email and password (the hash is better-auth's scrypt), or reports the
 * one that already has this email, untouched: an existing password or role is never overwritten.
 * Throws a ZodError for a bad email, a short password or an unknown role. With `audit`, a new account is written to
 * the audit log (email, name and role; never the password).
 */
export async function createUserAccount(
  auth: Auth,
  input: NewUser,
  audit?: { db: Db; actor: AuditActor },
): Promise<CreateUserResult> {
  const { email, password, name, role } = newUserSchema.parse(input);
  const context = await auth.$context;
  const existing = await context.internalAdapter.findUserByEmail(email);
  if (existing) return { status: "exists", user: toAuthUser(existing.user) };

  const hash = await context.password.hash(password);
  let created;
  try {
    created = await context.internalAdapter.createUser(
      { email, name: name || email.split("@")[0], emailVerified: true, role },
      { method: "admin" },
    );
  } catch (error) {
    // Another process created it first (ADMIN_EMAIL on two app processes starting together).
    const raced = await context.internalAdapter.findUserByEmail(email);
    if (raced) return { status: "exists", user: toAuthUser(raced.user) };
    throw error;
  }
  try {
    await context.internalAdapter.linkAccount({
      userId: created.id,
      providerId: "credential",
      accountId: created.id,
      password: hash,
    });
  } catch (error) {
    await context.internalAdapter.deleteUser(created.id).catch(() => {});
    throw error;
  }
  const user = toAuthUser(created);
  if (audit)
    await recordAudit(audit.db, {
      actor: audit.actor,
      action: "users.create",
      target: user.email,
      after: { id: user.id, email: user.email, name: user.name, role: user.role },
    });
  return { status: "created", user };
}

function toAuthUser(user: { id: string; email: string; name: string; role?: unknown }): AuthUser {
  return { id: user.id, email: user.email, name: user.name, role: roleSchema.safeParse(user.role).data ?? "viewer" };
}

/**
 * At start: the admin named by ADMIN_EMAIL / ADMIN_PASSWORD, created when no account has that email. Without
 * them, and with no account at all, says how to create one.
 */
export async function ensureFirstAdmin(
  auth: Auth,
  db: Db,
  options: { email?: string; password?: string; log?: (message: string) => void },
): Promise<CreateUserResult | null> {
  const log = options.log ?? console.log;
  if (!options.email || !options.password) {
    if ((await countUsers(db)) === 0) {
      log(
        "[frontline] no accounts yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `npm run user:create -- --email … --password … --role admin`",
      );
    }
    return null;
  }
  const result = await createUserAccount(
    auth,
    { email: options.email, password: options.password, name: "Admin", role: "admin" },
    { db, actor: ENVIRONMENT_ACTOR },
  );
  if (result.status === "created") log(`[frontline] created admin ${result.user.email}`);
  else
    log(
      `[frontline] ADMIN_EMAIL ${result.user.email} already has an account (${result.user.role}); its password is left as it is`,
    );
  return result;
}
