// Sessions whose AI rates are worked out by hand (issue 12): the integration test of the rates and the browser test
// of the Reports page read the same rows, and check them against the numbers written in their own files.
import type { Db } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { addDays, utcDate } from "@/lib/reports/range";
import type { AiOutcome, Channel, HandoffReason, SessionStatus } from "@/lib/domain";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface AiRateSpec {
  name: string;
  channel: Channel;
  /** Days before now the session started; the AI acted a minute later. */
  daysAgo: number;
  outcome: AiOutcome | null;
  reason?: HandoffReason;
  /** Hours after the AI's act. */
  humanReplyAfter?: number;
  reopenAfter?: number;
  /** Where the conversation is now: never what the rates read. */
  status?: SessionStatus;
  /** Instead of daysAgo: the AI acted this many hours before now (the session started a minute earlier). */
  actedHoursAgo?: number;
}

// The range is the last 14 days (today included); the range before is the 14 days before that.
export const AI_RATE_SPECS: AiRateSpec[] = [
  // Voice: 12 sessions, 10 acted on.
  { name: "v1", channel: "voice", daysAgo: 10, outcome: "answered", status: "resolved" }, // resolved 72 h and 7 days
  { name: "v2", channel: "voice", daysAgo: 10, outcome: "answered", humanReplyAfter: 1 }, // a person had to reply
  { name: "v3", channel: "voice", daysAgo: 10, outcome: "answered", reopenAfter: 100 }, // resolved at 72 h, not at 7 days
  { name: "v4", channel: "voice", daysAgo: 10, outcome: "answered", reopenAfter: 2 }, // reopened within 72 h
  { name: "v5", channel: "voice", daysAgo: 1, outcome: "answered" }, // too recent to judge
  {
    name: "v6",
    channel: "voice",
    daysAgo: 5,
    outcome: "handed_off",
    reason: "user_requested_human_assistance",
    humanReplyAfter: 0.5,
    status: "resolved",
  },
  {
    name: "v7",
    channel: "voice",
    daysAgo: 5,
    outcome: "handed_off",
    reason: "insufficient_knowledge",
    humanReplyAfter: 1.5,
  },
  { name: "v8", channel: "voice", daysAgo: 5, outcome: "handed_off", reason: "insufficient_knowledge" },
  { name: "v9", channel: "voice", daysAgo: 5, outcome: "failed" },
  { name: "v10", channel: "voice", daysAgo: 5, outcome: "skipped" },
  { name: "v11", channel: "voice", daysAgo: 0, outcome: null, status: "ai_answering" },
  // Answered on the day 7 days' window edge falls on: judged at 7 days (read from sessions, not the rollup).
  { name: "v12", channel: "voice", daysAgo: 7, outcome: "answered", humanReplyAfter: 100 }, // resolved at 72 h, not at 7 days
  // Email: 5 sessions, 4 acted on.
  { name: "e1", channel: "email", daysAgo: 4, outcome: "answered" }, // resolved at 72 h; 7 days not passed
  { name: "e2", channel: "email", daysAgo: 4, outcome: "handed_off", reason: "error", humanReplyAfter: 10 / 60 },
  { name: "e3", channel: "email", daysAgo: 4, outcome: "skipped" },
  // On the day the 72-hour window's edge falls on: e4 before the edge (judged), e5 after it (not yet).
  { name: "e4", channel: "email", daysAgo: 3, outcome: "answered" },
  { name: "e5", channel: "email", daysAgo: 3, actedHoursAgo: 71.5, outcome: "answered" },
  // The range before.
  { name: "p1", channel: "voice", daysAgo: 20, outcome: "answered" },
  { name: "p2", channel: "voice", daysAgo: 20, outcome: "handed_off", reason: "user_requested_human_assistance" },
  { name: "p3", channel: "email", daysAgo: 20, outcome: "failed" },
];

/** The range the specs are laid out around: the last 14 UTC days, today included; the range before is the 14 days before. */
export function aiRatesRange(today = utcDate()): { from: string; to: string } {
  return { from: addDays(today, -13), to: today };
}

/** Inserts the sessions; returns each session id's name (also its subject, which the Inbox shows). */
export async function seedAiRateSessions(db: Db, now = Date.now()): Promise<Map<string, string>> {
  const today = utcDate(now);
  const ids = new Map<string, string>();
  for (const spec of AI_RATE_SPECS) {
    // Early on its day and never later than now's time of day, so a session of today has started already.
    const createdAt =
      spec.actedHoursAgo !== undefined
        ? new Date(now - spec.actedHoursAgo * HOUR - 60_000)
        : new Date(Date.parse(`${addDays(today, -spec.daysAgo)}T00:00:00Z`) + Math.min(now % DAY, 10 * HOUR) / 2);
    const actedAt = spec.outcome ? new Date(createdAt.getTime() + 60_000) : null;
    const after = (hours: number | undefined) =>
      actedAt && hours !== undefined ? new Date(actedAt.getTime() + hours * HOUR) : null;
    const [row] = await db
      .insert(sessions)
      .values({
        frontConversationId: `cnv_rates_${spec.name}_${now}`,
        channel: spec.channel,
        status: spec.status ?? (spec.outcome === null ? "ai_answering" : spec.outcome),
        handoffReason: spec.reason ?? null,
        aiOutcome: spec.outcome,
        aiOutcomeAt: actedAt,
        humanRepliedAt: after(spec.humanReplyAfter),
        reopenedAt: after(spec.reopenAfter),
        createdAt,
        updatedAt: createdAt,
        lastActivityAt: createdAt,
        subject: spec.name,
        contactName: spec.name,
      })
      .returning({ id: sessions.id });
    ids.set(row.id, spec.name);
  }
  return ids;
}
