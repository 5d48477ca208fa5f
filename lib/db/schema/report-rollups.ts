import { date, doublePrecision, integer, pgTable, text, unique } from "drizzle-orm/pg-core";

/**
 * Report rollups: what the Reports page counts, per UTC day a session started and its channel, so a 90-day report
 * reads thousands of rows instead of a million. Kept exact by triggers on sessions and agent_runs (migration
 * 0006_scale_indexes_and_report_rollups), whichever code writes those tables; never written by the app itself.
 */

/** Sessions per (UTC day started, channel, status, sentiment, latest handoff reason). */
export const sessionDailyStats = pgTable(
  "session_daily_stats",
  {
    day: date("day").notNull(),
    channel: text("channel").notNull(),
    status: text("status").notNull(),
    sentiment: text("sentiment"),
    handoffReason: text("handoff_reason"),
    sessions: integer("sessions").notNull(),
  },
  (t) => [unique("session_daily_stats_key").on(t.day, t.channel, t.status, t.sentiment, t.handoffReason).nullsNotDistinct()],
);

/**
 * Delivered runs (reply or handoff) per (UTC day their session started, channel, wait bucket): the waits from the
 * webhook to Front, in buckets 1% wide, with their sum so each bucket's mean stands for its runs. The report's
 * median and p90 interpolate over these means: exact when a bucket holds one distinct wait, within 1% otherwise.
 */
export const runWaitHistogram = pgTable(
  "run_wait_histogram",
  {
    day: date("day").notNull(),
    channel: text("channel").notNull(),
    bucket: integer("bucket").notNull(),
    runs: integer("runs").notNull(),
    waitSecondsSum: doublePrecision("wait_seconds_sum").notNull(),
  },
  (t) => [unique("run_wait_histogram_key").on(t.day, t.channel, t.bucket)],
);
