import { afterEach, describe, expect, it } from "vitest";
import { listDeliveries } from "@/lib/db/queries/deliveries";
import { requeueEvent } from "@/lib/db/queries/webhook-events";
import { signalJobEnqueued } from "@/lib/jobs/signals";
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
    const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE, ...call });
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
    const forged = await harness.sim.deliverEvent({ id: "evt_forged01", type: "inbound", conversation: { id: "cnv_forged01" }, target: null }, { signature: "wrong-secret" });
    expect(forged.delivery.status).toBe(401);
    const answer = await explain("cnv_forged01");
    expect(answer.checks.map((check) => check.id)).toEqual(["webhook_received", "signature"]);
    expect(answer.firstFailure).toMatchObject({ id: "signature", status: "failed" });
    expect(answer.firstFailure?.detail).toContain("signature does not match FRONT_APP_SECRET");
    expect((await explain(conversationId)).firstFailure).toBeNull();
  });

  it("the master switch is off", async () => {
    expect(await firstFailureFor((h) => (h.settings.enabled = false))).toMatchObject({ id: "master_switch", status: "failed" });
  });

  it("the channel is switched off", async () => {
    expect(await firstFailureFor((h) => (h.settings.channels.voice = false))).toMatchObject({ id: "channel_switch", detail: expect.stringContaining("Phone") });
  });

  it("the conversation is assigned to someone else", async () => {
    expect(await firstFailureFor(() => {}, { assigneeId: "tea_rep7" })).toMatchObject({ id: "assignment", detail: expect.stringContaining("Dana Reyes") });
  });

  it("the conversation is unassigned and that option is off", async () => {
    expect(await firstFailureFor(() => {}, { assigneeId: null })).toMatchObject({ id: "unassigned_switch", status: "failed" });
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
      target: { ...target, data: { ...target.data, id: "msg_byteammate1", is_inbound: false, author: harness.sim.teammates.find((t) => t.id === "tea_rep7") } },
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
      ["channel_switch", "passed"],
      ["assignment", "passed"],
      ["unassigned_switch", "passed"],
      ["customer_author", "passed"],
      ["processed", "passed"],
    ]);
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
    expect(forOne.deliveries.find((row) => row.frontEventId === answered.eventId)).toMatchObject({ decision: "processed", ticketNumber: expect.any(Number) });
    const firstPage = await listDeliveries(db, { limit: 1 });
    const secondPage = await listDeliveries(db, { limit: 1, beforeId: firstPage.nextBeforeId! });
    expect(secondPage.deliveries[0].id).toBeLessThan(firstPage.deliveries[0].id);
  });

  it("re-runs a failed event once Front is back, without posting twice", async () => {
    harness = await startHarness(kind);
    harness.sim.fail({ status: 503, method: "POST", path: "/conversations/*/messages", count: 1000 });
    const placed = await harness.sim.placeCall({ from: "+14155550100", text: QUESTION, assigneeId: AI_TEAMMATE });
    const failed = await harness.waitForEvent(placed.eventId, 30_000);
    expect(failed.decision).toBe("failed");
    harness.sim.clearFaults();

    expect(await requeueEvent(harness.database.db, failed.id)).toBe("queued");
    expect(await requeueEvent(harness.database.db, failed.id)).toBe("already_queued");
    signalJobEnqueued("front-events");
    const rerun = await harness.waitForEvent(placed.eventId);
    expect(rerun.decision).toBe("processed");
    expect(harness.sim.getConversation(placed.conversationId)!.replies).toHaveLength(1);

    expect(await requeueEvent(harness.database.db, failed.id)).toBe("queued");
    await harness.waitForEvent(placed.eventId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.sim.getConversation(placed.conversationId)!.replies).toHaveLength(1);
  });

  it("refuses to re-run a delivery whose signature was refused", async () => {
    harness = await startHarness(kind);
    await harness.sim.deliverEvent({ id: "evt_forged02", type: "inbound", conversation: { id: "cnv_forged02" } }, { signature: "tampered" });
    const [rejected] = (await listDeliveries(harness.database.db, { decision: "rejected", limit: 5 })).deliveries;
    expect(await requeueEvent(harness.database.db, rejected.id)).toBe("not_verified");
    expect(await requeueEvent(harness.database.db, 999_999)).toBe("not_found");
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
