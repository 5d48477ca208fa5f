import { date, doublePrecision, index, integer, pgTable, text, unique } from "drizzle-orm/pg-core";

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
  (t) => [
    unique("session_daily_stats_key").on(t.day, t.channel, t.status, t.sentiment, t.handoffReason).nullsNotDistinct(),
  ],
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

/**
 * Sessions per (UTC day started, channel, AI outcome, handoff reason, UTC day the AI acted, follow-up class, reopen
 * class): what the AI's rates count (lib/reports/ai-rates.ts, migration 0009_ai_outcome_rollups). A class says how
 * long after the AI's act the first human follow-up (a teammate's reply or a reopen) or the first reopen came, in
 * the steps of RESULT_WINDOWS (0: under 24 h, 1: under 72 h, 2: under 7 days, 3: under 14 days, 4: under 30 days,
 * 5: later); null when none came. With those steps a windowed rate is exact for every window offered.
 */
export const sessionAiDailyStats = pgTable(
  "session_ai_daily_stats",
  {
    day: date("day").notNull(),
    channel: text("channel").notNull(),
    aiOutcome: text("ai_outcome"),
    handoffReason: text("handoff_reason"),
    actedDay: date("acted_day"),
    followupClass: integer("followup_class"),
    reopenClass: integer("reopen_class"),
    sessions: integer("sessions").notNull(),
  },
  (t) => [
    unique("session_ai_daily_stats_key")
      .on(t.day, t.channel, t.aiOutcome, t.handoffReason, t.actedDay, t.followupClass, t.reopenClass)
      .nullsNotDistinct(),
  ],
);

/**
 * Sessions the AI handed off that a teammate replied to, per (UTC day started, channel, wait bucket): the time from
 * the handoff to the first reply, in buckets 5% wide (report_reply_bucket) with their sum, so each bucket's mean
 * stands for its sessions, as run_wait_histogram keeps the AI's waits.
 */
export const handoffReplyHistogram = pgTable(
  "handoff_reply_histogram",
  {
    day: date("day").notNull(),
    channel: text("channel").notNull(),
    bucket: integer("bucket").notNull(),
    sessions: integer("sessions").notNull(),
    waitSecondsSum: doublePrecision("wait_seconds_sum").notNull(),
  },
  (t) => [unique("handoff_reply_histogram_key").on(t.day, t.channel, t.bucket)],
);

/**
 * The two wait histograms summed per week (Monday to Sunday, UTC), so a long range reads whole weeks here and only
 * the days at either end from the daily tables (lib/reports/wait-histograms.ts). Statement triggers on the daily
 * tables append each change as a row of differences (migration 0013_weekly_wait_histograms): never an update, so a
 * write never waits on another for a week's row, and a week's figure is the sum of its rows. The workers' upkeep
 * folds each key's rows into one (report_weekly_histograms_compact()).
 */
export const runWaitWeeklyHistogram = pgTable(
  "run_wait_weekly_histogram",
  {
    week: date("week").notNull(),
    channel: text("channel").notNull(),
    bucket: integer("bucket").notNull(),
    runs: integer("runs").notNull(),
    waitSecondsSum: doublePrecision("wait_seconds_sum").notNull(),
  },
  (t) => [index("run_wait_weekly_histogram_key_idx").on(t.week, t.channel, t.bucket)],
);

export const handoffReplyWeeklyHistogram = pgTable(
  "handoff_reply_weekly_histogram",
  {
    week: date("week").notNull(),
    channel: text("channel").notNull(),
    bucket: integer("bucket").notNull(),
    sessions: integer("sessions").notNull(),
    waitSecondsSum: doublePrecision("wait_seconds_sum").notNull(),
  },
  (t) => [index("handoff_reply_weekly_histogram_key_idx").on(t.week, t.channel, t.bucket)],
);
