import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { agentRuns, handoffs, sessions } from "@/lib/db/schema";
import { percentileCont } from "@/lib/stats";
import { getChannelReport } from "@/lib/reports/queries";
import { channelReportSchema } from "@/lib/reports/types";
import { createTestDatabase, dbKinds } from "../helpers/db";
import type { AiOutcome, Channel, HandoffReason, Sentiment, SessionStatus } from "@/lib/domain";

interface SessionSpec {
  channel: Channel;
  createdAt: string;
  /** A status, or one no release writes any more ("legacy_closed"), which the reports must survive. */
  status: SessionStatus | "legacy_closed";
  sentiment?: Sentiment | null;
  reason?: HandoffReason | null;
  isSample?: boolean;
  /** Seconds from webhook to delivery for each run; null: a run that never reached Front. */
  waits?: (number | null)[];
}

// The week of 2026-11-01 to 2026-11-07 (UTC), with sessions on the edges of the range and just outside it.
const SESSIONS: SessionSpec[] = [
  { channel: "voice", createdAt: "2026-11-01T00:00:00.000Z", status: "answered", sentiment: "positive", waits: [4.5] },
  {
    channel: "voice",
    createdAt: "2026-11-01T23:59:59.999Z",
    status: "handed_off",
    sentiment: "angry",
    reason: "user_requested_human_assistance",
    waits: [10],
  },
  {
    channel: "voice",
    createdAt: "2026-11-03T12:00:00.000Z",
    status: "handed_off",
    sentiment: "frustrated",
    reason: "insufficient_knowledge",
    waits: [20],
  },
  { channel: "voice", createdAt: "2026-11-07T23:59:59.000Z", status: "failed", waits: [null] },
  { channel: "voice", createdAt: "2026-11-08T00:00:00.000Z", status: "answered", sentiment: "positive", waits: [1] },
  {
    channel: "voice",
    createdAt: "2026-10-31T23:59:59.999Z",
    status: "handed_off",
    sentiment: "angry",
    reason: "error",
    waits: [1],
  },
  {
    channel: "email",
    createdAt: "2026-11-02T09:00:00.000Z",
    status: "answered",
    sentiment: "positive",
    waits: [30, 60],
  },
  { channel: "email", createdAt: "2026-11-02T15:00:00.000Z", status: "resolved", sentiment: "neutral", waits: [90] },
  { channel: "email", createdAt: "2026-11-05T08:00:00.000Z", status: "skipped" },
  { channel: "sms", createdAt: "2026-11-04T10:00:00.000Z", status: "ai_answering", waits: [null] },
  {
    channel: "sms",
    createdAt: "2026-11-04T11:00:00.000Z",
    status: "handed_off",
    sentiment: "neutral",
    reason: "user_requested_human_assistance",
    isSample: true,
    waits: [5],
  },
  { channel: "web", createdAt: "2026-11-06T18:30:00.000Z", status: "legacy_closed", sentiment: "positive" },
];

const WEEK = { from: "2026-11-01", to: "2026-11-07" };
/** What the AI did, for these sessions whose status never moved after it (the AI's rates have their own tests). */
const AI_OUTCOME_OF_STATUS: Partial<Record<SessionSpec["status"], AiOutcome>> = {
  answered: "answered",
  resolved: "answered",
  handed_off: "handed_off",
  failed: "failed",
  skipped: "skipped",
};

async function seed(database: Database) {
  const { db } = database;
  let index = 0;
  for (const spec of SESSIONS) {
    index += 1;
    const createdAt = new Date(spec.createdAt);
    const [session] = await db
      .insert(sessions)
      .values({
        frontConversationId: `cnv_report${index}`,
        channel: spec.channel,
        // The legacy status is written as the database would hold it; the column's type knows only today's statuses.
        status: spec.status as SessionStatus,
        sentiment: spec.sentiment ?? null,
        handoffReason: spec.reason ?? null,
        aiOutcome: AI_OUTCOME_OF_STATUS[spec.status] ?? null,
        aiOutcomeAt: AI_OUTCOME_OF_STATUS[spec.status] ? createdAt : null,
        isSample: spec.isSample ?? false,
        createdAt,
        updatedAt: createdAt,
        lastActivityAt: createdAt,
      })
      .returning();
    let turn = 0;
    for (const wait of spec.waits ?? []) {
      turn += 1;
      const receivedAt = new Date(createdAt.getTime() + turn * 3_600_000);
      const handoff = Boolean(spec.reason) && turn === spec.waits!.length;
      const [run] = await db
        .insert(agentRuns)
        .values({
          sessionId: session.id,
          triggerMessageId: `msg_report${index}_${turn}`,
          model: "local",
          status: "completed",
          outcome: handoff ? "handoff" : "reply",
          deliveryStatus: wait === null ? "failed" : "delivered",
          receivedAt,
          startedAt: new Date(receivedAt.getTime() + 100),
          finishedAt: new Date(receivedAt.getTime() + 200),
          deliveredAt: wait === null ? null : new Date(receivedAt.getTime() + wait * 1000),
        })
        .returning();
      if (handoff) {
        await db.insert(handoffs).values({
          sessionId: session.id,
          runId: run.id,
          reason: spec.reason!,
          summary: "Needs a person.",
          sentiment: spec.sentiment ?? "neutral",
          createdAt: receivedAt,
        });
      }
    }
  }
}

describe.each(dbKinds())("channel reports on %s", (kind) => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // A server whose clock is not UTC must still bucket by UTC day (PGlite has one connection, so this sticks).
    if (kind === "pglite") await database.db.execute(sql`set time zone 'America/Los_Angeles'`);
    await seed(database);
  });

  afterAll(async () => {
    await database?.close();
  });

  it("counts sessions per UTC day and channel, every day of the range present, edges included", async () => {
    const report = await getChannelReport(database.db, WEEK);
    expect(channelReportSchema.parse(report)).toEqual(report);
    expect(report.range).toEqual({ from: "2026-11-01", to: "2026-11-07", days: 7 });
    expect(report.channels).toEqual(["voice", "email", "sms", "whatsapp", "web"]);
    expect(report.totalSessions).toBe(10);
    const byDay = Object.fromEntries(report.volume.map((day) => [day.date, day.counts]));
    expect(Object.keys(byDay)).toEqual([
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
      "2026-11-06",
      "2026-11-07",
    ]);
    expect(byDay["2026-11-01"]).toEqual({ voice: 2, email: 0, sms: 0, whatsapp: 0, web: 0 });
    expect(byDay["2026-11-02"]).toEqual({ voice: 0, email: 2, sms: 0, whatsapp: 0, web: 0 });
    expect(byDay["2026-11-03"]).toEqual({ voice: 1, email: 0, sms: 0, whatsapp: 0, web: 0 });
    expect(byDay["2026-11-04"]).toEqual({ voice: 0, email: 0, sms: 2, whatsapp: 0, web: 0 });
    expect(byDay["2026-11-05"]).toEqual({ voice: 0, email: 1, sms: 0, whatsapp: 0, web: 0 });
    expect(byDay["2026-11-06"]).toEqual({ voice: 0, email: 0, sms: 0, whatsapp: 0, web: 1 });
    expect(byDay["2026-11-07"]).toEqual({ voice: 1, email: 0, sms: 0, whatsapp: 0, web: 0 });
    expect(report.volume.map((day) => day.total)).toEqual([2, 2, 1, 2, 1, 1, 1]);
  });

  it("counts outcomes per channel with rates over the sessions that reached an outcome", async () => {
    const { outcomes } = await getChannelReport(database.db, WEEK);
    const voice = outcomes.byChannel.find((row) => row.channel === "voice")!;
    expect(voice).toEqual({
      channel: "voice",
      sessions: 4,
      counts: { answered: 1, resolved: 0, handed_off: 2, failed: 1, skipped: 0, ai_answering: 0 },
      other: 0,
      reachedOutcome: 4,
      rates: { answered: 0.25, resolved: 0, handed_off: 0.5, failed: 0.25 },
    });
    const email = outcomes.byChannel.find((row) => row.channel === "email")!;
    expect(email.counts).toEqual({ answered: 1, resolved: 1, handed_off: 0, failed: 0, skipped: 1, ai_answering: 0 });
    expect(email.reachedOutcome).toBe(2);
    expect(email.rates).toEqual({ answered: 0.5, resolved: 0.5, handed_off: 0, failed: 0 });
    const sms = outcomes.byChannel.find((row) => row.channel === "sms")!;
    expect(sms).toMatchObject({ sessions: 2, reachedOutcome: 1, rates: { answered: 0, handed_off: 1 } });
    expect(sms.counts.ai_answering).toBe(1);
    const web = outcomes.byChannel.find((row) => row.channel === "web")!;
    expect(web).toMatchObject({
      sessions: 1,
      other: 1,
      reachedOutcome: 0,
      rates: { answered: null, resolved: null, handed_off: null, failed: null },
    });
    expect(outcomes.byChannel.find((row) => row.channel === "whatsapp")).toMatchObject({
      sessions: 0,
      reachedOutcome: 0,
      rates: { answered: null },
    });
    expect(outcomes.all).toEqual({
      channel: "all",
      sessions: 10,
      counts: { answered: 2, resolved: 1, handed_off: 3, failed: 1, skipped: 1, ai_answering: 1 },
      other: 1,
      reachedOutcome: 7,
      rates: { answered: 2 / 7, resolved: 1 / 7, handed_off: 3 / 7, failed: 1 / 7 },
    });
  });

  it("counts sessions per latest handoff reason and channel, most frequent first, sample sessions included", async () => {
    const { handoffReasons } = await getChannelReport(database.db, WEEK);
    expect(handoffReasons).toEqual([
      {
        reason: "user_requested_human_assistance",
        counts: { voice: 1, email: 0, sms: 1, whatsapp: 0, web: 0 },
        total: 2,
        share: 2 / 3,
      },
      {
        reason: "insufficient_knowledge",
        counts: { voice: 1, email: 0, sms: 0, whatsapp: 0, web: 0 },
        total: 1,
        share: 1 / 3,
      },
    ]);
  });

  it("counts the sentiment mix per channel, with shares of the judged sessions", async () => {
    const { sentiment } = await getChannelReport(database.db, WEEK);
    const voice = sentiment.byChannel.find((row) => row.channel === "voice")!;
    expect(voice).toEqual({
      channel: "voice",
      sessions: 4,
      counts: { angry: 1, frustrated: 1, neutral: 0, positive: 1 },
      unknown: 1,
      shares: { angry: 1 / 3, frustrated: 1 / 3, neutral: 0, positive: 1 / 3 },
    });
    expect(sentiment.byChannel.find((row) => row.channel === "email")).toMatchObject({
      counts: { angry: 0, frustrated: 0, neutral: 1, positive: 1 },
      unknown: 1,
    });
    expect(sentiment.byChannel.find((row) => row.channel === "sms")).toMatchObject({
      counts: { neutral: 1 },
      unknown: 1,
      shares: { neutral: 1 },
    });
    expect(sentiment.byChannel.find((row) => row.channel === "whatsapp")).toMatchObject({
      sessions: 0,
      shares: { angry: null, positive: null },
    });
    expect(sentiment.all).toMatchObject({
      sessions: 10,
      counts: { angry: 1, frustrated: 1, neutral: 2, positive: 3 },
      unknown: 3,
      shares: { positive: 3 / 7 },
    });
  });

  it("takes the median and p90 of webhook-to-delivery seconds per channel, undelivered runs left out", async () => {
    const { responseTimes } = await getChannelReport(database.db, WEEK);
    expect(responseTimes.byChannel).toEqual([
      { channel: "voice", runs: 3, medianSeconds: 10, p90Seconds: 18 },
      { channel: "email", runs: 3, medianSeconds: 60, p90Seconds: 84 },
      { channel: "sms", runs: 1, medianSeconds: 5, p90Seconds: 5 },
      { channel: "whatsapp", runs: 0, medianSeconds: null, p90Seconds: null },
      { channel: "web", runs: 0, medianSeconds: null, p90Seconds: null },
    ]);
    const waits = [4.5, 10, 20, 30, 60, 90, 5];
    expect(responseTimes.all).toEqual({ channel: "all", runs: 7, medianSeconds: 20, p90Seconds: 72 });
    // The same interpolation as a spreadsheet's PERCENTILE over the seven delivered runs.
    expect(responseTimes.all.medianSeconds).toBeCloseTo(percentileCont(waits, 0.5)!, 3);
    expect(responseTimes.all.p90Seconds).toBeCloseTo(percentileCont(waits, 0.9)!, 3);
  });

  it("narrows every dataset to one channel", async () => {
    const report = await getChannelReport(database.db, { ...WEEK, channel: "voice" });
    expect(report.channel).toBe("voice");
    expect(report.channels).toEqual(["voice"]);
    expect(report.totalSessions).toBe(4);
    expect(report.volume.map((day) => day.counts)).toEqual([
      { voice: 2 },
      { voice: 0 },
      { voice: 1 },
      { voice: 0 },
      { voice: 0 },
      { voice: 0 },
      { voice: 1 },
    ]);
    expect(report.outcomes.all).toMatchObject({ sessions: 4, reachedOutcome: 4, rates: { handed_off: 0.5 } });
    expect(report.handoffReasons.map((row) => [row.reason, row.counts, row.total])).toEqual([
      ["insufficient_knowledge", { voice: 1 }, 1],
      ["user_requested_human_assistance", { voice: 1 }, 1],
    ]);
    expect(report.sentiment.all.counts).toEqual({ angry: 1, frustrated: 1, neutral: 0, positive: 1 });
    expect(report.responseTimes.all).toEqual({ channel: "all", runs: 3, medianSeconds: 10, p90Seconds: 18 });
  });

  it("a single day covers 00:00 to 24:00 UTC", async () => {
    const report = await getChannelReport(database.db, { from: "2026-11-01", to: "2026-11-01" });
    expect(report.range.days).toBe(1);
    expect(report.totalSessions).toBe(2);
    expect(report.responseTimes.all).toMatchObject({ runs: 2, medianSeconds: 7.25 });
  });

  it("a range without sessions has zero counts, no rates and no times", async () => {
    const report = await getChannelReport(database.db, { from: "2025-01-01", to: "2025-01-03" });
    expect(report.totalSessions).toBe(0);
    expect(report.volume).toHaveLength(3);
    expect(report.volume.every((day) => day.total === 0)).toBe(true);
    expect(report.outcomes.all).toMatchObject({
      sessions: 0,
      reachedOutcome: 0,
      rates: { answered: null, handed_off: null },
    });
    expect(report.handoffReasons).toEqual([]);
    expect(report.sentiment.all.sessions).toBe(0);
    expect(report.responseTimes.all).toEqual({ channel: "all", runs: 0, medianSeconds: null, p90Seconds: null });
  });
});
