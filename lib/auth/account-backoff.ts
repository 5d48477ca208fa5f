import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { authRateLimits } from "../db/schema";

/**
 * A per-account backoff for sign-in, beside the per-address limit: someone guessing one account's password from many
 * addresses is slowed all the same. After FREE_FAILURES (10) wrong passwords in a row, each further attempt on that
 * account waits 30 s, doubling up to 15 minutes; a right password resets it. The count lives in the auth rate-limit
 * table (its own key per account), so every app process shares it.
 */

export const FREE_FAILURES = 10;
const FIRST_WAIT_SECONDS = 30;
export const MAX_WAIT_SECONDS = 15 * 60;

function keyOf(email: string): string {
  return `account-backoff:${email.trim().toLowerCase()}`;
}

/** The wait after `failures` wrong passwords in a row: none for the first ten, then 30 s, 60 s … up to 15 min. */
export function backoffSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES));
}

/** Seconds this account must still wait before its next attempt (0: it may try now). */
export async function accountWaitSeconds(db: Db, email: string, now = Date.now()): Promise<number> {
  if (!email.trim()) return 0;
  const [row] = await db
    .select()
    .from(authRateLimits)
    .where(eq(authRateLimits.key, keyOf(email)));
  if (!row) return 0;
  const until = row.lastRequest + backoffSeconds(row.count) * 1000;
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/** One more wrong password for this account, counted atomically (two processes may record at once). */
export async function recordFailedSignIn(db: Db, email: string, now = Date.now()): Promise<void> {
  if (!email.trim()) return;
  await db
    .insert(authRateLimits)
    .values({ id: crypto.randomUUID(), key: keyOf(email), count: 1, lastRequest: now })
    .onConflictDoUpdate({
      target: authRateLimits.key,
      set: { count: sql`${authRateLimits.count} + 1`, lastRequest: now },
    });
}

/** A right password: the account starts again with no failures. */
export async function clearFailedSignIns(db: Db, email: string): Promise<void> {
  if (!email.trim()) return;
  await db.delete(authRateLimits).where(eq(authRateLimits.key, keyOf(email)));
}
