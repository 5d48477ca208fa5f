import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/**
 * The durable work queue. A job is written in the same transaction as the webhook event it processes, so an
 * acknowledged delivery can never be lost; jobs sharing an ordering key run one at a time, oldest first.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    queue: text("queue").notNull(),
    /** Jobs with the same key (a Front conversation) never run at once and run in insertion order. */
    orderingKey: text("ordering_key").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** pending | active | done | failed */
    state: text("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    /** When the current (or last) attempt was claimed: with finished_at, how long the job ran. */
    startedAt: timestamp("started_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_open_idx")
      .on(t.orderingKey, t.id)
      .where(sql`state in ('pending', 'active')`),
    index("jobs_runnable_idx")
      .on(t.runAt, t.id)
      .where(sql`state in ('pending', 'active')`),
  ],
);

export type Job = typeof jobs.$inferSelect;
