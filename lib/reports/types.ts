import { z } from "zod";
import { CHANNELS } from "../front/channels";
import { RESULT_WINDOWS } from "../inbox/session-filters";
import { isIsoDate } from "./range";

/** Longest range one report covers, in days (a year and a leap day). */
export const MAX_RANGE_DAYS = 366;

/** Session statuses as the Inbox filters them, in the order the outcome chart stacks them. */
export const OUTCOME_STATUSES = ["answered", "resolved", "handed_off", "failed", "skipped", "ai_answering"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** The statuses that end the AI's part in a session: the denominator of every outcome rate. */
export const REACHED_OUTCOME_STATUSES = ["answered", "resolved", "handed_off", "failed"] as const;
export type ReachedOutcomeStatus = (typeof REACHED_OUTCOME_STATUSES)[number];

export const REPORT_SENTIMENTS = ["angry", "frustrated", "neutral", "positive"] as const;
export type ReportSentiment = (typeof REPORT_SENTIMENTS)[number];

const isoDate = z.string().refine(isIsoDate, "must be a date written YYYY-MM-DD");

/** GET /api/reports: an inclusive range of UTC days and an optional channel. */
export const reportQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
    channel: z.enum(CHANNELS).optional(),
    /** Hours after the AI's act that AI resolution and reopens are judged at (default 72). */
    window: z.coerce
      .number()
      .int()
      .refine(
        (hours) => (RESULT_WINDOWS as readonly number[]).includes(hours),
        `must be one of ${RESULT_WINDOWS.join(", ")} hours`,
      )
      .optional(),
  })
  .superRefine((value, context) => {
    if (!isIsoDate(value.from) || !isIsoDate(value.to)) return;
    if (value.from > value.to) context.addIssue({ code: "custom", path: ["to"], message: "must be on or after from" });
    else if (Date.parse(value.to) - Date.parse(value.from) >= MAX_RANGE_DAYS * 86_400_000) {
      context.addIssue({ code: "custom", path: ["to"], message: `the range can cover at most ${MAX_RANGE_DAYS} days` });
    }
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** What one query of the report counts: an inclusive range of UTC days, of one channel or all. */
export interface ReportScope {
  from: string;
  to: string;
  channel?: string;
}

const count = z.number().int().min(0);
/** A share from 0 to 1; null when its denominator is 0. */
const rate = z.number().min(0).max(1).nullable();
/** Per channel: voice, email… (an unknown channel stored by an older version keeps its raw name). */
const channelCounts = z.record(z.string(), count);

export const volumeDaySchema = z.object({ date: z.string(), counts: channelCounts, total: count });

export const outcomeRowSchema = z.object({
  /** A channel, or "all" for the row over every channel shown. */
  channel: z.string(),
  sessions: count,
  counts: z.object({
    answered: count,
    resolved: count,
    handed_off: count,
    failed: count,
    skipped: count,
    ai_answering: count,
  }),
  /** Sessions whose status is none of the known ones. */
  other: count,
  /** answered + resolved + handed off + failed: the denominator of the rates. */
  reachedOutcome: count,
  rates: z.object({ answered: rate, resolved: rate, handed_off: rate, failed: rate }),
});

export const reasonRowSchema = z.object({ reason: z.string(), counts: channelCounts, total: count, share: rate });

export const sentimentRowSchema = z.object({
  channel: z.string(),
  sessions: count,
  counts: z.object({ angry: count, frustrated: count, neutral: count, positive: count }),
  /** Sessions the AI has not judged yet (no run finished). */
  unknown: count,
  /** Each sentiment ÷ sessions with a sentiment. */
  shares: z.object({ angry: rate, frustrated: rate, neutral: rate, positive: rate }),
});

export const responseTimeRowSchema = z.object({
  channel: z.string(),
  runs: count,
  medianSeconds: z.number().min(0).nullable(),
  p90Seconds: z.number().min(0).nullable(),
});

/** The AI's rates over one channel (or "all"), with the counts they divide (docs/metrics.md). */
export const aiRateRowSchema = z.object({
  channel: z.string(),
  counts: z.object({
    sessions: count,
    /** answered + handed off + failed. */
    acted: count,
    answered: count,
    handedOff: count,
    failed: count,
    skipped: count,
    /** Acted on at least the window ago. */
    judged: count,
    aiResolved: count,
    durableJudged: count,
    durable: count,
    /** Answered at least the window ago. */
    answeredJudged: count,
    reopened: count,
    /** Handed off, and a teammate replied since. */
    humanReplied: count,
  }),
  rates: z.object({
    involvement: rate,
    aiResolution: rate,
    durableResolution: rate,
    handoff: rate,
    deliveryFailure: rate,
    reopen: rate,
  }),
  /** Seconds from the AI's handoff to a teammate's first reply. */
  humanReplySeconds: z.object({ p50: z.number().min(0).nullable(), p90: z.number().min(0).nullable() }),
});

/** One UTC day of the AI's rates over time: the counts the day's AI resolution and handoff rate divide. */
export const aiTrendDaySchema = z.object({
  date: z.string(),
  acted: count,
  handedOff: count,
  judged: count,
  aiResolved: count,
});

const aiPeriodSchema = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  /** Every day of the range (the current range only; empty for the range before). */
  trend: z.array(aiTrendDaySchema),
  byChannel: z.array(aiRateRowSchema),
  all: aiRateRowSchema,
  /** Sessions the AI handed off, by that handoff's reason; rate = ÷ sessions the AI acted on. */
  handoffReasons: z.array(z.object({ reason: z.string(), counts: channelCounts, total: count, rate })),
});

export const aiRatesSchema = z.object({
  windowHours: z.number().int().min(1),
  durableWindowHours: z.number().int().min(1),
  current: aiPeriodSchema,
  /** The same figures for the range of the same length just before. */
  previous: aiPeriodSchema,
});

/** The answer of GET /api/reports: the datasets of the Reports page. */
export const channelReportSchema = z.object({
  range: z.object({ from: z.string(), to: z.string(), days: count }),
  channel: z.string().nullable(),
  /** The channels every dataset is broken down by, in display order. */
  channels: z.array(z.string()),
  totalSessions: count,
  volume: z.array(volumeDaySchema),
  outcomes: z.object({ byChannel: z.array(outcomeRowSchema), all: outcomeRowSchema }),
  handoffReasons: z.array(reasonRowSchema),
  sentiment: z.object({ byChannel: z.array(sentimentRowSchema), all: sentimentRowSchema }),
  responseTimes: z.object({ byChannel: z.array(responseTimeRowSchema), all: responseTimeRowSchema }),
  /** Time to reply or hand off over every channel, for the range just before (compared on the tiles). */
  previousResponseTimes: responseTimeRowSchema,
  ai: aiRatesSchema,
});

export type ChannelReport = z.infer<typeof channelReportSchema>;
/** The datasets read from the rollups, without the AI's rates: what the older tables and charts draw. */
export type RollupReport = Omit<ChannelReport, "previousResponseTimes" | "ai">;
export type VolumeDay = z.infer<typeof volumeDaySchema>;
export type OutcomeRow = z.infer<typeof outcomeRowSchema>;
export type ReasonRow = z.infer<typeof reasonRowSchema>;
export type SentimentRow = z.infer<typeof sentimentRowSchema>;
export type ResponseTimeRow = z.infer<typeof responseTimeRowSchema>;
export type AiRateRow = z.infer<typeof aiRateRowSchema>;
export type AiRates = z.infer<typeof aiRatesSchema>;
export type AiTrendDay = z.infer<typeof aiTrendDaySchema>;
