// Retention and erasure (issue 15), on both databases, against rows the test reads back: calls and messages go
// through the real pipeline (the simulator over HTTP, the offline model), then a purge or an erasure must leave no
// customer text or handle in sessions, messages, steps, handoffs, deliveries or test cases — and every figure the
// reports count (channel, status, AI outcome, sentiment, handoff reason, times) exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/lib/db/client";
import { createEvalSet, listEvalCases, saveEvalCases } from "@/lib/db/queries/evals";
import { agentRuns, agentSteps, auditLog, handoffs, sessionMessages, sessions, webhookEvents } from "@/lib/db/schema";
import { caseFromSession } from "@/lib/evals/from-session";
import { getSessionDetail } from "@/lib/db/queries/sessions";
import { ERASURE_NOTICE, eraseContact, purgeExpired, RETENTION_NOTICE } from "@/lib/retention";
import { startPipelineWorker } from "@/lib/runtime";
import { dbKinds } from "../helpers/db";
import { AI_TEAMMATE, startHarness, type Harness } from "../helpers/pipeline-harness";

const DAY = 86_400_000;

describe.each(dbKinds())("retention and erasure, on %s", (kind) => {
  let harness: Harness;
  const db = () => harness.database.db;
  beforeAll(async () => {
    harness = await startHarness(kind);
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** A customer's message through the pipeline; returns its session. */
  async function converse(from: string, text: string, messageType: "sms" | "email" = "sms") {
    const sent = await harness.sim.sendMessage({ messageType, from, text, assigneeId: AI_TEAMMATE });
    await harness.waitForEvent(sent.eventId);
    await harness.sim.whenIdle();
    return harness.sessionOf(sent.conversationId);
  }

  /** What the reports count of a session: never changed by a purge or an erasure. */
  const figures = async (id: string) =>
    (
      await db()
        .select({
          channel: sessions.channel,
          status: sessions.status,
          aiOutcome: sessions.aiOutcome,
          sentiment: sessions.sentiment,
          handoffReason: sessions.handoffReason,
          createdAt: sessions.createdAt,
          aiOutcomeAt: sessions.aiOutcomeAt,
        })
        .from(sessions)
        .where(eq(sessions.id, id))
    )[0];

  /** Every text column of a session's rows, as one string to search. */
  async function everythingAbout(id: string, conversationId: string): Promise<string> {
    const parts = await Promise.all([
      db().select().from(sessions).where(eq(sessions.id, id)),
      db().select().from(sessionMessages).where(eq(sessionMessages.sessionId, id)),
      db().select().from(agentRuns).where(eq(agentRuns.sessionId, id)),
      db()
        .select()
        .from(agentSteps)
        .where(
          inArray(
            agentSteps.runId,
            db().select({ id: agentRuns.id }).from(agentRuns).where(eq(agentRuns.sessionId, id)),
          ),
        ),
      db().select().from(handoffs).where(eq(handoffs.sessionId, id)),
      db().select().from(webhookEvents).where(eq(webhookEvents.frontConversationId, conversationId)),
    ]);
    return JSON.stringify(parts);
  }

  it("deletes the texts of sessions past the retention period and keeps their figures; newer sessions are untouched", async () => {
    const old = await converse(
      "+14155550201",
      "Hi, this is Rosalind Okafor. How do I reset my password? My account is rosalind@okafor.example.",
    );
    const handedOff = await converse("+14155550202", "I want to speak to a human about my order 77812 right now.");
    const recent = await converse("+14155550203", "Hello from Bartholomew, what are your opening hours?");
    const before = {
      old: await figures(old.id),
      handedOff: await figures(handedOff.id),
      recent: await figures(recent.id),
    };
    expect(before.handedOff).toMatchObject({
      aiOutcome: "handed_off",
      handoffReason: "user_requested_human_assistance",
    });
    expect(await everythingAbout(old.id, old.frontConversationId)).toContain("Rosalind");

    // The first two were last active 40 days ago (and their deliveries arrived then); the retention period is 30 days.
    const longAgo = new Date(Date.now() - 40 * DAY);
    await db()
      .update(sessions)
      .set({ lastActivityAt: longAgo })
      .where(inArray(sessions.id, [old.id, handedOff.id]));
    await db()
      .update(webhookEvents)
      .set({ receivedAt: longAgo })
      .where(inArray(webhookEvents.frontConversationId, [old.frontConversationId, handedOff.frontConversationId]));

    const deleted = await purgeExpired(db(), { days: 30, batch: 1 });
    expect(deleted.sessions).toBe(2);
    // The first session's question and the AI's answer; the second's request (a handoff writes no message).
    expect(deleted.messages).toBe(3);
    expect(deleted.handoffs).toBe(1);
    expect(deleted.events).toBeGreaterThanOrEqual(2);

    for (const [session, words] of [
      [old, ["Rosalind", "Okafor", "rosalind@okafor.example", "+14155550201", "reset my password"]],
      [handedOff, ["77812", "+14155550202", "speak to a human"]],
    ] as const) {
      const everything = await everythingAbout(session.id, session.frontConversationId);
      for (const word of words) expect(everything, word).not.toContain(word);
      expect(await figures(session.id)).toEqual(before[session === old ? "old" : "handedOff"]);
      const detail = (await getSessionDetail(db(), session.id))!;
      expect(detail.messages.every((message) => message.text === RETENTION_NOTICE)).toBe(true);
    }
    const [handoff] = await db().select().from(handoffs).where(eq(handoffs.sessionId, handedOff.id));
    // The comment was written in Front, so its copy here says it was deleted rather than reading as never written.
    expect(handoff).toMatchObject({
      summary: RETENTION_NOTICE,
      reason: "user_requested_human_assistance",
      commentBody: RETENTION_NOTICE,
    });
    // The recent session keeps everything.
    expect(await everythingAbout(recent.id, recent.frontConversationId)).toContain("Bartholomew");
    expect(await figures(recent.id)).toEqual(before.recent);

    // Running again finds nothing left to delete.
    expect(await purgeExpired(db(), { days: 30 })).toEqual({
      sessions: 0,
      messages: 0,
      steps: 0,
      handoffs: 0,
      events: 0,
    });
  });

  it("erases one contact in every spelling of their number: sessions, steps, deliveries and test cases made from them", async () => {
    const first = await converse("+14155550301", "Hi, it's Wilhelmina Castellanos. How do I update my payment card?");
    const second = await converse(
      "+14155550301",
      "Wilhelmina again: please put a person on, my card was charged twice.",
    );
    const someoneElse = await converse("+14155550302", "Hi, it's Cornelius. Are you open on Saturday?");
    const set = await createEvalSet(db(), { name: `erasure ${kind}`, userId: null });
    const detail = (await getSessionDetail(db(), first.id))!;
    const fromSession = caseFromSession(detail);
    await saveEvalCases(db(), set.id, [fromSession], {
      userId: null,
      sourceSessionIds: { [fromSession.id]: first.id },
    });
    // A case written by hand that names the caller's number goes too.
    await saveEvalCases(
      db(),
      set.id,
      [{ ...fromSession, id: "by-hand", contact: "+14155550301", input: "A caller asked about a card." }],
      { userId: null },
    );
    expect(await listEvalCases(db(), set.id)).toHaveLength(2);
    const before = { first: await figures(first.id), second: await figures(second.id) };

    const erased = await eraseContact(db(), "+1 (415) 555-0301");
    expect(erased.sessions).toBe(2);
    expect(erased.cases).toBe(2);
    for (const session of [first, second]) {
      const everything = await everythingAbout(session.id, session.frontConversationId);
      for (const word of ["Wilhelmina", "Castellanos", "+14155550301", "4155550301", "charged twice"])
        expect(everything, word).not.toContain(word);
      expect(await figures(session.id)).toEqual(before[session === first ? "first" : "second"]);
      expect(
        (await getSessionDetail(db(), session.id))!.messages.every((message) => message.text === ERASURE_NOTICE),
      ).toBe(true);
    }
    expect(await listEvalCases(db(), set.id)).toEqual([]);
    const versions = rowsOf<{ body: unknown }>(
      await db().execute(sql`select body from eval_case_versions where set_id = ${set.id}`),
    );
    expect(versions.every((version) => version.body === null)).toBe(true);
    // No delivery anywhere still carries the number.
    const carrying = rowsOf<{ n: number }>(
      await db().execute(sql`select count(*)::int as n from webhook_events where strpos(body::text, '4155550301') > 0`),
    );
    expect(carrying[0]!.n).toBe(0);
    // Another customer is untouched.
    expect(await everythingAbout(someoneElse.id, someoneElse.frontConversationId)).toContain("Cornelius");
  });

  it("is done by the worker's upkeep when RETENTION_DAYS is set", async () => {
    const session = await converse("+14155550401", "Hi, Evangeline here: how do I change my billing email?");
    await db()
      .update(sessions)
      .set({ lastActivityAt: new Date(Date.now() - 10 * DAY) })
      .where(eq(sessions.id, session.id));
    await db()
      .update(webhookEvents)
      .set({ receivedAt: new Date(Date.now() - 10 * DAY) })
      .where(eq(webhookEvents.frontConversationId, session.frontConversationId));
    const worker = startPipelineWorker(harness.context, { concurrency: 1, retentionDays: 7, maintenanceEveryMs: 50 });
    try {
      await expect
        .poll(
          async () =>
            (
              await db().select({ handle: sessions.contactHandle }).from(sessions).where(eq(sessions.id, session.id))
            )[0]!.handle,
          { timeout: 10_000 },
        )
        .toBeNull();
      expect(await everythingAbout(session.id, session.frontConversationId)).not.toContain("Evangeline");
    } finally {
      await worker.stop();
    }
  });

  it("purges the audit log too when AUDIT_RETENTION_DAYS is set", async () => {
    const [old] = await db()
      .insert(auditLog)
      .values({ at: new Date(Date.now() - 40 * DAY), actorName: "Test", action: "settings.ai.update", after: { x: 1 } })
      .returning();
    const worker = startPipelineWorker(harness.context, {
      concurrency: 1,
      auditRetentionDays: 30,
      maintenanceEveryMs: 50,
    });
    try {
      await expect
        .poll(async () => (await db().select().from(auditLog).where(eq(auditLog.id, old!.id))).length, {
          timeout: 10_000,
        })
        .toBe(0);
      const purges = await db().select().from(auditLog).where(eq(auditLog.action, "audit.purge"));
      expect(purges.map((row) => (row.after as { deleted: number }).deleted)).toEqual([1]);
    } finally {
      await worker.stop();
    }
  });
});
