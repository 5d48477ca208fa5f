import { and, asc, count, desc, eq, gt, max, sql } from "drizzle-orm";
import type { Role } from "../../domain";
import type { Db } from "../client";
import { authSessions, users } from "../schema";

// Accounts are created through better-auth (lib/auth/users.ts), which owns their shape; Settings → Users
// (lib/auth/user-admin.ts) changes a role and deletes sessions and accounts here.

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ value: count() }).from(users);
  return row?.value ?? 0;
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

/** A user as Settings → Users lists them: who, their role, and their sign-ins still open at `now`. */
export async function listUsersWithSessions(db: Db, now: Date) {
  const open = db
    .select({
      userId: authSessions.userId,
      sessions: count().as("sessions"),
      lastActiveAt: max(authSessions.updatedAt).as("last_active_at"),
    })
    .from(authSessions)
    .where(gt(authSessions.expiresAt, now))
    .groupBy(authSessions.userId)
    .as("open_sessions");
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      openSessions: sql<number>`coalesce(${open.sessions}, 0)`.mapWith(Number),
      lastActiveAt: open.lastActiveAt,
    })
    .from(users)
    .leftJoin(open, eq(open.userId, users.id))
    .orderBy(asc(users.email));
}

export async function findUserById(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

/** A user's sign-ins still open at `now`, most recently used first. Never the token: it is the cookie's secret. */
export async function listOpenSessions(db: Db, userId: string, now: Date) {
  return db
    .select({
      id: authSessions.id,
      createdAt: authSessions.createdAt,
      lastActiveAt: authSessions.updatedAt,
      expiresAt: authSessions.expiresAt,
      ipAddress: authSessions.ipAddress,
      userAgent: authSessions.userAgent,
    })
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), gt(authSessions.expiresAt, now)))
    .orderBy(desc(authSessions.updatedAt), asc(authSessions.id));
}

/**
 * Ends a user's sign-ins (one of them with `sessionId`); the next request with that cookie is signed out. Expired
 * rows go too, but the count is of the sessions that were still open at `now`, as the admin saw them.
 */
export async function deleteSessions(db: Db, userId: string, now: Date, sessionId?: string): Promise<number> {
  const where = sessionId
    ? and(eq(authSessions.userId, userId), eq(authSessions.id, sessionId))
    : eq(authSessions.userId, userId);
  const deleted = await db.delete(authSessions).where(where).returning({ expiresAt: authSessions.expiresAt });
  return deleted.filter((row) => row.expiresAt > now).length;
}

/**
 * The admins, locked until the transaction ends: a check "is another admin left?" followed by a change holds even
 * when two admins demote each other at the same moment.
 */
export async function lockAdmins(db: Db): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).for("update");
  return rows.map((row) => row.id);
}

export async function updateUserRole(db: Db, id: string, role: Role): Promise<void> {
  await db.update(users).set({ role }).where(eq(users.id, id));
}

/** Removes the user; their sign-ins, password and saved views go with them (foreign keys cascade). */
export async function deleteUser(db: Db, id: string): Promise<boolean> {
  const deleted = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  return deleted.length > 0;
}
