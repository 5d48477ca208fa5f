import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../db/client";
import { aiActed, aiJudged, aiResultCondition } from "../db/queries/ai-results";
import { DEFAULT_RESULT_WINDOW_HOURS } from "../db/queries/session-filters";
import { sessions } from "../db/schema";
import { rate } from "./format";
import { addDays, daysInRange, utcBounds } from "./range";
import type { AiRateRow, AiRates, ReportQuery } from "./types";

/** Durable resolution: still resolved a week after the AI answered. */
export const DURABLE_WINDOW_HOURS = 7 * 24;

/**
 * The AI's rates (docs/metrics.md), read from `sessions` with the conditions the Inbox's drill-downs use
 * (lib/db/queries/ai-results.ts), per channel and over all of them, for the range and the one before it.
 */

/** The range of the same length that ends the day before `from`: what each figure is compared with. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const days = daysInRange(from, to);
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

const toInt = (value: unknown): number => Number(value ?? 0);
const toSeconds = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 1000) / 1000);

interface RawRateRow {
  channel: string | null;
  sessions: unknown;
  acted: unknown;
  answered: unknown;
  handed_off: unknown;
  failed: unknown;
  skipped: unknown;
  judged: unknown;
  ai_resolved: unknown;
  durable_judged: unknown;
  durable: unknown;
  answered_judged: unknown;
  reopened: unknown;
  human_replied: unknown;
  human_reply_p50: unknown;
  human_reply_p90: unknown;
}

/** Sessions started in an inclusive run of UTC days, of one channel or all. */
export function sessionsInRange(range: { from: string; to: string }, channel: string | undefined): SQL {
  const { start, end } = utcBounds(range.from, range.to);
  const dates = sql`${sessions.createdAt} >= ${start}::timestamptz and ${sessions.createdAt} < ${end}::timestamptz`;
  return channel ? sql`${dates} and ${sessions.channel} = ${channel}` : dates;
}

/** Counts behind every rate, per channel and (channel null) over all of them. */
async function rateCounts(db: Db, where: SQL, windowHours: number): Promise<RawRateRow[]> {
  const humanReplied = aiResultCondition("human_replied", windowHours);
  const humanWait = sql`extract(epoch from (${sessions.humanRepliedAt} - ${sessions.aiOutcomeAt}))`;
  const result = await db.execute(sql`
    select ${sessions.channel} as channel,
      count(*) as sessions,
      count(*) filter (where ${aiActed()}) as acted,
      count(*) filter (where ${sessions.aiOutcome} = 'answered') as answered,
      count(*) filter (where ${sessions.aiOutcome} = 'handed_off') as handed_off,
      count(*) filter (where ${sessions.aiOutcome} = 'failed') as failed,
      count(*) filter (where ${sessions.aiOutcome} = 'skipped') as skipped,
      count(*) filter (where ${aiJudged(windowHours)}) as judged,
      count(*) filter (where ${aiResultCondition("ai_resolved", windowHours)}) as ai_resolved,
      count(*) filter (where ${aiJudged(DURABLE_WINDOW_HOURS)}) as durable_judged,
      count(*) filter (where ${aiResultCondition("ai_resolved", DURABLE_WINDOW_HOURS)}) as durable,
      count(*) filter (where ${aiJudged(windowHours)} and ${sessions.aiOutcome} = 'answered') as answered_judged,
      count(*) filter (where ${aiResultCondition("reopened", windowHours)}) as reopened,
      count(*) filter (where ${humanReplied}) as human_replied,
      percentile_cont(0.5) within group (order by ${humanWait}) filter (where ${humanReplied}) as human_reply_p50,
      percentile_cont(0.9) within group (order by ${humanWait}) filter (where ${humanReplied}) as human_reply_p90
    from ${sessions}
    where ${where}
    group by grouping sets ((${sessions.channel}), ())`);
  return rowsOf<RawRateRow>(result);
}

/** Sessions the AI handed off, by the reason of that handoff, per channel. */
export async function handoffReasonCounts(db: Db, where: SQL): Promise<{ channel: string; reason: string; sessions: number }[]> {
  const result = await db.execute(sql`
    select ${sessions.channel} as channel, coalesce(${sessions.handoffReason}, 'unknown') as reason, count(*) as sessions
    from ${sessions}
    where ${where} and ${sessions.aiOutcome} = 'handed_off'
    group by 1, 2`);
  return rowsOf<{ channel: string; reason: string; sessions: unknown }>(result).map((row) => ({ ...row, sessions: toInt(row.sessions) }));
}

export function aiRateRow(channel: string, raw: RawRateRow | undefined): AiRateRow {
  const counts = {
    sessions: toInt(raw?.sessions),
    acted: toInt(raw?.acted),
    answered: toInt(raw?.answered),
    handedOff: toInt(raw?.handed_off),
    failed: toInt(raw?.failed),
    skipped: toInt(raw?.skipped),
    judged: toInt(raw?.judged),
    aiResolved: toInt(raw?.ai_resolved),
    durableJudged: toInt(raw?.durable_judged),
    durable: toInt(raw?.durable),
    answeredJudged: toInt(raw?.answered_judged),
    reopened: toInt(raw?.reopened),
    humanReplied: toInt(raw?.human_replied),
  };
  return {
    channel,
    counts,
    rates: {
      involvement: rate(counts.acted, counts.sessions),
      aiResolution: rate(counts.aiResolved, counts.judged),
      durableResolution: rate(counts.durable, counts.durableJudged),
      handoff: rate(counts.handedOff, counts.acted),
      deliveryFailure: rate(counts.failed, counts.acted),
      reopen: rate(counts.reopened, counts.answeredJudged),
    },
    humanReplySeconds: { p50: toSeconds(raw?.human_reply_p50), p90: toSeconds(raw?.human_reply_p90) },
  };
}

async function ratesOf(db: Db, range: { from: string; to: string }, query: ReportQuery, channels: readonly string[], windowHours: number) {
  const where = sessionsInRange(range, query.channel);
  const raw = await rateCounts(db, where, windowHours);
  const reasonRows = await handoffReasonCounts(db, where);
  const all = aiRateRow("all", raw.find((row) => row.channel === null));
  const reasons = new Map<string, Record<string, number>>();
  for (const row of reasonRows) {
    const counts = reasons.get(row.reason) ?? {};
    counts[row.channel] = (counts[row.channel] ?? 0) + row.sessions;
    reasons.set(row.reason, counts);
  }
  return {
    range,
    byChannel: channels.map((channel) => aiRateRow(channel, raw.find((row) => row.channel === channel))),
    all,
    handoffReasons: [...reasons]
      .map(([reason, counts]) => {
        const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
        return { reason, counts, total, rate: rate(total, all.counts.acted) };
      })
      .sort((a, b) => b.total - a.total || a.reason.localeCompare(b.reason)),
  };
}

/** The AI's rates for the report's range, beside the same figures for the range before it. */
export async function getAiRates(db: Db, query: ReportQuery, channels: readonly string[]): Promise<AiRates> {
  const windowHours = query.window ?? DEFAULT_RESULT_WINDOW_HOURS;
  // One after another: PGlite has a single connection.
  const current = await ratesOf(db, { from: query.from, to: query.to }, query, channels, windowHours);
  const previous = await ratesOf(db, previousRange(query.from, query.to), query, channels, windowHours);
  return { windowHours, durableWindowHours: DURABLE_WINDOW_HOURS, current, previous };
}
