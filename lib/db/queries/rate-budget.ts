import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";

export interface BudgetShape {
  perMinute: number;
  capacity: number;
}

/**
 * Tokens per ms. Same refill as the in-process bucket: (budget - capacity) a minute, so a full bucket plus a minute
 * of refill never exceeds the budget in any 60 s window.
 */
const RATE_PER_MS = sql.raw("(greatest(per_minute - capacity, per_minute / 2.0) / 60000.0)");
/** The bucket's balance now: refilled for the time since the last take (never negative time, see refilled_at). */
const BALANCE = sql.raw(
  `least(capacity, tokens + greatest(0, extract(epoch from (now() - refilled_at)) * 1000) * (greatest(per_minute - capacity, per_minute / 2.0) / 60000.0))`,
);

/**
 * Takes one request from the shared budget. Returns 0 when granted, else how many ms until one may be (the end of
 * a pause, or the next token). One UPDATE: concurrent callers in any process queue on the row lock, and each
 * re-checks the refilled balance, so the budget is never overspent. `now()` is the statement's start, so a caller
 * that waited for the lock counts a little less refill: it errs on the side of the budget.
 */
export async function takeSharedRequest(db: Db, key: string, shape: BudgetShape): Promise<number> {
  const taken = await db.execute(sql`
    update front_rate_budgets set tokens = ${BALANCE} - 1, refilled_at = greatest(refilled_at, now())
    where key = ${key} and paused_until <= now() and ${BALANCE} >= 1
    returning key`);
  if (rowsOf(taken).length > 0) return 0;
  const result = await db.execute(sql`
    select
      case
        when paused_until > now() then ceil(extract(epoch from (paused_until - now())) * 1000)
        else ceil((1 - ${BALANCE}) / ${RATE_PER_MS})
      end as wait_ms
    from front_rate_budgets where key = ${key}`);
  const [row] = rowsOf<{ wait_ms: number | string | null }>(result);
  if (!row) {
    // First use of this budget: create it full, then take from it.
    await db.execute(sql`
      insert into front_rate_budgets (key, per_minute, capacity, tokens) values (${key}, ${shape.perMinute}, ${shape.capacity}, ${shape.capacity})
      on conflict (key) do nothing`);
    return takeSharedRequest(db, key, shape);
  }
  return Math.max(1, Number(row.wait_ms ?? 1));
}

/** No request from any process before `untilMs`; a pause already set further out is kept. */
export async function pauseSharedBudget(db: Db, key: string, untilMs: number, shape: BudgetShape): Promise<void> {
  await db.execute(sql`
    insert into front_rate_budgets (key, per_minute, capacity, tokens, paused_until)
    values (${key}, ${shape.perMinute}, ${shape.capacity}, 1, to_timestamp(${untilMs / 1000}))
    on conflict (key) do update set
      paused_until = greatest(front_rate_budgets.paused_until, excluded.paused_until),
      tokens = least(front_rate_budgets.tokens, 1),
      refilled_at = greatest(front_rate_budgets.refilled_at, excluded.paused_until)`);
}

/** Front told us the company's real per-minute budget (x-ratelimit-limit). */
export async function resizeSharedBudget(db: Db, key: string, shape: BudgetShape): Promise<void> {
  await db.execute(sql`
    update front_rate_budgets set per_minute = ${shape.perMinute}, capacity = ${shape.capacity}, tokens = least(tokens, ${shape.capacity})
    where key = ${key} and per_minute <> ${shape.perMinute}`);
}
