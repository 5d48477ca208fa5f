import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { backoffSeconds, FREE_FAILURES, MAX_WAIT_SECONDS } from "@/lib/auth/account-backoff";
import { hasSessionCookie, SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/lib/auth/cookie";
import { loginPath, safeNextPath } from "@/lib/auth/next-path";
import { loadAuthSecret } from "@/lib/auth/secret";
import { createAuth, SIGN_IN_RATE_LIMIT, type Auth } from "@/lib/auth/server";
import { assertAllowed, userFromRequestHeaders } from "@/lib/auth/session-user";
import type { Role } from "@/lib/auth/types";
import { createUserAccount, ensureFirstAdmin } from "@/lib/auth/users";
import { ConfigError, parseConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { authAccounts, authRateLimits, authSessions, users } from "@/lib/db/schema";
import { createTestDatabase, dbKinds } from "../helpers/db";

// The guard reads the request's headers through next/headers and the process's auth through getAuth(): both are
// pointed at this file's test doubles.
const current = vi.hoisted(() => ({ headers: new Headers(), auth: undefined as unknown }));
vi.mock("next/headers", () => ({ headers: async () => current.headers }));
vi.mock("@/lib/auth/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/server")>()),
  getAuth: async () => current.auth,
}));

const { requireAdmin, requireUser } = await import("@/lib/auth/guard");

const APP_URL = "http://localhost:3000";
const SECRET = "test-secret-test-secret-test-secret-0123";
const ADMIN = { email: "admin@frontline.test", password: "admin-password-1" };
const VIEWER = { email: "viewer@frontline.test", password: "viewer-password-1" };

let ipSequence = 0;
/** A client address of its own, so one test's sign-ins never use up another's rate-limit budget. */
function freshIp(): string {
  ipSequence += 1;
  return `10.20.${Math.floor(ipSequence / 250)}.${(ipSequence % 250) + 1}`;
}

function signInRequest(credentials: { email: string; password: string }, ip = freshIp(), appUrl = APP_URL): Request {
  return new Request(`${appUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify(credentials),
  });
}

/** Signs in through better-auth's HTTP handler (as the browser does) and returns the Cookie header to send back. */
async function signIn(auth: Auth, credentials: { email: string; password: string }): Promise<string> {
  const response = await auth.handler(signInRequest(credentials));
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe("sign-in helpers", () => {
  it("keeps `next` on this site and never on the sign-in page or the API", () => {
    expect(safeNextPath("/inbox/123?tab=steps")).toBe("/inbox/123?tab=steps");
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      undefined,
      "/login?next=/x",
      "/api/sessions",
      "/in\nbox",
    ]) {
      expect(safeNextPath(bad)).toBe("/inbox");
    }
    expect(safeNextPath(["/reports", "/x"])).toBe("/reports");
    expect(loginPath("/troubleshooting?conversation=cnv_1")).toBe(
      "/login?next=%2Ftroubleshooting%3Fconversation%3Dcnv_1",
    );
    expect(loginPath("/inbox")).toBe("/login");
    expect(loginPath(null)).toBe("/login");
  });

  it("spots a session cookie by name only (the proxy's cheap check)", () => {
    expect(hasSessionCookie(new Map([[SESSION_COOKIE, "x"]]))).toBe(true);
    expect(hasSessionCookie(new Map([[SECURE_SESSION_COOKIE, "x"]]))).toBe(true);
    expect(hasSessionCookie(new Map([["better-auth.session_token", "x"]]))).toBe(false);
  });

  it("generates the secret into the data directory once, and prefers BETTER_AUTH_SECRET", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "frontline-auth-secret-"));
    const logs: string[] = [];
    const first = loadAuthSecret({ dataDir: dir, log: (line) => logs.push(line) });
    const second = loadAuthSecret({ dataDir: dir, log: (line) => logs.push(line) });
    expect(first).toBe(second);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(logs).toEqual([expect.stringContaining("BETTER_AUTH_SECRET is not set")]);
    expect(readFileSync(path.join(dir, "auth.secret"), "utf8").trim()).toBe(first);
    expect(loadAuthSecret({ envSecret: SECRET, dataDir: "/nonexistent" })).toBe(SECRET);
    rmSync(dir, { recursive: true, force: true });
  });

  it("checks the account variables, one line each", () => {
    expect(parseConfig({ ADMIN_EMAIL: "a@b.co", ADMIN_PASSWORD: "0123456789" })).toMatchObject({
      ADMIN_EMAIL: "a@b.co",
      ADMIN_PASSWORD: "0123456789",
    });
    let error: unknown;
    try {
      parseConfig({ ADMIN_EMAIL: "not-an-email", ADMIN_PASSWORD: "short", BETTER_AUTH_SECRET: "tiny" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.find((line) => line.startsWith("ADMIN_EMAIL"))).toContain("email");
    expect(problems.find((line) => line.startsWith("ADMIN_PASSWORD"))).toMatch(/at least 10 characters \(got '…'\)/);
    expect(problems.find((line) => line.startsWith("BETTER_AUTH_SECRET"))).toContain("32 characters");
    expect(() => parseConfig({ ADMIN_EMAIL: "a@b.co" })).toThrow(/ADMIN_PASSWORD is required when ADMIN_EMAIL is set/);
    expect(() => parseConfig({ ADMIN_PASSWORD: "0123456789" })).toThrow(
      /ADMIN_EMAIL is required when ADMIN_PASSWORD is set/,
    );
  });

  it("answers 401 without a user and 403 for a viewer on an admin action", () => {
    const viewer = { id: "u1", email: "v@x.co", name: "V", role: "viewer" as const };
    expect(() => assertAllowed(null)).toThrow(expect.objectContaining({ status: 401, code: "unauthorized" }));
    expect(assertAllowed(viewer)).toBe(viewer);
    expect(() => assertAllowed(viewer, "admin")).toThrow(expect.objectContaining({ status: 403, code: "forbidden" }));
    expect(assertAllowed({ ...viewer, role: "admin" }, "admin").role).toBe("admin");
  });
});

describe.each(dbKinds())("accounts and sessions on %s", (kind) => {
  let database: Database;
  let auth: Auth;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    auth = createAuth({ db: database.db, secret: SECRET, appUrl: APP_URL });
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(() => {
    current.auth = auth;
    current.headers = new Headers();
  });

  it("creates the first admin from ADMIN_EMAIL once, and never changes its password afterwards", async () => {
    const logs: string[] = [];
    const log = (line: string) => logs.push(line);
    expect(await ensureFirstAdmin(auth, database.db, { log })).toBeNull();
    expect(logs).toEqual([expect.stringContaining("no accounts yet")]);

    const first = await ensureFirstAdmin(auth, database.db, {
      email: "Admin@Frontline.test",
      password: ADMIN.password,
      log,
    });
    expect(first).toMatchObject({ status: "created", user: { email: ADMIN.email, role: "admin" } });
    expect(logs.at(-1)).toBe(`[frontline] created admin ${ADMIN.email}`);

    const again = await ensureFirstAdmin(auth, database.db, {
      email: ADMIN.email,
      password: "another-password-2",
      log,
    });
    expect(again?.status).toBe("exists");
    expect(logs.at(-1)).toContain("already has an account");
    expect((await auth.handler(signInRequest({ email: ADMIN.email, password: "another-password-2" }))).status).toBe(
      401,
    );
    await signIn(auth, ADMIN);

    // The password is a scrypt hash (better-auth's "salt:key" hex), never the password itself.
    const [account] = await database.db
      .select()
      .from(authAccounts)
      .innerJoin(users, eq(users.id, authAccounts.userId))
      .where(eq(users.email, ADMIN.email));
    expect(account.auth_accounts.providerId).toBe("credential");
    expect(account.auth_accounts.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(account.auth_accounts.password).not.toContain(ADMIN.password);
  });

  it("creates viewers by default, refuses short passwords and duplicate emails", async () => {
    const created = await createUserAccount(auth, { ...VIEWER, name: "Vera Viewer" });
    expect(created).toMatchObject({
      status: "created",
      user: { email: VIEWER.email, name: "Vera Viewer", role: "viewer" },
    });
    expect((await createUserAccount(auth, { ...VIEWER, role: "admin" })).status).toBe("exists");
    const [row] = await database.db.select().from(users).where(eq(users.email, VIEWER.email));
    expect(row.role).toBe("viewer");
    await expect(createUserAccount(auth, { email: "short@frontline.test", password: "123456789" })).rejects.toThrow(
      /at least 10 characters/,
    );
    await expect(createUserAccount(auth, { email: "nobody", password: "long-enough-password" })).rejects.toThrow(
      /email/,
    );
    await expect(
      database.db
        .update(users)
        .set({ role: "owner" as Role })
        .where(eq(users.email, VIEWER.email)),
    ).rejects.toThrow();
  });

  it("signs in with an HttpOnly, SameSite=Lax cookie that lasts a week; wrong passwords and unknown emails get 401", async () => {
    const response = await auth.handler(signInRequest(ADMIN));
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).toMatch(/Max-Age=604800/);

    const token = decodeURIComponent(cookie!.split(";")[0].split("=")[1]).split(".")[0];
    const [session] = await database.db.select().from(authSessions).where(eq(authSessions.token, token));
    const days = (session.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    expect((await auth.handler(signInRequest({ ...ADMIN, password: "wrong-password" }))).status).toBe(401);
    expect(
      (await auth.handler(signInRequest({ email: "nobody@frontline.test", password: "wrong-password" }))).status,
    ).toBe(401);
  });

  it("marks cookies Secure when APP_URL is https", async () => {
    const secureAuth = createAuth({ db: database.db, secret: SECRET, appUrl: "https://frontline.example.com" });
    const response = await secureAuth.handler(signInRequest(ADMIN, freshIp(), "https://frontline.example.com"));
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SECURE_SESSION_COOKIE}=`));
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it("offers no public sign-up and no way to change one's own role", async () => {
    const signUp = await auth.handler(
      new Request(`${APP_URL}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": freshIp() },
        body: JSON.stringify({ email: "mallory@frontline.test", password: "mallory-password", name: "Mallory" }),
      }),
    );
    expect(signUp.status).toBeGreaterThanOrEqual(400);
    expect(await database.db.select().from(users).where(eq(users.email, "mallory@frontline.test"))).toHaveLength(0);

    const cookie = await signIn(auth, VIEWER);
    const update = await auth.handler(
      new Request(`${APP_URL}/api/auth/update-user`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: APP_URL, "x-forwarded-for": freshIp() },
        body: JSON.stringify({ role: "admin", name: "Now an admin?" }),
      }),
    );
    expect(update.status).toBeGreaterThanOrEqual(400);
    const [row] = await database.db.select().from(users).where(eq(users.email, VIEWER.email));
    expect(row).toMatchObject({ role: "viewer", name: "Vera Viewer" });
  });

  it("requireUser and requireAdmin: 401 signed out or with a forged cookie, 403 for a viewer, the user otherwise", async () => {
    await expect(requireUser()).rejects.toMatchObject({ status: 401 });
    await expect(requireAdmin()).rejects.toMatchObject({ status: 401 });

    current.headers = new Headers({ cookie: `${SESSION_COOKIE}=forged.token` });
    await expect(requireUser()).rejects.toBeInstanceOf(ApiError);

    current.headers = new Headers({ cookie: await signIn(auth, VIEWER) });
    expect(await requireUser()).toMatchObject({ email: VIEWER.email, role: "viewer", name: "Vera Viewer" });
    await expect(requireAdmin()).rejects.toMatchObject({ status: 403, code: "forbidden" });

    current.headers = new Headers({ cookie: await signIn(auth, ADMIN) });
    expect(await requireAdmin()).toMatchObject({ email: ADMIN.email, role: "admin" });
  });

  it("reads the role from the database on every request, and refuses an expired or signed-out session", async () => {
    const cookie = await signIn(auth, VIEWER);
    const headers = new Headers({ cookie });
    expect((await userFromRequestHeaders(auth, headers))?.role).toBe("viewer");

    await database.db.update(users).set({ role: "admin" }).where(eq(users.email, VIEWER.email));
    expect((await userFromRequestHeaders(auth, headers))?.role).toBe("admin");
    await database.db.update(users).set({ role: "viewer" }).where(eq(users.email, VIEWER.email));

    const token = decodeURIComponent(cookie.split("=")[1]).split(".")[0];
    await database.db
      .update(authSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authSessions.token, token));
    expect(await userFromRequestHeaders(auth, headers)).toBeNull();

    const other = new Headers({ cookie: await signIn(auth, VIEWER) });
    const signOut = await auth.handler(
      new Request(`${APP_URL}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie: other.get("cookie")!, origin: APP_URL, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(signOut.status).toBe(200);
    expect(await userFromRequestHeaders(auth, other)).toBeNull();
  });

  it("extends a day-old session only where the renewed cookie can be sent (route handlers, not pages)", async () => {
    const cookie = await signIn(auth, VIEWER);
    const token = decodeURIComponent(cookie.split("=")[1]).split(".")[0];
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    const aged = new Date(twoDaysAgo + 7 * 86_400_000);
    await database.db
      .update(authSessions)
      .set({ expiresAt: aged, updatedAt: new Date(twoDaysAgo) })
      .where(eq(authSessions.token, token));
    const expiresAt = async () =>
      (await database.db.select().from(authSessions).where(eq(authSessions.token, token)))[0].expiresAt.getTime();

    expect((await userFromRequestHeaders(auth, new Headers({ cookie })))?.role).toBe("viewer");
    expect(await expiresAt()).toBe(aged.getTime());

    current.headers = new Headers({ cookie });
    await requireUser();
    expect(await expiresAt()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
  });

  it(`limits sign-in to ${SIGN_IN_RATE_LIMIT.max} attempts a minute per client address, counted in the database`, async () => {
    const ip = freshIp();
    for (let attempt = 1; attempt <= SIGN_IN_RATE_LIMIT.max; attempt += 1) {
      expect((await auth.handler(signInRequest({ ...ADMIN, password: `wrong-${attempt}` }, ip))).status).toBe(401);
    }
    const refused = await auth.handler(signInRequest(ADMIN, ip));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("x-retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("x-retry-after"))).toBeLessThanOrEqual(SIGN_IN_RATE_LIMIT.window);

    // Another address is unaffected; the count lives in auth_rate_limits, shared by every app process.
    expect((await auth.handler(signInRequest(ADMIN, freshIp()))).status).toBe(200);
    const [row] = await database.db
      .select()
      .from(authRateLimits)
      .where(eq(authRateLimits.key, `${ip}|/sign-in/email`));
    expect(row?.count).toBe(SIGN_IN_RATE_LIMIT.max);
  });

  it(`makes an account wait after ${FREE_FAILURES} wrong passwords in a row, from any addresses; a right password resets it`, async () => {
    const account = { email: "guessed@frontline.test", password: "guessed-password-1" };
    await createUserAccount(auth, account);
    // Each guess from an address of its own: the per-address limit never applies.
    for (let attempt = 1; attempt <= FREE_FAILURES; attempt += 1) {
      expect((await auth.handler(signInRequest({ ...account, password: `guess-${attempt}` }))).status).toBe(401);
    }
    const refused = await auth.handler(signInRequest(account));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      code: "ACCOUNT_BACKOFF",
      message: "Too many wrong passwords for this account: wait 30 seconds and try again.",
    });
    expect(Number(refused.headers.get("x-retry-after"))).toBe(30);
    // Other accounts are not held back.
    expect((await auth.handler(signInRequest(ADMIN))).status).toBe(200);

    // Once the wait is over, the right password works and the count starts again.
    const key = `account-backoff:${account.email}`;
    await database.db
      .update(authRateLimits)
      .set({ lastRequest: Date.now() - 31_000 })
      .where(eq(authRateLimits.key, key));
    expect((await auth.handler(signInRequest(account))).status).toBe(200);
    expect(await database.db.select().from(authRateLimits).where(eq(authRateLimits.key, key))).toEqual([]);
  });
});

describe("the per-account backoff", () => {
  it("waits nothing for the first failures, then 30 s doubling to 15 minutes", () => {
    expect(backoffSeconds(0)).toBe(0);
    expect(backoffSeconds(FREE_FAILURES - 1)).toBe(0);
    expect(backoffSeconds(FREE_FAILURES)).toBe(30);
    expect(backoffSeconds(FREE_FAILURES + 1)).toBe(60);
    expect(backoffSeconds(FREE_FAILURES + 4)).toBe(480);
    expect(backoffSeconds(FREE_FAILURES + 5)).toBe(MAX_WAIT_SECONDS);
    expect(backoffSeconds(FREE_FAILURES + 50)).toBe(MAX_WAIT_SECONDS);
  });
});
