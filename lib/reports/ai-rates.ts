import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../db/client";
import { ACTED, aiActed, aiJudged, aiResultCondition, hours } from "../db/queries/ai-results";
import { DEFAULT_RESULT_WINDOW_HOURS, RESULT_WINDOWS } from "../inbox/session-filters";
import { sessions } from "../db/schema";
import { rate } from "./format";
import { histogramPercentile, mergeBuckets, type WaitBucket } from "./histogram";
import { readWaitHistogram } from "./wait-histograms";
import { addDays, daysInRange, eachDay, utcBounds } from "./range";
import type { AiRateRow, AiRates, AiTrendDay, ReportQuery, ReportScope } from "./types";

/**
 * The AI's rates (docs/metrics.md), per channel and over all of them, for the range and the one before it.
 *
 * They count what the Inbox's drill-downs list (lib/db/queries/ai-results.ts), read from the rollups that triggers
 * keep (session_ai_daily_stats, handoff_reply_histogram; migration 0009): a 90-day report sums a few thousand rows,
 * not a million sessions. A windowed rate ("resolved within 72 hours of the AI's answer, judged once 72 hours have
 * passed") splits on the UTC day the AI acted: days before the day the window's edge falls on are wholly judged
 * and read from the rollup; that one day is read from `sessions` with the drill-down's own conditions.
 */

/** Durable resolution: still resolved a week after the AI answered. */
export const DURABLE_WINDOW_HOURS = 7 * 24;

/** The range of the same length that ends the day before `from`: what each figure is compared with. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const days = daysInRange(from, to);
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

const toInt = (value: unknown): number => Number(value ?? 0);
/** The UTC day a window's edge falls on: the AI acted before it, the window has passed; after it, not yet. */
function edgeDay(windowHours: number): SQL {
  return sql`((now() - ${hours(windowHours)}) at time zone 'UTC')::date`;
}

/** Sessions of the scope the AI acted on during the day a window's edge falls on: read from `sessions`, exactly. */
function actedOnEdgeDay(scope: ReportScope, windowHours: number): SQL {
  const edge = edgeDay(windowHours);
  return sql`${sessions.aiOutcomeAt} >= ${edge}::timestamp at time zone 'UTC' and ${sessions.aiOutcomeAt} < (${edge} + 1)::timestamp at time zone 'UTC'
      and ${sessionsInRange(scope, scope.channel)} and ${aiActed()}`;
}

/** The follow-up class a window's "within" ends at: followed up within the window ⇔ class ≤ this. */
function lastClassWithin(windowHours: number): number {
  const index = RESULT_WINDOWS.indexOf(windowHours as (typeof RESULT_WINDOWS)[number]);
  if (index < 0) throw new Error(`a report judges at ${RESULT_WINDOWS.join(", ")} hours, not ${windowHours}`);
  return index;
}

/** The counts of one channel (or all, channel null); see AiRateRow for what each is. */
type Counts = AiRateRow["counts"];
const WINDOWED = ["judged", "aiResolved", "durableJudged", "durable", "answeredJudged", "reopened"] as const;

function rollupDays(scope: ReportScope): SQL {
  const days = sql`r.day >= ${scope.from}::date and r.day <= ${scope.to}::date`;
  return scope.channel ? sql`${days} and r.channel = ${scope.channel}` : days;
}

/** Sessions started in an inclusive run of UTC days, of one channel or all. */
export function sessionsInRange(range: { from: string; to: string }, channel: string | undefined): SQL {
  const { start, end } = utcBounds(range.from, range.to);
  const dates = sql`${sessions.createdAt} >= ${start}::timestamptz and ${sessions.createdAt} < ${end}::timestamptz`;
  return channel ? sql`${dates} and ${sessions.channel} = ${channel}` : dates;
}

/** Every count from the rollup, the windowed ones for the days wholly judged. */
async function settledCounts(db: Db, scope: ReportScope, windowHours: number): Promise<Map<string | null, Counts>> {
  const within = lastClassWithin(windowHours);
  const durableWithin = lastClassWithin(DURABLE_WINDOW_HOURS);
  const acted = sql`r.ai_outcome in (${ACTED})`;
  const judged = (windowEdge: SQL) => sql`${acted} and r.acted_day < ${windowEdge}`;
  const answeredJudged = (windowEdge: SQL) => sql`r.ai_outcome = 'answered' and r.acted_day < ${windowEdge}`;
  const result = await db.execute(sql`
    select r.channel,
      sum(r.sessions) as sessions,
      sum(r.sessions) filter (where ${acted}) as acted,
      sum(r.sessions) filter (where r.ai_outcome = 'answered') as answered,
      sum(r.sessions) filter (where r.ai_outcome = 'handed_off') as handed_off,
      sum(r.sessions) filter (where r.ai_outcome = 'failed') as failed,
      sum(r.sessions) filter (where r.ai_outcome = 'skipped') as skipped,
      sum(r.sessions) filter (where ${judged(edgeDay(windowHours))}) as judged,
      sum(r.sessions) filter (where ${answeredJudged(edgeDay(windowHours))} and coalesce(r.followup_class > ${within}, true)) as ai_resolved,
      sum(r.sessions) filter (where ${judged(edgeDay(DURABLE_WINDOW_HOURS))}) as durable_judged,
      sum(r.sessions) filter (where ${answeredJudged(edgeDay(DURABLE_WINDOW_HOURS))} and coalesce(r.followup_class > ${durableWithin}, true)) as durable,
      sum(r.sessions) filter (where ${answeredJudged(edgeDay(windowHours))}) as answered_judged,
      sum(r.sessions) filter (where ${answeredJudged(edgeDay(windowHours))} and coalesce(r.reopen_class <= ${within}, false)) as reopened
    from session_ai_daily_stats r
    where ${rollupDays(scope)}
    group by grouping sets ((r.channel), ())`);
  const counts = new Map<string | null, Counts>();
  for (const row of rowsOf<Record<string, unknown> & { channel: string | null }>(result)) {
    counts.set(row.channel, {
      sessions: toInt(row.sessions),
      acted: toInt(row.acted),
      answered: toInt(row.answered),
      handedOff: toInt(row.handed_off),
      failed: toInt(row.failed),
      skipped: toInt(row.skipped),
      judged: toInt(row.judged),
      aiResolved: toInt(row.ai_resolved),
      durableJudged: toInt(row.durable_judged),
      durable: toInt(row.durable),
      answeredJudged: toInt(row.answered_judged),
      reopened: toInt(row.reopened),
      humanReplied: 0,
    });
  }
  return counts;
}

/** The windowed counts of the sessions the AI acted on during the day a window's edge falls on, read exactly. */
async function edgeCounts(
  db: Db,
  scope: ReportScope,
  windowHours: number,
  names: { judged: keyof Counts; resolved: keyof Counts; answeredJudged?: keyof Counts; reopened?: keyof Counts },
) {
  const result = await db.execute(sql`
    select ${sessions.channel} as channel,
      count(*) filter (where ${aiJudged(windowHours)}) as judged,
      count(*) filter (where ${aiResultCondition("ai_resolved", windowHours)}) as resolved,
      count(*) filter (where ${aiJudged(windowHours)} and ${sessions.aiOutcome} = 'answered') as answered_judged,
      count(*) filter (where ${aiResultCondition("reopened", windowHours)}) as reopened
    from ${sessions}
    where ${actedOnEdgeDay(scope, windowHours)}
    group by grouping sets ((${sessions.channel}), ())`);
  return rowsOf<{
    channel: string | null;
    judged: unknown;
    resolved: unknown;
    answered_judged: unknown;
    reopened: unknown;
  }>(result).map((row) => ({
    channel: row.channel,
    add: {
      [names.judged]: toInt(row.judged),
      [names.resolved]: toInt(row.resolved),
      ...(names.answeredJudged ? { [names.answeredJudged]: toInt(row.answered_judged) } : {}),
      ...(names.reopened ? { [names.reopened]: toInt(row.reopened) } : {}),
    } as Partial<Counts>,
  }));
}

/**
 * Per UTC day started: the sessions the AI acted on and handed off, and (for the window) those judged and resolved,
 * the day a window's edge falls on read from sessions as in ratesOf. Every day of the range is present.
 */
async function trendOf(db: Db, scope: ReportScope, windowHours: number): Promise<AiTrendDay[]> {
  const within = lastClassWithin(windowHours);
  const edge = edgeDay(windowHours);
  const acted = sql`r.ai_outcome in (${ACTED})`;
  const settled = await db.execute(sql`
    select to_char(r.day, 'YYYY-MM-DD') as day,
      sum(r.sessions) filter (where ${acted}) as acted,
      sum(r.sessions) filter (where r.ai_outcome = 'handed_off') as handed_off,
      sum(r.sessions) filter (where ${acted} and r.acted_day < ${edge}) as judged,
      sum(r.sessions) filter (where r.ai_outcome = 'answered' and r.acted_day < ${edge} and coalesce(r.followup_class > ${within}, true)) as ai_resolved
    from session_ai_daily_stats r
    where ${rollupDays(scope)}
    group by 1`);
  const edgeRows = await db.execute(sql`
    select to_char((${sessions.createdAt} at time zone 'UTC')::date, 'YYYY-MM-DD') as day,
      count(*) filter (where ${aiJudged(windowHours)}) as judged,
      count(*) filter (where ${aiResultCondition("ai_resolved", windowHours)}) as ai_resolved
    from ${sessions}
    where ${actedOnEdgeDay(scope, windowHours)}
    group by 1`);
  const byDay = new Map(
    eachDay(scope.from, scope.to).map((date) => [date, { date, acted: 0, handedOff: 0, judged: 0, aiResolved: 0 }]),
  );
  for (const row of rowsOf<{ day: string; acted: unknown; handed_off: unknown; judged: unknown; ai_resolved: unknown }>(
    settled,
  )) {
    const day = byDay.get(row.day);
    if (!day) continue;
    day.acted += toInt(row.acted);
    day.handedOff += toInt(row.handed_off);
    day.judged += toInt(row.judged);
    day.aiResolved += toInt(row.ai_resolved);
  }
  for (const row of rowsOf<{ day: string; judged: unknown; ai_resolved: unknown }>(edgeRows)) {
    const day = byDay.get(row.day);
    if (!day) continue;
    day.judged += toInt(row.judged);
    day.aiResolved += toInt(row.ai_resolved);
  }
  return [...byDay.values()];
}

/** Sessions the AI handed off, by that handoff's reason, per channel. */
export async function handoffReasonCounts(
  db: Db,
  scope: ReportScope,
): Promise<{ channel: string; reason: string; sessions: number }[]> {
  const result = await db.execute(sql`
    select r.channel, coalesce(r.handoff_reason, 'unknown') as reason, sum(r.sessions) as sessions
    from session_ai_daily_stats r
    where ${rollupDays(scope)} and r.ai_outcome = 'handed_off'
    group by 1, 2
    having sum(r.sessions) > 0`);
  return rowsOf<{ channel: string; reason: string; sessions: unknown }>(result).map((row) => ({
    ...row,
    sessions: toInt(row.sessions),
  }));
}

const emptyCounts = (): Counts => ({
  sessions: 0,
  acted: 0,
  answered: 0,
  handedOff: 0,
  failed: 0,
  skipped: 0,
  judged: 0,
  aiResolved: 0,
  durableJudged: 0,
  durable: 0,
  answeredJudged: 0,
  reopened: 0,
  humanReplied: 0,
});

/** A channel's row: its counts, the rates they make, and the times from handoff to a teammate's reply. */
export function aiRateRow(channel: string, counts: Counts, replyBuckets: readonly WaitBucket[]): AiRateRow {
  const sorted = mergeBuckets(replyBuckets);
  const seconds = (p: number) => {
    const value = histogramPercentile(sorted, p);
    return value === null ? null : Math.round(Math.max(0, value) * 1000) / 1000;
  };
  const withReplies = { ...counts, humanReplied: sorted.reduce((sum, bucket) => sum + bucket.runs, 0) };
  return {
    channel,
    counts: withReplies,
    rates: {
      involvement: rate(counts.acted, counts.sessions),
      aiResolution: rate(counts.aiResolved, counts.judged),
      durableResolution: rate(counts.durable, counts.durableJudged),
      handoff: rate(counts.handedOff, counts.acted),
      deliveryFailure: rate(counts.failed, counts.acted),
      reopen: rate(counts.reopened, counts.answeredJudged),
    },
    humanReplySeconds: { p50: seconds(0.5), p90: seconds(0.9) },
  };
}

type ReasonCount = Awaited<ReturnType<typeof handoffReasonCounts>>[number];

interface RatesOptions {
  withTrend?: boolean;
  /** The scope's handoff reasons when the caller has read them already (the Reports page shows them too). */
  reasonRows?: readonly ReasonCount[];
}

async function ratesOf(
  db: Db,
  scope: ReportScope,
  channels: readonly string[],
  windowHours: number,
  { withTrend = false, reasonRows: known }: RatesOptions = {},
) {
  // Side by side on Postgres's pool (PGlite runs them in turn): the figures wait for the slowest query, not the sum.
  const [counts, windowEdges, durableEdges, waits, reasonRows, trend] = await Promise.all([
    settledCounts(db, scope, windowHours),
    edgeCounts(db, scope, windowHours, {
      judged: "judged",
      resolved: "aiResolved",
      answeredJudged: "answeredJudged",
      reopened: "reopened",
    }),
    edgeCounts(db, scope, DURABLE_WINDOW_HOURS, { judged: "durableJudged", resolved: "durable" }),
    readWaitHistogram(db, "replyWaits", scope),
    known ?? handoffReasonCounts(db, scope),
    withTrend ? trendOf(db, scope, windowHours) : [],
  ]);
  for (const edge of [...windowEdges, ...durableEdges]) {
    const target = counts.get(edge.channel) ?? emptyCounts();
    for (const name of WINDOWED) target[name] += edge.add[name] ?? 0;
    counts.set(edge.channel, target);
  }
  const all = aiRateRow("all", counts.get(null) ?? emptyCounts(), [...waits.values()].flat());
  const reasons = new Map<string, Record<string, number>>();
  for (const row of reasonRows) {
    const byChannel = reasons.get(row.reason) ?? {};
    byChannel[row.channel] = (byChannel[row.channel] ?? 0) + row.sessions;
    reasons.set(row.reason, byChannel);
  }
  return {
    range: { from: scope.from, to: scope.to },
    trend,
    byChannel: channels.map((channel) =>
      aiRateRow(channel, counts.get(channel) ?? emptyCounts(), waits.get(channel) ?? []),
    ),
    all,
    handoffReasons: [...reasons]
      .map(([reason, byChannel]) => {
        const total = Object.values(byChannel).reduce((sum, value) => sum + value, 0);
        return { reason, counts: byChannel, total, rate: rate(total, all.counts.acted) };
      })
      .sort((a, b) => b.total - a.total || a.reason.localeCompare(b.reason)),
  };
}

/** The AI's rates for the report's range, beside the same figures for the range before it. */
export async function getAiRates(
  db: Db,
  query: ReportQuery,
  channels: readonly string[],
  reasonRows?: readonly ReasonCount[],
): Promise<AiRates> {
  const windowHours = query.window ?? DEFAULT_RESULT_WINDOW_HOURS;
  // One period after the other: each runs its own queries side by side, and together they would take every
  // connection of the pool (10) from the webhook intake and the worker for as long as the page loads.
  const current = await ratesOf(db, { from: query.from, to: query.to, channel: query.channel }, channels, windowHours, {
    withTrend: true,
    reasonRows,
  });
  const previous = await ratesOf(
    db,
    { ...previousRange(query.from, query.to), channel: query.channel },
    channels,
    windowHours,
  );
  return { windowHours, durableWindowHours: DURABLE_WINDOW_HOURS, current, previous };
}
