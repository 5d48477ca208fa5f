import { doublePrecision, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Front's per-company request budget, shared by every Frontline process (web and workers): a token bucket and
 * the pause a 429 imposes, in one row per company token, claimed with a single UPDATE.
 */
export const frontRateBudgets = pgTable("front_rate_budgets", {
  key: text("key").primaryKey(),
  perMinute: integer("per_minute").notNull(),
  capacity: integer("capacity").notNull(),
  tokens: doublePrecision("tokens").notNull(),
  refilledAt: timestamp("refilled_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
  pausedUntil: timestamp("paused_until", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
});
