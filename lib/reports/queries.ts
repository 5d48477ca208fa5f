import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../db/client";
import { CHANNELS } from "../front/channels";
import { getAiRates, handoffReasonCounts, previousRange } from "./ai-rates";
import { buildChannelReport, buildResponseTimes, type ReportRawRows } from "./build";
import { histogramPercentile, mergeBuckets, type WaitBucket } from "./histogram";
import { readWaitHistogram } from "./wait-histograms";
import type { ChannelReport, ReportQuery, ReportScope } from "./types";

/**
 * The aggregates behind the Reports page. Every dataset covers the same sessions: those created (first message
 * seen) from `from` 00:00 UTC to `to` 24:00 UTC, sample sessions included, optionally of one channel. They are
 * read from the report rollups (lib/db/schema/report-rollups.ts), one row per UTC day, channel and value, which
 * triggers keep exact as sessions and runs change: a 90-day report sums a few thousand rows, not a million.
 */
function daysInRange(query: ReportQuery): SQL {
  const range = sql`r.day >= ${query.from}::date and r.day <= ${query.to}::date`;
  return query.channel ? sql`${range} and r.channel = ${query.channel}` : range;
}

const toNumber = (value: unknown): number => Number(value ?? 0);

async function volume(db: Db, where: SQL) {
  const result = await db.execute(sql`
    select to_char(r.day, 'YYYY-MM-DD') as day, r.channel, sum(r.sessions)::int as sessions
    from session_daily_stats r
    where ${where}
    group by 1, 2
    having sum(r.sessions) > 0`);
  return rowsOf<{ day: string; channel: string; sessions: unknown }>(result).map((row) => ({
    day: row.day,
    channel: row.channel,
    sessions: toNumber(row.sessions),
  }));
}

async function statuses(db: Db, where: SQL) {
  const result = await db.execute(sql`
    select r.channel, r.status, sum(r.sessions)::int as sessions
    from session_daily_stats r
    where ${where}
    group by 1, 2
    having sum(r.sessions) > 0`);
  return rowsOf<{ channel: string; status: string; sessions: unknown }>(result).map((row) => ({
    ...row,
    sessions: toNumber(row.sessions),
  }));
}

async function sentiments(db: Db, where: SQL) {
  const result = await db.execute(sql`
    select r.channel, r.sentiment, sum(r.sessions)::int as sessions
    from session_daily_stats r
    where ${where}
    group by 1, 2
    having sum(r.sessions) > 0`);
  return rowsOf<{ channel: string; sentiment: string | null; sessions: unknown }>(result).map((row) => ({
    ...row,
    sessions: toNumber(row.sessions),
  }));
}

/**
 * Seconds from the webhook's arrival (received_at) to the reply or handoff reaching Front (delivered_at), for
 * every delivered run of the sessions in range: median and p90 interpolated as a spreadsheet's PERCENTILE does,
 * over the wait histogram (buckets 1% wide), per channel and over all of them (channel null).
 */
async function responseTimes(db: Db, scope: ReportScope) {
  const byChannel = await readWaitHistogram(db, "runWaits", scope);
  const summary = (channel: string | null, buckets: WaitBucket[]) => {
    const sorted = mergeBuckets(buckets);
    return {
      channel,
      runs: sorted.reduce((sum, bucket) => sum + bucket.runs, 0),
      median: histogramPercentile(sorted, 0.5),
      p90: histogramPercentile(sorted, 0.9),
    };
  };
  return [
    ...[...byChannel].map(([channel, buckets]) => summary(channel, buckets)),
    summary(null, [...byChannel.values()].flat()),
  ];
}

/** Each dataset's query on its own, for the data-at-scale benchmark (which times and EXPLAINs them one by one). */
export const REPORT_DATASET_QUERIES = {
  volume: (db: Db, query: ReportQuery) => volume(db, daysInRange(query)),
  statuses: (db: Db, query: ReportQuery) => statuses(db, daysInRange(query)),
  sentiments: (db: Db, query: ReportQuery) => sentiments(db, daysInRange(query)),
  reasons: (db: Db, query: ReportQuery) => handoffReasonCounts(db, query),
  responseTimes: (db: Db, query: ReportQuery) => responseTimes(db, query),
  aiRates: (db: Db, query: ReportQuery) => getAiRates(db, query, query.channel ? [query.channel] : CHANNELS),
} as const;

/** A dataset query of one range (see REPORT_DATASET_QUERIES). */
export function reportDatasetQuery<Name extends keyof typeof REPORT_DATASET_QUERIES>(
  db: Db,
  name: Name,
  query: ReportQuery,
) {
  return REPORT_DATASET_QUERIES[name](db, query) as ReturnType<(typeof REPORT_DATASET_QUERIES)[Name]>;
}

/**
 * Sessions over time, where conversations are now, handoff reasons, sentiment and time to reply, per channel, and
 * the AI's rates beside the range before; for one range.
 */
export async function getChannelReport(db: Db, query: ReportQuery): Promise<ChannelReport> {
  const where = daysInRange(query);
  // Side by side: on Postgres each query takes its own pooled connection, so the page waits for the slowest rather
  // than the sum (PGlite, with its one connection, runs them in turn).
  const [volumeRows, statusRows, sentimentRows, reasonRows, timeRows] = await Promise.all([
    volume(db, where),
    statuses(db, where),
    sentiments(db, where),
    // Sessions the AI handed off, by that handoff's reason: the same sessions as the handoff rate.
    handoffReasonCounts(db, query),
    responseTimes(db, query),
  ]);
  const raw: ReportRawRows = {
    volume: volumeRows,
    statuses: statusRows,
    sentiments: sentimentRows,
    reasons: reasonRows,
    responseTimes: timeRows,
  };
  const report = buildChannelReport(raw, { from: query.from, to: query.to, channel: query.channel ?? null });
  const previous = previousRange(query.from, query.to);
  const [previousTimes, ai] = await Promise.all([
    responseTimes(db, { ...query, ...previous }),
    getAiRates(db, query, report.channels, raw.reasons),
  ]);
  return { ...report, previousResponseTimes: buildResponseTimes(previousTimes, []).all, ai };
}
