import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../db/client";
import { buildChannelReport, type ReportRawRows } from "./build";
import { utcBounds } from "./range";
import type { ChannelReport, ReportQuery } from "./types";

/**
 * The aggregates behind the Reports page. Every dataset covers the same sessions: those created (first message
 * seen) from `from` 00:00 UTC to `to` 24:00 UTC, sample sessions included, optionally of one channel. The range
 * is a plain `created_at >= … and created_at < …`, so Postgres uses sessions_created_idx; runs are reached
 * through agent_runs_session_idx.
 */
function sessionsInRange(query: ReportQuery): SQL {
  const { start, end } = utcBounds(query.from, query.to);
  const range = sql`s.created_at >= ${start}::timestamptz and s.created_at < ${end}::timestamptz`;
  return query.channel ? sql`${range} and s.channel = ${query.channel}` : range;
}

const toNumber = (value: unknown): number => Number(value ?? 0);
const toNullableNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

async function volume(db: Db, where: SQL) {
  const result = await db.execute(sql`
    select to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, s.channel, count(*)::int as sessions
    from sessions s
    where ${where}
    group by 1, 2`);
  return rowsOf<{ day: string; channel: string; sessions: unknown }>(result).map((row) => ({ day: row.day, channel: row.channel, sessions: toNumber(row.sessions) }));
}

async function statuses(db: Db, where: SQL) {
  const result = await db.execute(sql`
    select s.channel, s.status, count(*)::int as sessions
    from sessions s
    where ${where}
    group by 1, 2`);
  return rowsOf<{ channel: string; status: string; sessions: unknown }>(result).map((row) => ({ ...row, sessions: toNumber(row.sessions) }));
}

async function sentiments(db: Db, where: SQL) {
  const result = await db.execute(sql`
    select s.channel, s.sentiment, count(*)::int as sessions
    from sessions s
    where ${where}
    group by 1, 2`);
  return rowsOf<{ channel: string; sentiment: string | null; sessions: unknown }>(result).map((row) => ({ ...row, sessions: toNumber(row.sessions) }));
}

/** The latest handoff's reason is kept on the session, so this counts sessions (not handoffs), as the Inbox filters them. */
async function reasons(db: Db, where: SQL) {
  const result = await db.execute(sql`
    select s.handoff_reason as reason, s.channel, count(*)::int as sessions
    from sessions s
    where ${where} and s.handoff_reason is not null
    group by 1, 2`);
  return rowsOf<{ reason: string; channel: string; sessions: unknown }>(result).map((row) => ({ ...row, sessions: toNumber(row.sessions) }));
}

/**
 * Seconds from the webhook's arrival (received_at) to the reply or handoff reaching Front (delivered_at), for
 * every delivered run of the sessions in range; percentile_cont interpolates as a spreadsheet's PERCENTILE does.
 */
async function responseTimes(db: Db, where: SQL) {
  const result = await db.execute(sql`
    select s.channel,
      count(*)::int as runs,
      percentile_cont(0.5) within group (order by greatest(extract(epoch from (r.delivered_at - r.received_at)), 0))::float8 as median,
      percentile_cont(0.9) within group (order by greatest(extract(epoch from (r.delivered_at - r.received_at)), 0))::float8 as p90
    from sessions s
    join agent_runs r on r.session_id = s.id
    where ${where} and r.received_at is not null and r.delivered_at is not null and r.outcome in ('reply', 'handoff')
    group by rollup (s.channel)`);
  return rowsOf<{ channel: string | null; runs: unknown; median: unknown; p90: unknown }>(result).map((row) => ({
    channel: row.channel,
    runs: toNumber(row.runs),
    median: toNullableNumber(row.median),
    p90: toNullableNumber(row.p90),
  }));
}

/** Sessions over time, outcomes, handoff reasons, sentiment and time to reply, per channel, for one range. */
export async function getChannelReport(db: Db, query: ReportQuery): Promise<ChannelReport> {
  const where = sessionsInRange(query);
  // One after another: PGlite has a single connection, and each query is a short index range scan.
  const raw: ReportRawRows = {
    volume: await volume(db, where),
    statuses: await statuses(db, where),
    sentiments: await sentiments(db, where),
    reasons: await reasons(db, where),
    responseTimes: await responseTimes(db, where),
  };
  return buildChannelReport(raw, { from: query.from, to: query.to, channel: query.channel ?? null });
}
