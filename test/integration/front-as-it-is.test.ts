// Front as it really is (issue 11), end to end through the simulator: replies Front accepts and then cannot send,
// merged conversations, previews in the flat form, and the bodies third parties captured from real Front traffic.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { agentRuns, handoffs, sessionMessages, webhookEvents } from "@/lib/db/schema";
import { signApplicationBody, signRuleBody } from "@/lib/front/webhook";
import { DEFAULT_COMPANY_ID } from "@/front-sim";
import { dbKinds } from "../helpers/db";
import {
  AI_TEAMMATE,
  HARNESS_AGENT_SETTINGS,
  HARNESS_FRONT_SETTINGS,
  SECRETS,
  startHarness,
  type Harness,
} from "../helpers/pipeline-harness";

const PASSWORD_QUESTION =
  "Voicemail transcript\nHi, this is Sam. How do I reset my password? The reset email never arrives.";
const REAL_PAYLOADS = path.join(__dirname, "../fixtures/front/real-payloads");

describe.each(dbKinds())("Front as it really is, on %s", (kind) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(kind);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    Object.assign(harness.settings, structuredClone(HARNESS_FRONT_SETTINGS));
    Object.assign(harness.agentSettings, structuredClone(HARNESS_AGENT_SETTINGS));
    harness.sim.configure({ webhookKind: "application", rulePreview: false });
    harness.sim.clearFaults();
    harness.company.id = DEFAULT_COMPANY_ID;
  });

  const db = () => harness.database.db;
  async function eventRow(frontEventId: string) {
    const [row] = await db().select().from(webhookEvents).where(eq(webhookEvents.frontEventId, frontEventId));
    return row;
  }
  /** The event the simulator delivered last of a type, once the worker decided on it. */
  async function lastEventOf(type: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await db().select().from(webhookEvents).where(eq(webhookEvents.eventType, type));
      const decided = rows.filter((row) => row.decision !== "queued").sort((a, b) => b.id - a.id);
      if (decided[0]) return decided[0];
      if (Date.now() > deadline) throw new Error(`no decided ${type} event`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  describe("a reply Front accepted (202) and then could not send", () => {
    it("a sending_error after a call was texted back hands the conversation to a person, with the answer, and flags the session", async () => {
      harness.sim.failNextReply({ kind: "sending_error" });
      const placed = await harness.sim.placeCall({
        from: "+14155550131",
        text: PASSWORD_QUESTION,
        assigneeId: AI_TEAMMATE,
      });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });
      await harness.sim.whenIdle();

      const failure = await lastEventOf("sending_error");
      expect(failure).toMatchObject({
        decision: "processed",
        decisionReason: expect.stringMatching(
          /^Front could not send the AI's reply \(sending_error.*\): handed off to a person$/,
        ),
      });
      const view = harness.sim.getConversation(placed.conversationId)!;
      expect(view.replies).toEqual([expect.objectContaining({ failure: "sending_error" })]);
      expect(view.comments).toHaveLength(1);
      expect(view.comments[0].body).toContain("Front could not send the AI's reply");
      expect(view.comments[0].body).toMatch(/password/i);
      expect(view.assigneeId).toBeNull();

      const session = await harness.sessionOf(placed.conversationId);
      expect(session).toMatchObject({
        status: "handed_off",
        flag: "reply_not_delivered",
        handoffReason: "error",
        statusReason: expect.stringContaining("sending_error"),
      });
      const [handoff] = await db().select().from(handoffs).where(eq(handoffs.sessionId, session.id));
      expect(handoff).toMatchObject({ reason: "error", frontCommentId: view.comments[0].id });
      expect(handoff.unassignedAt).not.toBeNull();
    });

    it("a bounced email is handed off the same way; a redelivered bounce posts nothing more", async () => {
      harness.settings.handleUnassigned = true;
      harness.sim.failNextReply({ kind: "message_bounce_error" });
      const placed = await harness.sim.sendMessage({
        messageType: "email",
        from: "ana@example.com",
        subject: "Password",
        text: "How do I reset my password? The email never arrives.",
      });
      await harness.waitForEvent(placed.eventId);
      await harness.sim.whenIdle();
      const bounce = await lastEventOf("message_bounce_error");
      expect(bounce.decision).toBe("processed");
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({
        status: "handed_off",
        flag: "reply_not_delivered",
      });

      await harness.sim.redeliver(bounce.frontEventId!);
      expect(harness.sim.getConversation(placed.conversationId)!.comments).toHaveLength(1);
    });

    it("matches the failure to the reply Front accepted with that message_uid, not to the AI's newest reply", async () => {
      const first = await harness.sim.sendMessage({
        messageType: "sms",
        from: "+14155550133",
        text: "How do I reset my password? The reset email never arrives.",
        assigneeId: AI_TEAMMATE,
      });
      await harness.waitForEvent(first.eventId);
      const second = await harness.sim.sendMessage({
        messageType: "sms",
        from: "+14155550133",
        conversationId: first.conversationId,
        text: "And what are your opening hours?",
        assigneeId: AI_TEAMMATE,
      });
      await harness.waitForEvent(second.eventId);
      await harness.sim.whenIdle();
      const replies = harness.sim.getConversation(first.conversationId)!.replies;
      expect(replies).toHaveLength(2);

      // The first answer (about passwords) fails after the second (about opening hours) was sent.
      const failure = await harness.sim.emitSendingError(replies[0].messageId);
      expect(await harness.waitForEvent(failure.eventId)).toMatchObject({ decision: "processed" });
      const [comment] = harness.sim.getConversation(first.conversationId)!.comments;
      expect(comment.body).toMatch(/password/i);
      expect(comment.body).not.toMatch(/opening hours/i);
      const session = await harness.sessionOf(first.conversationId);
      const [handoff] = await db().select().from(handoffs).where(eq(handoffs.sessionId, session.id));
      const [failedRun] = await db().select().from(agentRuns).where(eq(agentRuns.id, handoff.runId!));
      expect(failedRun.frontMessageUid).toBe(replies[0].messageUid);
    });

    it("a message that is none of the AI's replies is recorded, not handed off", async () => {
      const placed = await harness.sim.sendMessage({
        messageType: "sms",
        from: "+14155550134",
        text: "How do I reset my password?",
        assigneeId: AI_TEAMMATE,
      });
      await harness.waitForEvent(placed.eventId);
      // Sent as the AI teammate, but not by Frontline (another tool holding the same token, say): no run has its uid.
      const other = await harness.sim.teammateReply({
        conversationId: placed.conversationId,
        teammateId: AI_TEAMMATE,
        text: "Automated notice: your ticket was received.",
      });
      await harness.waitForEvent(other.eventId);
      const failure = await harness.sim.emitSendingError(other.messageId!);
      expect(await harness.waitForEvent(failure.eventId)).toMatchObject({
        decision: "recorded",
        decisionReason: "sending_error: the failed message is none of the AI's replies",
      });
      expect(harness.sim.getConversation(placed.conversationId)!.comments).toHaveLength(0);
    });

    it("a teammate's message that could not be sent is recorded, not handed off", async () => {
      const placed = await harness.sim.placeCall({
        from: "+14155550132",
        text: PASSWORD_QUESTION,
        assigneeId: AI_TEAMMATE,
      });
      await harness.waitForEvent(placed.eventId);
      const reply = await harness.sim.teammateReply({
        conversationId: placed.conversationId,
        text: "Dana here, calling you back now.",
      });
      await harness.waitForEvent(reply.eventId);
      const failure = await harness.sim.emitSendingError(reply.messageId!);
      expect(await harness.waitForEvent(failure.eventId)).toMatchObject({
        decision: "recorded",
        decisionReason: "sending_error: a teammate's message could not be sent",
      });
      expect(harness.sim.getConversation(placed.conversationId)!.comments).toHaveLength(0);
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({ status: "answered", flag: null });
    });
  });

  describe("merged conversations", () => {
    it("moves the merged conversation's messages onto the survivor's session and ends the other session, saying where it went", async () => {
      const first = await harness.sim.placeCall({
        from: "+14155550141",
        text: PASSWORD_QUESTION,
        assigneeId: AI_TEAMMATE,
      });
      await harness.waitForEvent(first.eventId);
      const second = await harness.sim.sendMessage({
        messageType: "sms",
        from: "+14155550141",
        text: "Also, how do I reset my password?",
        assigneeId: AI_TEAMMATE,
      });
      await harness.waitForEvent(second.eventId);
      const merged = await harness.sessionOf(first.conversationId);
      const survivor = await harness.sessionOf(second.conversationId);

      const result = await harness.sim.merge(first.conversationId, second.conversationId);
      expect(await harness.waitForEvent(result.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: `${first.conversationId} merged into ${second.conversationId}: session #${merged.ticketNumber} moved onto it`,
        sessionId: survivor.id,
      });
      const messages = await db()
        .select()
        .from(sessionMessages)
        .where(eq(sessionMessages.sessionId, survivor.id))
        .orderBy(asc(sessionMessages.sentAt));
      expect(messages.map((message) => message.frontMessageId)).toContain(first.messageId);
      expect(await harness.sessionOf(first.conversationId)).toMatchObject({
        status: "resolved",
        statusReason: `merged in Front into session #${survivor.ticketNumber}`,
      });
    });

    it("without a session on the survivor, the session itself follows the conversation", async () => {
      const first = await harness.sim.placeCall({
        from: "+14155550142",
        text: PASSWORD_QUESTION,
        assigneeId: AI_TEAMMATE,
      });
      await harness.waitForEvent(first.eventId);
      const session = await harness.sessionOf(first.conversationId);
      // A conversation Frontline never heard of (its webhook delivery went nowhere).
      harness.sim.configure({ webhookUrl: null });
      const other = await harness.sim.sendMessage({
        messageType: "email",
        from: "someone@example.com",
        text: "Hello",
        assigneeId: "tea_rep7",
      });
      harness.sim.configure({ webhookUrl: harness.webhookUrl });
      expect(await harness.sessionOf(other.conversationId)).toBeUndefined();

      const result = await harness.sim.merge(first.conversationId, other.conversationId);
      expect(await harness.waitForEvent(result.eventId)).toMatchObject({
        decision: "processed",
        sessionId: session.id,
      });
      expect(await harness.sessionOf(other.conversationId)).toMatchObject({ id: session.id });
      expect(await harness.sessionOf(first.conversationId)).toBeUndefined();
    });
  });

  describe("previews (rule webhooks without full event data)", () => {
    it("an assignment to the AI teammate in the flat preview form hands it the customer's last message", async () => {
      harness.sim.configure({ webhookKind: "rule", rulePreview: true });
      const placed = await harness.sim.placeCall({ from: "+14155550151", text: PASSWORD_QUESTION, assigneeId: null });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({ decision: "skipped" });
      const assigned = await harness.sim.assign(placed.conversationId, AI_TEAMMATE);
      const row = await harness.waitForEvent(assigned.eventId);
      expect(row.body).toMatchObject({ type: "assign", target: { _meta: { type: "teammate" }, id: AI_TEAMMATE } });
      expect(row.body).not.toHaveProperty("target.data");
      expect(row).toMatchObject({ decision: "processed", decisionReason: "the AI replied" });
    });

    it("an archive has no target at all, and resolves the session", async () => {
      harness.sim.configure({ webhookKind: "rule", rulePreview: true });
      const placed = await harness.sim.placeCall({
        from: "+14155550152",
        text: PASSWORD_QUESTION,
        assigneeId: AI_TEAMMATE,
      });
      await harness.waitForEvent(placed.eventId);
      const archived = await harness.sim.archive(placed.conversationId);
      const row = await harness.waitForEvent(archived.eventId);
      expect(row.body).not.toHaveProperty("target");
      expect(row).toMatchObject({ decision: "processed", decisionReason: "conversation archived: session resolved" });
    });
  });

  describe("bodies captured from real Front traffic (test/fixtures/front/real-payloads, each with its source)", () => {
    const files = readdirSync(REAL_PAYLOADS).filter((name) => name.endsWith(".json"));

    it("has the captured bodies, each beside its source", () => {
      expect(files.length).toBeGreaterThanOrEqual(5);
      for (const file of files)
        expect(readFileSync(path.join(REAL_PAYLOADS, file.replace(/\.json$/, ".source.txt")), "utf8")).toMatch(
          /Source:/,
        );
    });

    /**
     * Signed as Front signs it: an envelope as an application webhook, a bare event as a rule webhook. An envelope
     * is delivered to an endpoint connected to the company it names (a captured body's company is its own).
     */
    async function deliver(raw: Buffer): Promise<Response> {
      const body = JSON.parse(raw.toString("utf8")) as { payload?: unknown; authorization?: { id?: string } };
      const headers: Record<string, string> = { "content-type": "application/json" };
      if ("authorization" in body) {
        harness.company.id = body.authorization?.id ?? harness.company.id;
        const timestamp = String(Date.now());
        headers["x-front-request-timestamp"] = timestamp;
        headers["x-front-signature"] = signApplicationBody(SECRETS.appSecret, timestamp, raw);
        if (!body.payload) headers["x-front-challenge"] = "captured-challenge";
      } else {
        headers["x-front-signature"] = signRuleBody(SECRETS.ruleSecret, raw);
      }
      return fetch(harness.webhookUrl, { method: "POST", headers, body: new Uint8Array(raw) });
    }

    it.each(files)("%s: acknowledged, recorded and routed", async (file) => {
      const raw = readFileSync(path.join(REAL_PAYLOADS, file));
      const response = await deliver(raw);
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { challenge?: string; id?: string; status?: string };
      const body = JSON.parse(raw.toString("utf8")) as {
        type: string;
        payload?: { id: string; type: string };
        id?: string;
      };
      if (body.type === "sync") {
        expect(answer).toEqual({ challenge: "captured-challenge" });
        return;
      }
      const event = body.payload ?? (body as { id: string; type: string });
      expect(answer).toMatchObject({ id: event.id });
      const row = await harness.waitForEvent(event.id);
      expect(row).toMatchObject({ eventType: event.type });
      expect(row.decision).not.toBe("failed");
      if (event.type === "inbound") {
        // A customer's email on an unassigned conversation: its session is recorded with the customer's words, and
        // the AI stays out (handling unassigned conversations is off).
        expect(row).toMatchObject({ decision: "skipped", failedCheck: "unassigned_switch" });
        const session = await harness.sessionOf("cnv_1042nr10");
        expect(session).toMatchObject({ channel: "email", contactHandle: "sabrina@fictionalcustomer.com" });
      }
      expect(await eventRow(event.id)).toBeDefined();
    });
  });
});
