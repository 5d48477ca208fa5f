import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../db/client";
import type { WaitBucket } from "./histogram";
import { splitIntoWeeks } from "./range";
import type { ReportScope } from "./types";

/**
 * The two wait histograms the Reports page reads (lib/db/schema/report-rollups.ts): the AI's waits from webhook to
 * Front (run_wait_histogram, counted in runs) and the waits from a handoff to a teammate's reply
 * (handoff_reply_histogram, counted in sessions). Each has a weekly table whose rows (appended by triggers, folded
 * by the workers' upkeep) sum to the sum of its days, so a range reads its whole weeks from there and only the days
 * at either end from the daily table: 90 days are about 13 weekly rows and 6 daily rows per bucket instead of 90.
 */
const HISTOGRAMS = {
  runWaits: { daily: "run_wait_histogram", weekly: "run_wait_weekly_histogram", count: "runs" },
  replyWaits: { daily: "handoff_reply_histogram", weekly: "handoff_reply_weekly_histogram", count: "sessions" },
} as const;

export type WaitHistogram = keyof typeof HISTOGRAMS;

/** Each channel's buckets over an inclusive range of UTC days (one channel's when the scope names it). */
export async function readWaitHistogram(
  db: Db,
  histogram: WaitHistogram,
  scope: ReportScope,
): Promise<Map<string, WaitBucket[]>> {
  const { daily, weekly, count } = HISTOGRAMS[histogram];
  const { weeks, edges } = splitIntoWeeks(scope.from, scope.to);
  const channel = scope.channel ? sql` and r.channel = ${scope.channel}` : sql``;
  const parts: SQL[] = edges.map(
    (edge) => sql`select r.channel, r.bucket, r.${sql.raw(count)} as count, r.wait_seconds_sum
      from ${sql.raw(daily)} r where r.day >= ${edge.from}::date and r.day <= ${edge.to}::date${channel}`,
  );
  if (weeks) {
    parts.push(sql`select r.channel, r.bucket, r.${sql.raw(count)} as count, r.wait_seconds_sum
      from ${sql.raw(weekly)} r where r.week >= ${weeks.first}::date and r.week <= ${weeks.last}::date${channel}`);
  }
  const result = await db.execute(sql`
    select w.channel, w.bucket, sum(w.count)::float8 as count, sum(w.wait_seconds_sum)::float8 as wait_sum
    from (${sql.join(parts, sql` union all `)}) w
    group by 1, 2
    having sum(w.count) > 0`);
  const byChannel = new Map<string, WaitBucket[]>();
  for (const row of rowsOf<{ channel: string; bucket: unknown; count: unknown; wait_sum: unknown }>(result)) {
    const buckets = byChannel.get(row.channel) ?? [];
    buckets.push({ bucket: Number(row.bucket), runs: Number(row.count), waitSum: Number(row.wait_sum) });
    byChannel.set(row.channel, buckets);
  }
  return byChannel;
}
