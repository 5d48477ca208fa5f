import { CHANNELS } from "../front/channels";
import { rate } from "./format";
import { daysInRange, eachDay } from "./range";
import {
  OUTCOME_STATUSES,
  REACHED_OUTCOME_STATUSES,
  REPORT_SENTIMENTS,
  type ChannelReport,
  type OutcomeRow,
  type ReasonRow,
  type ResponseTimeRow,
  type RollupReport,
  type SentimentRow,
  type VolumeDay,
} from "./types";

/** Grouped counts straight from SQL: sessions per (day, channel), (channel, status)… */
export interface ReportRawRows {
  volume: { day: string; channel: string; sessions: number }[];
  statuses: { channel: string; status: string; sessions: number }[];
  sentiments: { channel: string; sentiment: string | null; sessions: number }[];
  reasons: { reason: string; channel: string; sessions: number }[];
  /** One row per channel and one with channel null over all of them (GROUP BY ROLLUP). */
  responseTimes: { channel: string | null; runs: number; median: number | null; p90: number | null }[];
}

export interface ReportRange {
  from: string;
  to: string;
  channel?: string | null;
}

/** The channels a report breaks down by: the filtered one, else the five known ones and any other found. */
export function reportChannels(raw: ReportRawRows, channel?: string | null): string[] {
  if (channel) return [channel];
  const seen = new Set<string>(CHANNELS);
  const extra = new Set<string>();
  for (const row of [...raw.volume, ...raw.statuses]) if (!seen.has(row.channel)) extra.add(row.channel);
  return [...CHANNELS, ...[...extra].sort()];
}

function zeroCounts(channels: readonly string[]): Record<string, number> {
  return Object.fromEntries(channels.map((channel) => [channel, 0]));
}

/** One entry per day of the range, days without sessions included as zeros. */
export function buildVolume(
  raw: ReportRawRows["volume"],
  channels: readonly string[],
  from: string,
  to: string,
): VolumeDay[] {
  const byDay = new Map(eachDay(from, to).map((date) => [date, zeroCounts(channels)]));
  for (const row of raw) {
    const counts = byDay.get(row.day);
    if (counts && row.channel in counts) counts[row.channel] += row.sessions;
  }
  return [...byDay].map(([date, counts]) => ({
    date,
    counts,
    total: Object.values(counts).reduce((sum, value) => sum + value, 0),
  }));
}

function outcomeRow(channel: string, counts: OutcomeRow["counts"], other: number): OutcomeRow {
  const reachedOutcome = REACHED_OUTCOME_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const sessions = OUTCOME_STATUSES.reduce((sum, status) => sum + counts[status], 0) + other;
  return {
    channel,
    sessions,
    counts,
    other,
    reachedOutcome,
    rates: {
      answered: rate(counts.answered, reachedOutcome),
      resolved: rate(counts.resolved, reachedOutcome),
      handed_off: rate(counts.handed_off, reachedOutcome),
      failed: rate(counts.failed, reachedOutcome),
    },
  };
}

const emptyOutcomeCounts = (): OutcomeRow["counts"] => ({
  answered: 0,
  resolved: 0,
  handed_off: 0,
  failed: 0,
  skipped: 0,
  ai_answering: 0,
});

/** Sessions per status for each channel, with rates over the sessions that reached an outcome, and a total row. */
export function buildOutcomes(raw: ReportRawRows["statuses"], channels: readonly string[]): ChannelReport["outcomes"] {
  const counts = new Map(channels.map((channel) => [channel, { counts: emptyOutcomeCounts(), other: 0 }]));
  const all = { counts: emptyOutcomeCounts(), other: 0 };
  for (const row of raw) {
    const entry = counts.get(row.channel);
    if (!entry) continue;
    for (const target of [entry, all]) {
      if ((OUTCOME_STATUSES as readonly string[]).includes(row.status))
        target.counts[row.status as keyof OutcomeRow["counts"]] += row.sessions;
      else target.other += row.sessions;
    }
  }
  return {
    byChannel: channels.map((channel) => outcomeRow(channel, counts.get(channel)!.counts, counts.get(channel)!.other)),
    all: outcomeRow("all", all.counts, all.other),
  };
}

/** Sessions per latest handoff reason, per channel; most frequent first. */
export function buildReasons(raw: ReportRawRows["reasons"], channels: readonly string[]): ReasonRow[] {
  const byReason = new Map<string, Record<string, number>>();
  for (const row of raw) {
    if (!channels.includes(row.channel)) continue;
    const counts = byReason.get(row.reason) ?? zeroCounts(channels);
    counts[row.channel] += row.sessions;
    byReason.set(row.reason, counts);
  }
  const rows = [...byReason].map(([reason, counts]) => ({
    reason,
    counts,
    total: Object.values(counts).reduce((sum, value) => sum + value, 0),
  }));
  const handedOff = rows.reduce((sum, row) => sum + row.total, 0);
  return rows
    .map((row) => ({ ...row, share: rate(row.total, handedOff) }))
    .sort((a, b) => b.total - a.total || a.reason.localeCompare(b.reason));
}

function sentimentRow(channel: string, counts: SentimentRow["counts"], unknown: number): SentimentRow {
  const judged = REPORT_SENTIMENTS.reduce((sum, sentiment) => sum + counts[sentiment], 0);
  return {
    channel,
    sessions: judged + unknown,
    counts,
    unknown,
    shares: {
      angry: rate(counts.angry, judged),
      frustrated: rate(counts.frustrated, judged),
      neutral: rate(counts.neutral, judged),
      positive: rate(counts.positive, judged),
    },
  };
}

const emptySentimentCounts = (): SentimentRow["counts"] => ({ angry: 0, frustrated: 0, neutral: 0, positive: 0 });

/** Sessions per sentiment for each channel, with shares of the sessions the AI judged, and a total row. */
export function buildSentiment(
  raw: ReportRawRows["sentiments"],
  channels: readonly string[],
): ChannelReport["sentiment"] {
  const counts = new Map(channels.map((channel) => [channel, { counts: emptySentimentCounts(), unknown: 0 }]));
  const all = { counts: emptySentimentCounts(), unknown: 0 };
  for (const row of raw) {
    const entry = counts.get(row.channel);
    if (!entry) continue;
    for (const target of [entry, all]) {
      if (row.sentiment && (REPORT_SENTIMENTS as readonly string[]).includes(row.sentiment))
        target.counts[row.sentiment as keyof SentimentRow["counts"]] += row.sessions;
      else target.unknown += row.sessions;
    }
  }
  return {
    byChannel: channels.map((channel) =>
      sentimentRow(channel, counts.get(channel)!.counts, counts.get(channel)!.unknown),
    ),
    all: sentimentRow("all", all.counts, all.unknown),
  };
}

/** Seconds rounded to the millisecond (the database keeps microseconds). */
function seconds(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : Math.round(Math.max(0, value) * 1000) / 1000;
}

/** Median and p90 per channel; channels without a delivered run get zero runs and no times. */
export function buildResponseTimes(
  raw: ReportRawRows["responseTimes"],
  channels: readonly string[],
): ChannelReport["responseTimes"] {
  const toRow = (channel: string, row: ReportRawRows["responseTimes"][number] | undefined): ResponseTimeRow => ({
    channel,
    runs: row?.runs ?? 0,
    medianSeconds: row && row.runs > 0 ? seconds(row.median) : null,
    p90Seconds: row && row.runs > 0 ? seconds(row.p90) : null,
  });
  return {
    byChannel: channels.map((channel) =>
      toRow(
        channel,
        raw.find((row) => row.channel === channel),
      ),
    ),
    all: toRow(
      "all",
      raw.find((row) => row.channel === null),
    ),
  };
}

/** Every dataset of the Reports page from the grouped SQL rows, but the AI's rates (lib/reports/ai-rates.ts). */
export function buildChannelReport(raw: ReportRawRows, range: ReportRange): RollupReport {
  const channels = reportChannels(raw, range.channel);
  const volume = buildVolume(raw.volume, channels, range.from, range.to);
  return {
    range: { from: range.from, to: range.to, days: daysInRange(range.from, range.to) },
    channel: range.channel ?? null,
    channels,
    totalSessions: volume.reduce((sum, day) => sum + day.total, 0),
    volume,
    outcomes: buildOutcomes(raw.statuses, channels),
    handoffReasons: buildReasons(raw.reasons, channels),
    sentiment: buildSentiment(raw.sentiments, channels),
    responseTimes: buildResponseTimes(raw.responseTimes, channels),
  };
}
