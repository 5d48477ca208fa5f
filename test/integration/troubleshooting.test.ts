import { afterEach, describe, expect, it } from "vitest";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { createLocalModel } from "@/lib/agent/local-model";
import { listDeliveries } from "@/lib/db/queries/deliveries";
import { getWebhookEvent } from "@/lib/db/queries/webhook-events";
import { webhookEvents, type WebhookEvent } from "@/lib/db/schema";
import { signalJobEnqueued } from "@/lib/jobs/signals";
import { rerunEvent } from "@/lib/troubleshooting/rerun";
import { explainConversation } from "@/lib/troubleshooting/explain";
import { dbKinds } from "../helpers/db";
import { AI_TEAMMATE, startHarness, type Harness } from "../helpers/pipeline-harness";

const QUESTION = "Voicemail transcript\nHi, how do I reset my password? The reset email never arrives.";

describe.each(dbKinds())("why didn't the AI reply? on %s", (kind) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function explain(conversationId: string) {
    return explainConversation(harness!.database.db, harness!.settings, conversationId);
  }

  async function firstFailureFor(setup: (h: Harness) => void, call: Record<string, unknown> = {}) {
    harness = await startHarness(kind);
    setup(harness);
    const placed = await harness.sim.placeCall({
      from: "+14155550100",
      text: QUESTION,
      assigneeId: AI_TEAMMATE,
      ...call,
    });
    await harness.waitForEvent(placed.eventId);
    return (await explain(placed.conversationId)).firstFailure;
  }

  it("no delivery arrived: the webhook is the cause", async () => {
    harness = await startHarness(kind);
    const answer = await explain("cnv_neverseen");
    expect(answer.checks).toHaveLength(1);
    expect(answer.firstFailure).toMatchObject({ id: "webhook_received", status: "failed" });
    expect(answer.firstFailure?.detail).toMatch(/webhook URL/);
  });

  it("every delivery was refused: the signature is the cause", async () => {
    harness = await startHarness(kind);
    const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE });
    const { conversationId } = placed;
    await harness.waitForEvent(placed.eventId);
    const forged = await harness.sim.deliverEvent(
      { id: "evt_forged01", type: "inbound", conversation: { id: "cnv_forged01" }, target: null },
      { signature: "wrong-secret" },
    );
    expect(forged.delivery.status).toBe(401);
    const answer = await explain("cnv_forged01");
    expect(answer.checks.map((check) => check.id)).toEqual(["webhook_received", "signature"]);
    expect(answer.firstFailure).toMatchObject({ id: "signature", status: "failed" });
    expect(answer.firstFailure?.detail).toContain("signature does not match FRONT_APP_SECRET");
    expect((await explain(conversationId)).firstFailure).toBeNull();
  });

  it("the master switch is off", async () => {
    expect(await firstFailureFor((h) => (h.settings.enabled = false))).toMatchObject({
      id: "master_switch",
      status: "failed",
    });
  });

  it("the channel is switched off", async () => {
    expect(await firstFailureFor((h) => (h.settings.channels.voice = false))).toMatchObject({
      id: "channel_switch",
      detail: expect.stringContaining("Phone"),
    });
  });

  it("the conversation is assigned to someone else", async () => {
    expect(await firstFailureFor(() => {}, { assigneeId: "tea_rep7" })).toMatchObject({
      id: "assignment",
      detail: expect.stringContaining("Dana Reyes"),
    });
  });

  it("the conversation is unassigned and that option is off", async () => {
    expect(await firstFailureFor(() => {}, { assigneeId: null })).toMatchObject({
      id: "unassigned_switch",
      status: "failed",
    });
  });

  it("the message was written by a teammate", async () => {
    harness = await startHarness(kind);
    const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE });
    await harness.waitForEvent(placed.eventId);
    const event = harness.sim.getEvent(placed.eventId)!;
    const target = event.target as { data: Record<string, unknown> };
    const teammateWritten = {
      ...event,
      id: "evt_byteammate1",
      target: {
        ...target,
        data: {
          ...target.data,
          id: "msg_byteammate1",
          is_inbound: false,
          author: harness.sim.teammates.find((t) => t.id === "tea_rep7"),
        },
      },
    };
    await harness.sim.deliverEvent(teammateWritten);
    await harness.waitForEvent("evt_byteammate1");
    const answer = await explain(placed.conversationId);
    expect(answer.firstFailure).toMatchObject({ id: "customer_author", detail: expect.stringContaining("Dana Reyes") });
  });

  it("everything passed: the answer says the AI processed it and links the session", async () => {
    harness = await startHarness(kind);
    const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE });
    await harness.waitForEvent(placed.eventId);
    const answer = await explain(placed.conversationId);
    expect(answer.firstFailure).toBeNull();
    expect(answer.checks.map((check) => [check.id, check.status])).toEqual([
      ["webhook_received", "passed"],
      ["signature", "passed"],
      ["master_switch", "passed"],
      ["not_in_trash", "passed"],
      ["channel_switch", "passed"],
      ["assignment", "passed"],
      ["unassigned_switch", "passed"],
      ["customer_author", "passed"],
      ["processed", "passed"],
    ]);
    // The count and its noun agree ("1 delivery", never "1 deliveries").
    const [, count, word] = /^(\d+) (\w+) for this conversation$/.exec(answer.checks[0].detail ?? "") ?? [];
    expect(word).toBe(Number(count) === 1 ? "delivery" : "deliveries");
    expect(answer.sessionId).toEqual(expect.any(String));
  });
});

describe.each(dbKinds())("deliveries and re-runs on %s", (kind) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("lists deliveries newest first, filtered by decision and conversation", async () => {
    harness = await startHarness(kind);
    const answered = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE });
    const skipped = await harness.sim.placeCall({ from: "+14155550101", text: QUESTION, assigneeId: "tea_rep7" });
    await harness.waitForEvent(answered.eventId);
    await harness.waitForEvent(skipped.eventId);
    const { db } = harness.database;
    const all = await listDeliveries(db, { limit: 50 });
    expect(all.deliveries[0].id).toBeGreaterThan(all.deliveries.at(-1)!.id);
    const onlySkipped = await listDeliveries(db, { decision: "skipped", limit: 50 });
    expect(onlySkipped.deliveries.map((row) => row.frontConversationId)).toEqual([skipped.conversationId]);
    const forOne = await listDeliveries(db, { frontConversationId: answered.conversationId, limit: 50 });
    expect(forOne.deliveries.every((row) => row.frontConversationId === answered.conversationId)).toBe(true);
    expect(forOne.deliveries.find((row) => row.frontEventId === answered.eventId)).toMatchObject({
      decision: "processed",
      ticketNumber: expect.any(Number),
    });
    const firstPage = await listDeliveries(db, { limit: 1 });
    const secondPage = await listDeliveries(db, { limit: 1, beforeId: firstPage.nextBeforeId! });
    expect(secondPage.deliveries[0].id).toBeLessThan(firstPage.deliveries[0].id);
  });

  /** Queues a re-run and waits until the worker has decided the new attempt. */
  async function rerunAndWait(deliveryId: number, timeoutMs = 15_000): Promise<WebhookEvent> {
    const result = await rerunEvent(harness!.database.db, deliveryId);
    if (result.status !== "queued") throw new Error(`re-run not queued: ${result.status}`);
    signalJobEnqueued("front-events");
    return harness!.waitForAttempt(result.attemptId, timeoutMs);
  }

  it("sorts deliveries by when Front sent them, whatever order they were stored in", async () => {
    harness = await startHarness(kind);
    const { db } = harness.database;
    const sentAt = (minutes: number) => Date.parse("2026-11-02T10:00:00Z") / 1000 + minutes * 60;
    // Stored out of order: the 10:05 event arrives first, the 10:00 one last (Front retried it late).
    for (const [id, minutes] of [
      ["evt_late05", 5],
      ["evt_late10", 10],
      ["evt_late00", 0],
    ] as const) {
      await db.insert(webhookEvents).values({
        frontEventId: id,
        kind: "rule",
        eventType: "tag",
        frontConversationId: "cnv_sorted01",
        headers: {},
        body: { id, type: "tag", emitted_at: sentAt(minutes), conversation: { id: "cnv_sorted01" } },
        signatureResult: "valid",
        decision: "recorded",
      });
    }
    const order = async (beforeId?: number, limit = 50) =>
      (await listDeliveries(db, { frontConversationId: "cnv_sorted01", beforeId, limit })).deliveries.map(
        (row) => row.frontEventId,
      );
    expect(await order()).toEqual(["evt_late10", "evt_late05", "evt_late00"]);
    const [first] = (await listDeliveries(db, { frontConversationId: "cnv_sorted01", limit: 1 })).deliveries;
    expect(await order(first.id)).toEqual(["evt_late05", "evt_late00"]);
    expect(new Date(first.sentAt).toISOString()).toBe("2026-11-02T10:10:00.000Z");
  });

  it("re-runs a failed event as a new attempt once Front is back, without posting twice", async () => {
    harness = await startHarness(kind);
    harness.sim.fail({ status: 503, method: "POST", path: "/conversations/*/messages", count: 1000 });
    const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE });
    const failed = await harness.waitForEvent(placed.eventId, 30_000);
    expect(failed.decision).toBe("failed");
    harness.sim.clearFaults();

    const retried = await rerunAndWait(failed.id);
    expect(retried).toMatchObject({ decision: "processed", rerunOf: failed.id, sessionId: failed.sessionId });
    expect(harness.sim.getConversation(placed.conversationId)!.replies).toHaveLength(1);
    // The failed delivery still says what happened then.
    expect(await getWebhookEvent(harness.database.db, failed.id)).toMatchObject({
      decision: "failed",
      decisionReason: failed.decisionReason,
      processingMs: failed.processingMs,
    });

    // A re-run of the re-run repeats the delivery itself, and answers nothing twice.
    const again = await rerunAndWait(retried.id);
    expect(again).toMatchObject({ decision: "processed", decisionReason: "already answered", rerunOf: failed.id });
    expect(harness.sim.getConversation(placed.conversationId)!.replies).toHaveLength(1);
    const listed = (
      await listDeliveries(harness.database.db, { frontConversationId: placed.conversationId, limit: 50 })
    ).deliveries;
    expect(listed.filter((row) => row.frontEventId === placed.eventId).map((row) => row.id)).toEqual([
      again.id,
      retried.id,
      failed.id,
    ]);
  });

  it("re-running an answered delivery keeps its record and leaves the session as its answer left it", async () => {
    harness = await startHarness(kind);
    const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE });
    const answered = await harness.waitForEvent(placed.eventId);
    const before = await harness!.sessionOf(placed.conversationId);
    expect(before.status).not.toBe("ai_answering");

    expect(await rerunAndWait(answered.id)).toMatchObject({
      decision: "processed",
      decisionReason: "already answered",
    });
    expect((await harness!.sessionOf(placed.conversationId)).status).toBe(before.status);
    expect(await getWebhookEvent(harness.database.db, answered.id)).toMatchObject({
      decision: answered.decision,
      decisionReason: answered.decisionReason,
      processingMs: answered.processingMs,
      processedAt: answered.processedAt,
    });
  });

  it("a re-run stopped midway by Front failing never leaves its session answering", async () => {
    harness = await startHarness(kind);
    harness.settings.enabled = false;
    const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE });
    const skipped = await harness.waitForEvent(placed.eventId);
    expect(skipped.decision).toBe("skipped");
    // Switched on, the re-run answers; but every write to Front fails, on each of the worker's attempts.
    harness.settings.enabled = true;
    harness.sim.fail({ status: 503, method: "POST", path: "/conversations/*/messages", count: 1000 });
    harness.sim.fail({ status: 503, method: "POST", path: "/conversations/*/comments", count: 1000 });

    const attempt = await rerunAndWait(skipped.id, 30_000);
    expect(attempt).toMatchObject({ decision: "failed", rerunOf: skipped.id });
    expect(await harness!.sessionOf(placed.conversationId)).toMatchObject({ status: "failed" });
    expect(await getWebhookEvent(harness.database.db, skipped.id)).toMatchObject({
      decision: "skipped",
      decisionReason: skipped.decisionReason,
      processingMs: skipped.processingMs,
    });
  });

  it("a re-run whose model breaks midway hands off and never leaves its session answering", async () => {
    harness = await startHarness(kind);
    harness.settings.enabled = false;
    const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE });
    const skipped = await harness.waitForEvent(placed.eventId);
    harness.settings.enabled = true;
    // The model's first step (a knowledge search) works; the connection drops on the next one.
    const local = createLocalModel();
    let steps = 0;
    const breaksMidway: LanguageModelV3 = {
      specificationVersion: local.specificationVersion,
      provider: local.provider,
      modelId: local.modelId,
      supportedUrls: local.supportedUrls,
      doGenerate: async (options) => {
        steps += 1;
        if (steps > 1) throw new Error("connection reset by the model provider");
        return local.doGenerate(options);
      },
      doStream: async () => {
        throw new Error("connection reset by the model provider");
      },
    };
    harness.context.modelFor = () => breaksMidway;

    const attempt = await rerunAndWait(skipped.id);
    expect(steps).toBeGreaterThan(1);
    expect(attempt).toMatchObject({ decision: "processed", rerunOf: skipped.id });
    expect(await harness!.sessionOf(placed.conversationId)).toMatchObject({
      status: "handed_off",
      handoffReason: "error",
    });
  });

  it("refuses to re-run a delivery whose signature was refused", async () => {
    harness = await startHarness(kind);
    await harness.sim.deliverEvent(
      { id: "evt_forged02", type: "inbound", conversation: { id: "cnv_forged02" } },
      { signature: "tampered" },
    );
    const [rejected] = (await listDeliveries(harness.database.db, { decision: "rejected", limit: 5 })).deliveries;
    expect(await rerunEvent(harness.database.db, rejected.id)).toEqual({ status: "not_verified" });
    expect(await rerunEvent(harness.database.db, 999_999)).toEqual({ status: "not_found" });
  });
});

describe.each(dbKinds())("explaining a skip after the settings changed, on %s", (kind) => {
  it("keeps the cause recorded at the time and says it would pass now", async () => {
    const harness = await startHarness(kind, { handleUnassigned: false });
    try {
      const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: null });
      await harness.waitForEvent(placed.eventId);
      harness.settings.handleUnassigned = true;
      const answer = await explainConversation(harness.database.db, harness.settings, placed.conversationId);
      expect(answer.firstFailure).toMatchObject({ id: "unassigned_switch", status: "failed" });
      expect(answer.firstFailure?.detail).toMatch(/unassigned.*passes with today's settings/);
    } finally {
      await harness.close();
    }
  });
});
