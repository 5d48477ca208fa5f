// Settings → Users: an admin lists the accounts and their open sign-ins, changes a role, signs a person out and
// removes an account. Every change is audited. A session ends at once: each request looks its token up in the
// database (no cookie cache), so a deleted session row is a signed-out browser on its next request.
import { recordAudit, type AuditActor } from "../audit";
import { ApiError } from "../api/errors";
import type { Db } from "../db/client";
import {
  deleteSessions,
  deleteUser,
  findUserById,
  listOpenSessions,
  listUsersWithSessions,
  lockAdmins,
  updateUserRole,
} from "../db/queries/users";
import type { Role } from "./types";

/** One row of GET /api/users. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** ISO 8601. */
  createdAt: string;
  /** Sign-ins not yet expired. */
  openSessions: number;
  /** When one of them was last used (refreshed at most once a day); null without any. */
  lastActiveAt: string | null;
}

export interface UsersResponse {
  users: UserView[];
}

/** One row of GET /api/users/[id]/sessions. */
export interface UserSessionView {
  id: string;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
  ipAddress: string | null;
  userAgent: string | null;
  /** The session the admin is using to look at this list. */
  current: boolean;
}

export interface UserSessionsResponse {
  user: UserView;
  sessions: UserSessionView[];
}

function toIso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export async function listUsers(db: Db, now = new Date()): Promise<UserView[]> {
  const rows = await listUsersWithSessions(db, now);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), lastActiveAt: toIso(row.lastActiveAt) }));
}

async function existingUser(db: Db, id: string) {
  const user = await findUserById(db, id);
  if (!user) throw new ApiError(404, "not_found", "No such user.");
  return user;
}

export async function userSessions(
  db: Db,
  userId: string,
  currentSessionId: string | null,
  now = new Date(),
): Promise<UserSessionsResponse> {
  await existingUser(db, userId);
  const user = (await listUsers(db, now)).find((row) => row.id === userId);
  if (!user) throw new ApiError(404, "not_found", "No such user.");
  const sessions = await listOpenSessions(db, userId, now);
  return {
    user,
    sessions: sessions.map((session) => ({
      id: session.id,
      createdAt: session.createdAt.toISOString(),
      lastActiveAt: session.lastActiveAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      ipAddress: session.ipAddress,
      userAgent: session.userAgent,
      current: session.id === currentSessionId,
    })),
  };
}

/** Refuses a change that would leave Frontline without an admin: nobody could then change a setting. */
async function keepAnAdmin(tx: Db, userId: string, doing: string): Promise<void> {
  const admins = await lockAdmins(tx);
  if (admins.length === 1 && admins[0] === userId) {
    throw new ApiError(409, "last_admin", `This is the only admin: make another user an admin before you ${doing}.`);
  }
}

export async function changeRole(db: Db, actor: AuditActor, userId: string, role: Role): Promise<UserView> {
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const user = await existingUser(tx, userId);
    if (user.role === role) return;
    if (user.role === "admin") await keepAnAdmin(tx, userId, "make this one a viewer");
    await updateUserRole(tx, userId, role);
    await recordAudit(tx, {
      actor,
      action: "users.role",
      target: user.email,
      before: { role: user.role },
      after: { role },
    });
  });
  const updated = (await listUsers(db)).find((row) => row.id === userId);
  if (!updated) throw new ApiError(404, "not_found", "No such user.");
  return updated;
}

/** Signs the user out of one session (`sessionId`) or all of them; returns how many ended. */
export async function revokeSessions(db: Db, actor: AuditActor, userId: string, sessionId?: string): Promise<number> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const user = await existingUser(tx, userId);
    const ended = await deleteSessions(tx, userId, new Date(), sessionId);
    if (sessionId && ended === 0)
      throw new ApiError(404, "not_found", "No such session: it was signed out or has expired.");
    await recordAudit(tx, {
      actor,
      action: "users.sessions.revoke",
      target: user.email,
      after: { sessions: ended, ...(sessionId ? { session: sessionId } : {}) },
    });
    return ended;
  });
}

/**
 * Removes the account: its sessions end at once, its password and saved views go, and what it did stays in the
 * audit log under its email. An admin cannot remove themselves (ask another admin) nor the last admin, nor the
 * account ADMIN_EMAIL names (`environmentAdmin`): the next start would create it again.
 */
export async function removeUser(
  db: Db,
  actor: AuditActor,
  userId: string,
  { environmentAdmin }: { environmentAdmin?: string } = {},
): Promise<void> {
  if (actor.id === userId) throw new ApiError(409, "self", "You cannot remove your own account: ask another admin.");
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const user = await existingUser(tx, userId);
    if (environmentAdmin && user.email === environmentAdmin.trim().toLowerCase()) {
      throw new ApiError(
        409,
        "environment_admin",
        `${user.email} is the ADMIN_EMAIL account, created again at every start: unset ADMIN_EMAIL and ADMIN_PASSWORD first.`,
      );
    }
    if (user.role === "admin") await keepAnAdmin(tx, userId, "remove this one");
    await deleteUser(tx, userId);
    await recordAudit(tx, {
      actor,
      action: "users.remove",
      target: user.email,
      before: { email: user.email, name: user.name, role: user.role },
      after: null,
    });
  });
}
