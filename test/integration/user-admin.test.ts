import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { actorOf } from "@/lib/audit";
import { createAuth, type Auth } from "@/lib/auth/server";
import { userFromRequestHeaders } from "@/lib/auth/session-user";
import type { AuthUser } from "@/lib/auth/types";
import { changeRole, listUsers, removeUser, revokeSessions, userSessions } from "@/lib/auth/user-admin";
import { createUserAccount } from "@/lib/auth/users";
import type { Database } from "@/lib/db/client";
import { listAuditEntries } from "@/lib/db/queries/audit";
import { authAccounts, authSessions, savedViews, users } from "@/lib/db/schema";
import { createTestDatabase, dbKinds } from "../helpers/db";

// Settings → Users on a real database: the test signs people in through better-auth's own HTTP handler (as the
// browser does) and then checks, with the cookies it got, that an admin's revoke or removal signs them out at once.

const APP_URL = "http://localhost:3000";
const SECRET = "test-secret-test-secret-test-secret-0123";
const PASSWORD = "a-long-enough-password";

let ipSequence = 0;

/** Signs in (a client address of its own, so the per-address limit never interferes) and returns the Cookie header. */
async function signIn(auth: Auth, email: string, userAgent = "test-browser"): Promise<string> {
  ipSequence += 1;
  const response = await auth.handler(
    new Request(`${APP_URL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": `10.30.0.${ipSequence}`,
        "user-agent": userAgent,
      },
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
  );
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe.each(dbKinds())("Settings → Users on %s", (kind) => {
  let database: Database;
  let auth: Auth;
  let admin: AuthUser;
  let viewer: AuthUser;

  const whoIs = (cookie: string) => userFromRequestHeaders(auth, new Headers({ cookie }));
  const create = async (email: string, role: "admin" | "viewer") => {
    const result = await createUserAccount(auth, { email, password: PASSWORD, role });
    return result.user;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    auth = createAuth({ db: database.db, secret: SECRET, appUrl: APP_URL });
    admin = await create("admin@frontline.test", "admin");
    viewer = await create("viewer@frontline.test", "viewer");
  });
  afterAll(async () => {
    await database?.close();
  });

  it("lists every user with their open sessions, and each session without its token", async () => {
    const laptop = await signIn(auth, viewer.email, "Laptop browser");
    await signIn(auth, viewer.email, "Phone browser");
    const listed = await listUsers(database.db);
    expect(listed.map((user) => [user.email, user.role])).toEqual([
      ["admin@frontline.test", "admin"],
      ["viewer@frontline.test", "viewer"],
    ]);
    expect(listed.find((user) => user.id === viewer.id)).toMatchObject({
      openSessions: 2,
      lastActiveAt: expect.any(String),
    });
    expect(listed.find((user) => user.id === admin.id)).toMatchObject({ openSessions: 0, lastActiveAt: null });

    // An expired session is not open: it is neither counted nor listed.
    const [expired] = await database.db
      .insert(authSessions)
      .values({
        id: "expired-session",
        token: "expired-token",
        userId: viewer.id,
        expiresAt: new Date(Date.now() - 1000),
      })
      .returning();
    expect((await listUsers(database.db)).find((user) => user.id === viewer.id)?.openSessions).toBe(2);

    const { sessions } = await userSessions(database.db, viewer.id, null);
    expect(sessions.map((session) => session.userAgent).sort()).toEqual(["Laptop browser", "Phone browser"]);
    expect(sessions.map((session) => session.id)).not.toContain(expired.id);
    const tokens = (await database.db.select({ token: authSessions.token }).from(authSessions)).map((row) => row.token);
    for (const token of tokens) expect(JSON.stringify(sessions)).not.toContain(token);
    expect(await whoIs(laptop)).toMatchObject({ email: viewer.email });
    // Signing out everywhere removes the expired row too, but counts only the sessions that were open.
    expect(await revokeSessions(database.db, actorOf(admin), viewer.id)).toBe(2);
    expect(await database.db.select().from(authSessions).where(eq(authSessions.userId, viewer.id))).toEqual([]);
  });

  it("signs a user out of one session, then everywhere, at once; the audit log says who did it", async () => {
    const laptop = await signIn(auth, viewer.email, "Work laptop");
    const phone = await signIn(auth, viewer.email, "Work phone");
    const { sessions } = await userSessions(database.db, viewer.id, null);
    const laptopSession = sessions.find((session) => session.userAgent === "Work laptop");

    expect(await revokeSessions(database.db, actorOf(admin), viewer.id, laptopSession!.id)).toBe(1);
    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(phone)).toMatchObject({ email: viewer.email });
    await expect(revokeSessions(database.db, actorOf(admin), viewer.id, laptopSession!.id)).rejects.toMatchObject({
      status: 404,
    });
    // A session id of another user cannot be ended through this user.
    const adminCookie = await signIn(auth, admin.email);
    const adminSession = (await userSessions(database.db, admin.id, null)).sessions[0];
    await expect(revokeSessions(database.db, actorOf(admin), viewer.id, adminSession.id)).rejects.toMatchObject({
      status: 404,
    });
    expect(await whoIs(adminCookie)).toMatchObject({ email: admin.email });

    const remaining = (await userSessions(database.db, viewer.id, null)).sessions.length;
    expect(remaining).toBe(sessions.length - 1);
    expect(await revokeSessions(database.db, actorOf(admin), viewer.id)).toBe(remaining);
    expect(await whoIs(phone)).toBeNull();
    expect((await userSessions(database.db, viewer.id, null)).sessions).toEqual([]);

    const { entries } = await listAuditEntries(database.db, { action: "users.sessions.revoke", limit: 2 });
    expect(entries.map((entry) => [entry.actorEmail, entry.target, entry.after])).toEqual([
      [admin.email, viewer.email, { sessions: remaining }],
      [admin.email, viewer.email, { sessions: 1, session: laptopSession!.id }],
    ]);
  });

  it("changes a role, effective on the next request, and never leaves Frontline without an admin", async () => {
    const cookie = await signIn(auth, viewer.email);
    expect((await changeRole(database.db, actorOf(admin), viewer.id, "admin")).role).toBe("admin");
    expect(await whoIs(cookie)).toMatchObject({ role: "admin" });
    expect((await changeRole(database.db, actorOf(admin), viewer.id, "viewer")).role).toBe("viewer");
    expect(await whoIs(cookie)).toMatchObject({ role: "viewer" });

    await expect(changeRole(database.db, actorOf(admin), admin.id, "viewer")).rejects.toMatchObject({
      status: 409,
      code: "last_admin",
    });
    expect((await listUsers(database.db)).find((user) => user.id === admin.id)?.role).toBe("admin");
    await expect(changeRole(database.db, actorOf(admin), "no-such-user", "admin")).rejects.toMatchObject({
      status: 404,
    });

    const { entries } = await listAuditEntries(database.db, { action: "users.role", limit: 10 });
    expect(entries.map((entry) => [entry.target, entry.before, entry.after])).toEqual([
      [viewer.email, { role: "admin" }, { role: "viewer" }],
      [viewer.email, { role: "viewer" }, { role: "admin" }],
    ]);
  });

  it("removes a user: their sessions end at once, their password and saved views go, the audit log keeps their email", async () => {
    const leaver = await create("leaver@frontline.test", "admin");
    const cookie = await signIn(auth, leaver.email);
    await database.db.insert(savedViews).values({ userId: leaver.id, name: "Mine", query: "channel=voice" });
    expect(await whoIs(cookie)).toMatchObject({ email: leaver.email });

    // The leaver did something an admin does: the row stays after they go, with their email.
    await changeRole(database.db, actorOf(leaver), viewer.id, "admin");
    await changeRole(database.db, actorOf(admin), viewer.id, "viewer");

    await expect(removeUser(database.db, actorOf(admin), admin.id)).rejects.toMatchObject({
      status: 409,
      code: "self",
    });
    await removeUser(database.db, actorOf(admin), leaver.id);
    expect(await whoIs(cookie)).toBeNull();
    expect(await database.db.select().from(users).where(eq(users.id, leaver.id))).toEqual([]);
    expect(await database.db.select().from(authAccounts).where(eq(authAccounts.userId, leaver.id))).toEqual([]);
    expect(await database.db.select().from(authSessions).where(eq(authSessions.userId, leaver.id))).toEqual([]);
    expect(await database.db.select().from(savedViews).where(eq(savedViews.userId, leaver.id))).toEqual([]);
    await expect(removeUser(database.db, actorOf(admin), leaver.id)).rejects.toMatchObject({ status: 404 });

    const removed = await listAuditEntries(database.db, { action: "users.remove", limit: 10 });
    expect(removed.entries.map((entry) => [entry.actorEmail, entry.target, entry.before])).toEqual([
      [admin.email, leaver.email, { email: leaver.email, name: "leaver", role: "admin" }],
    ]);
    const byLeaver = await listAuditEntries(database.db, { actor: leaver.email, limit: 10 });
    expect(byLeaver.entries.map((entry) => [entry.actorId, entry.actorEmail, entry.action])).toEqual([
      [null, leaver.email, "users.role"],
    ]);
  });

  it("refuses to remove the ADMIN_EMAIL account, which the next start would create again", async () => {
    const fromEnvironment = await create("boss@frontline.test", "viewer");
    await expect(
      removeUser(database.db, actorOf(admin), fromEnvironment.id, { environmentAdmin: " Boss@Frontline.test " }),
    ).rejects.toMatchObject({ status: 409, code: "environment_admin" });
    expect(await database.db.select().from(users).where(eq(users.id, fromEnvironment.id))).toHaveLength(1);
    await removeUser(database.db, actorOf(admin), fromEnvironment.id, {
      environmentAdmin: "someone-else@frontline.test",
    });
  });

  it("refuses to remove the last admin, even when asked by someone who is no longer one", async () => {
    const other = await create("other-admin@frontline.test", "admin");
    await removeUser(database.db, actorOf(admin), other.id);
    const onlyAdmin = (await listUsers(database.db)).filter((user) => user.role === "admin");
    expect(onlyAdmin.map((user) => user.email)).toEqual([admin.email]);
    await expect(removeUser(database.db, actorOf(viewer), admin.id)).rejects.toMatchObject({
      status: 409,
      code: "last_admin",
    });
  });
});
