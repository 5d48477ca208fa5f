import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { getConfig } from "../config";
import { getDatabase } from "../db";
import type { Db } from "../db/client";
import { authAccounts, authRateLimits, authSessions, authVerifications, users } from "../db/schema";
import { accountWaitSeconds, clearFailedSignIns, recordFailedSignIn } from "./account-backoff";
import { AUTH_COOKIE_PREFIX } from "./cookie";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";
import { loadAuthSecret } from "./secret";

const DAY = 60 * 60 * 24;
/** A session lasts a week from its last refresh; using the app refreshes it at most once a day. */
export const SESSION_EXPIRES_IN_SECONDS = 7 * DAY;
export const SESSION_UPDATE_AGE_SECONDS = DAY;
/** Sign-in attempts per client address: 5 a minute (every request counts, right or wrong). */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 5 } as const;

export interface AuthOptions {
  db: Db;
  secret: string;
  /** APP_URL: the origin browsers use; its scheme decides whether cookies are Secure. */
  appUrl: string;
}

/** Paths of better-auth's API that Frontline does not offer (no sign-up, no e-mail flows, no self-service profile). */
const DISABLED_PATHS = [
  "/sign-up/email",
  "/update-user",
  "/change-email",
  "/delete-user",
  "/request-password-reset",
  "/reset-password",
  "/send-verification-email",
  "/verify-email",
];

function emailOf(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? email : "";
}

/** Browsers may reach a local APP_URL as localhost, 127.0.0.1 or [::1]: sign-in accepts all three there. */
function trustedOrigins(appUrl: URL): string[] {
  const loopback = ["localhost", "127.0.0.1", "[::1]"];
  if (!loopback.includes(appUrl.hostname)) return [appUrl.origin];
  return loopback.map((host) => `${appUrl.protocol}//${host}${appUrl.port ? `:${appUrl.port}` : ""}`);
}

/**
 * Email + password sign-in on the app's database: no public sign-up (accounts come from ADMIN_EMAIL or
 * `npm run user:create`), scrypt hashes (better-auth's default), week-long sessions, rate-limited sign-in
 * stored in the database so every app process shares the count.
 */
export function createAuth({ db, secret, appUrl }: AuthOptions) {
  const url = new URL(appUrl);
  const secure = url.protocol === "https:";
  return betterAuth({
    appName: "Frontline",
    baseURL: url.origin,
    basePath: "/api/auth",
    secret,
    trustedOrigins: trustedOrigins(url),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: users,
        session: authSessions,
        account: authAccounts,
        verification: authVerifications,
        rateLimit: authRateLimits,
      },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    user: {
      additionalFields: {
        // input: false: nobody sets their own role through the API; admins do (lib/auth/users.ts).
        role: { type: "string", required: false, defaultValue: "viewer", input: false },
      },
    },
    session: { expiresIn: SESSION_EXPIRES_IN_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { ...SIGN_IN_RATE_LIMIT } },
    },
    advanced: {
      cookiePrefix: AUTH_COOKIE_PREFIX,
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure, path: "/" },
    },
    disabledPaths: DISABLED_PATHS,
    // Per account, beside the per-address limit: repeated wrong passwords make that account wait (account-backoff.ts).
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const wait = await accountWaitSeconds(db, emailOf(ctx.body));
        if (wait > 0) {
          throw new APIError(
            "TOO_MANY_REQUESTS",
            {
              code: "ACCOUNT_BACKOFF",
              message: `Too many wrong passwords for this account: wait ${wait} seconds and try again.`,
            },
            { "X-Retry-After": String(wait), "Retry-After": String(wait) },
          );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          if (returned.statusCode === 401) await recordFailedSignIn(db, emailOf(ctx.body));
        } else {
          await clearFailedSignIns(db, emailOf(ctx.body));
        }
      }),
    },
    telemetry: { enabled: false },
    // Lets auth.api calls in route handlers and server components set refreshed cookies; must stay last.
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// Kept on globalThis like the database: Next.js may load this module more than once in a process.
const globalForAuth = globalThis as typeof globalThis & { __frontlineAuth?: Promise<Auth> };

/** The process's auth instance, built on first use (it needs the database, which opens asynchronously). */
export function getAuth(): Promise<Auth> {
  globalForAuth.__frontlineAuth ??= (async () => {
    const config = getConfig();
    const { db } = await getDatabase();
    const secret = loadAuthSecret({ envSecret: config.BETTER_AUTH_SECRET, dataDir: config.DATA_DIR });
    return createAuth({ db, secret, appUrl: config.APP_URL });
  })().catch((error) => {
    globalForAuth.__frontlineAuth = undefined;
    throw error;
  });
  return globalForAuth.__frontlineAuth;
}
