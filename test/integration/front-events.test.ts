// Every Front event type and every channel, end to end: the simulator delivers signed webhooks to the real
// endpoint, the worker processes them against the simulator's Core API, and the tests check both sides: what
// Front now holds (comments, replies, assignee, status, request log) and what Frontline recorded.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import {
  agentRuns,
  agentSteps,
  handoffs,
  jobs,
  sessionMessages,
  webhookEvents,
  type WebhookEvent,
} from "@/lib/db/schema";
import { FrontClient } from "@/lib/front/client";
import type { FrontEvent as SimFrontEvent, FrontEventSide, RequestLogEntry } from "@/front-sim";
import { dbKinds } from "../helpers/db";
import { fixture } from "../helpers/fixtures";
import { AI_TEAMMATE, UNLIMITED_RATE, SECRETS, startHarness, type Harness } from "../helpers/pipeline-harness";

const REP = "tea_rep7";

/** The fixtures' texts. */
const PASSWORD_QUESTION =
  "Voicemail transcript\nHi, this is Sam. Quick question: how do I reset my password? The reset email never arrives. Thanks.";
const WANTS_A_PERSON =
  "Call transcript (3m09s)\nCustomer: Hi, I was charged twice for my March invoice and I've called three times already.\nAI line: I can help look into billing questions.\nCustomer: No. I want to talk to a real person right now, this is ridiculous.";

type EmailFixture = {
  payload: {
    target: { data: { subject: string; body: string; text: string; recipients: { handle: string; role: string }[] } };
  };
};

describe.each(dbKinds())("Front events and channels, on %s", (kind) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(kind);
    harness.context.front = new FrontClient({
      baseUrl: harness.sim.url,
      token: SECRETS.apiToken,
      backoffMs: 10,
      maxRetries: 2,
      rateLimiter: UNLIMITED_RATE,
    });
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    harness.reset();
    harness.sim.configure({ webhookUrl: harness.webhookUrl, webhookKind: "application", rulePreview: false });
  });

  // ---- helpers ----

  const db = () => harness.database.db;

  async function messagesOf(sessionId: string) {
    return db()
      .select()
      .from(sessionMessages)
      .where(eq(sessionMessages.sessionId, sessionId))
      .orderBy(asc(sessionMessages.sentAt), asc(sessionMessages.recordedAt));
  }

  async function messageRow(frontMessageId: string) {
    const [row] = await db().select().from(sessionMessages).where(eq(sessionMessages.frontMessageId, frontMessageId));
    return row;
  }

  async function runsOf(sessionId: string) {
    return db().select().from(agentRuns).where(eq(agentRuns.sessionId, sessionId)).orderBy(asc(agentRuns.startedAt));
  }

  async function jobOf(event: WebhookEvent) {
    const [job] = await db()
      .select()
      .from(jobs)
      .where(sql`(${jobs.payload}->>'webhookEventId')::bigint = ${event.id}`);
    return job;
  }

  /** Core API writes (anything but GET), optionally for one conversation. */
  function writes(conversationId?: string): RequestLogEntry[] {
    return harness.sim.requests.filter(
      (request) =>
        request.method !== "GET" &&
        (!conversationId || request.pathname.startsWith(`/conversations/${conversationId}`)),
    );
  }

  function gets(): string[] {
    return harness.sim.requests.filter((request) => request.method === "GET").map((request) => request.pathname);
  }

  function conversation(id: string) {
    const found = harness.sim.getConversation(id);
    if (!found) throw new Error(`conversation ${id} is not in the simulator`);
    return found;
  }

  function replyTexts(conversationId: string): string[] {
    const view = conversation(conversationId);
    return view.replies.map((reply) => view.messages.find((message) => message.id === reply.messageId)?.text ?? "");
  }

  /** The conversation as Front's events carry it, from the event the simulator emitted for it. */
  function snapshotFrom(eventId: string): SimFrontEvent["conversation"] {
    const event = harness.sim.getEvent(eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    return event.conversation;
  }

  const teammate = (id: string) => harness.sim.teammates.find((candidate) => candidate.id === id)!;
  const byTeammate = (id = REP): FrontEventSide => ({ _meta: { type: "teammate" }, data: teammate(id) });
  const byRule: FrontEventSide = {
    _meta: { type: "rule" },
    data: { id: "rul_58xhq", name: "Route calls to AI", is_private: false },
  };

  /** An Event object as Front builds it (README §2): a fresh evt_ id, source, target and the conversation. */
  function frontEvent(
    type: string,
    parts: { conversation?: unknown; source?: FrontEventSide | null; target?: FrontEventSide | null } = {},
  ): Record<string, unknown> {
    const id = `evt_${randomBytes(6).toString("hex")}`;
    return {
      _links: { self: `${harness.sim.url}/events/${id}` },
      id,
      type,
      emitted_at: Date.now() / 1000,
      source: parts.source ?? null,
      target: parts.target ?? null,
      ...(parts.conversation === undefined ? {} : { conversation: parts.conversation }),
    };
  }

  async function deliver(
    event: SimFrontEvent | Record<string, unknown>,
    options?: Parameters<Harness["sim"]["deliverEvent"]>[1],
  ): Promise<WebhookEvent> {
    const { delivery } = await harness.sim.deliverEvent(event, options);
    expect(delivery.status, `delivery of ${String(event.type)}`).toBe(200);
    return harness.waitForEvent(String(event.id));
  }

  /** A call (by default the fixture's password question, to the AI), placed and processed: the simulator's answer and the event row. */
  async function processedCall(input: Partial<Parameters<Harness["sim"]["placeCall"]>[0]> = {}) {
    const placed = await harness.sim.placeCall({
      from: "+14155550188",
      text: PASSWORD_QUESTION,
      answered: false,
      durationSeconds: 41,
      ...input,
    });
    const event = await harness.waitForEvent(placed.eventId);
    return { placed, event };
  }

  // ---- 1. calls whose text arrives later ----

  describe("call transcripts", () => {
    it("skips a call without usable text until its transcript arrives, then answers the fresh message once", async () => {
      const placed = await harness.sim.placeCall({ from: "+14155550188", text: "Incoming call", durationSeconds: 95 });
      const first = await harness.waitForEvent(placed.eventId);
      expect(first).toMatchObject({
        decision: "skipped",
        decisionReason: "waiting for the call's transcript",
        failedCheck: null,
      });
      expect(writes()).toEqual([]);
      const waiting = await harness.sessionOf(placed.conversationId);
      expect(waiting).toMatchObject({
        status: "skipped",
        statusReason: "waiting for the call's transcript",
        channel: "voice",
      });
      expect(first.sessionId).toBe(waiting.id);
      expect(await runsOf(waiting.id)).toEqual([]);

      const transcript = await harness.sim.addCallTranscript(
        placed.messageId!,
        "Call transcript\nCustomer: Hi, how do I reset my password? The reset email never arrives.",
      );
      const second = await harness.waitForEvent(transcript.eventId);
      expect(second).toMatchObject({
        eventType: "call_transcript_added",
        decision: "processed",
        decisionReason: "the AI replied",
        sessionId: waiting.id,
      });
      // A transcript changes the message after the fact: it is read afresh, not from the event.
      expect(gets()).toContain(`/messages/${placed.messageId}`);

      expect(conversation(placed.conversationId).replies).toHaveLength(1);
      expect(conversation(placed.conversationId).comments).toHaveLength(0);
      expect(replyTexts(placed.conversationId)[0]).toMatch(/Resetting your password/);
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({ status: "answered", statusReason: null });
      // The session shows the transcript, not the placeholder, and the model answered that.
      const row = await messageRow(placed.messageId!);
      expect(row.text).toContain("how do I reset my password");
      expect(row.metadata).toMatchObject({ callKind: "transcript", durationSeconds: 95 });
      const [run] = await runsOf(waiting.id);
      expect(run).toMatchObject({
        triggerMessageId: placed.messageId,
        outcome: "reply",
        deliveryStatus: "delivered",
        webhookEventId: second.id,
      });
    });

    it("hands off when the voicemail transcript asks for a person: one comment, then unassigned", async () => {
      const placed = await harness.sim.placeCall({
        from: "+14155550123",
        text: "Incoming call",
        answered: false,
        durationSeconds: 33,
      });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({
        decision: "skipped",
        decisionReason: "waiting for the call's transcript",
      });

      const voicemail = await harness.sim.addCallTranscript(
        placed.messageId!,
        "Voicemail transcript\nHi, this is Sam. I was charged twice this month. I want to talk to a real person, please call me back.",
        { voicemail: true },
      );
      const event = await harness.waitForEvent(voicemail.eventId);
      expect(event).toMatchObject({
        eventType: "call_voicemail_transcript_added",
        decision: "processed",
        decisionReason: "the AI handed off to a person",
      });
      const view = conversation(placed.conversationId);
      expect(view.comments).toHaveLength(1);
      expect(view.comments[0].body).toContain("user_requested_human_assistance");
      expect(view.replies).toHaveLength(0);
      expect(view.assignee).toBeNull();
      expect(writes(placed.conversationId).map((request) => request.method)).toEqual(["POST", "PUT"]);
      const session = await harness.sessionOf(placed.conversationId);
      expect(session).toMatchObject({ status: "handed_off", flag: null });
      expect((await messageRow(placed.messageId!)).metadata).toMatchObject({
        callKind: "voicemail",
        answered: false,
        durationSeconds: 33,
      });
    });
  });

  // ---- 2. teammates' messages ----

  describe("outbound messages by teammates", () => {
    it("records outbound and out_reply on the session as a teammate's message and never answers them", async () => {
      const { placed } = await processedCall();
      const session = await harness.sessionOf(placed.conversationId);
      harness.sim.clearRequests();

      const outbound = await harness.sim.teammateReply({
        conversationId: placed.conversationId,
        text: "Hi Sam, Dana here. I've sent you a new reset link.",
        event: "outbound",
      });
      expect(await harness.waitForEvent(outbound.eventId)).toMatchObject({
        eventType: "outbound",
        decision: "recorded",
        decisionReason: "reply by Dana Reyes recorded",
        sessionId: session.id,
      });

      // out_reply: a teammate's reply in the thread, as Front sends it.
      const outReply = await harness.sim.teammateReply({
        conversationId: placed.conversationId,
        text: "Did the link work for you?",
      });
      expect(await harness.waitForEvent(outReply.eventId)).toMatchObject({
        eventType: "out_reply",
        decision: "recorded",
        decisionReason: "reply by Dana Reyes recorded",
        sessionId: session.id,
      });

      const teammateRows = (await messagesOf(session.id)).filter((message) => message.authorType === "teammate");
      expect(
        teammateRows.map((message) => [message.frontMessageId, message.direction, message.authorName, message.text]),
      ).toEqual([
        [outbound.messageId, "outbound", "Dana Reyes", "Hi Sam, Dana here. I've sent you a new reset link."],
        [outReply.messageId, "outbound", "Dana Reyes", "Did the link work for you?"],
      ]);
      expect(writes()).toEqual([]);
      expect(await runsOf(session.id)).toHaveLength(1);
      expect(conversation(placed.conversationId).replies).toHaveLength(1);
    });
  });

  // ---- 3. conversation events ----

  describe("assignment, tags, moves, comments", () => {
    it("records assign, unassign, move, tag, untag, reopen and comment on the session's history, without touching Front", async () => {
      const { placed } = await processedCall({ assigneeId: REP });
      const session = await harness.sessionOf(placed.conversationId);
      const snapshot = snapshotFrom(placed.eventId);
      harness.sim.clearRequests();

      const events = [
        frontEvent("assign", {
          source: byRule,
          target: { _meta: { type: "teammate" }, data: teammate(REP) },
          conversation: snapshot,
        }),
        frontEvent("unassign", {
          source: byTeammate(),
          conversation: { ...snapshot, assignee: null, status: "unassigned" },
        }),
        frontEvent("move", {
          source: byTeammate(),
          target: { _meta: { type: "inboxes" }, data: [{ id: "inb_mail1", name: "Support", is_private: false }] },
          conversation: snapshot,
        }),
        frontEvent("tag", {
          source: byRule,
          target: { _meta: { type: "tag" }, data: { id: "tag_vip1", name: "VIP" } },
          conversation: snapshot,
        }),
        frontEvent("untag", {
          source: byTeammate(),
          target: { _meta: { type: "tag" }, data: { id: "tag_vip1", name: "VIP" } },
          conversation: snapshot,
        }),
        frontEvent("reopen", { source: byTeammate(), conversation: snapshot }),
        frontEvent("comment", {
          source: byTeammate(),
          target: {
            _meta: { type: "comment" },
            data: {
              id: "com_a1b2c3",
              author: teammate(REP),
              body: "Calling Sam back this afternoon.",
              posted_at: Date.now() / 1000,
            },
          },
          conversation: snapshot,
        }),
      ];
      const rows: WebhookEvent[] = [];
      for (const event of events) rows.push(await deliver(event));
      expect(rows.map((row) => [row.eventType, row.decision, row.sessionId])).toEqual(
        events.map((event) => [event.type, "recorded", session.id]),
      );
      expect(rows[0].decisionReason).toBe("assigned to Dana Reyes");
      // A reopen is the one kept as human follow-up of the AI (see test/integration/ai-outcomes.test.ts).
      expect(rows.slice(1).map((row) => row.decisionReason)).toEqual(
        events
          .slice(1)
          .map((event) => (event.type === "reopen" ? "conversation reopened" : `${String(event.type)} event recorded`)),
      );
      expect(harness.sim.requests).toEqual([]);
      // The session's history is its conversation's events.
      const history = await db().select().from(webhookEvents).where(eq(webhookEvents.sessionId, session.id));
      expect(history.map((row) => row.eventType)).toEqual(
        expect.arrayContaining(["inbound", ...events.map((event) => String(event.type))]),
      );
    });

    it("assigning the AI a conversation whose last customer message is unanswered answers it, once", async () => {
      const placed = await harness.sim.placeCall({
        from: "+14155550188",
        text: PASSWORD_QUESTION,
        answered: false,
        assigneeId: REP,
      });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({
        decision: "skipped",
        failedCheck: "assignment",
      });
      expect(writes()).toEqual([]);

      const assigned = await harness.sim.assign(placed.conversationId, AI_TEAMMATE);
      const event = await harness.waitForEvent(assigned.eventId);
      const session = await harness.sessionOf(placed.conversationId);
      expect(event).toMatchObject({
        eventType: "assign",
        decision: "processed",
        decisionReason: "the AI replied",
        sessionId: session.id,
      });
      expect(conversation(placed.conversationId).replies).toHaveLength(1);
      expect(replyTexts(placed.conversationId)[0]).toMatch(/Resetting your password/);
      expect(session).toMatchObject({ status: "answered" });
      expect(await runsOf(session.id)).toEqual([
        expect.objectContaining({
          triggerMessageId: placed.messageId,
          webhookEventId: event.id,
          deliveryStatus: "delivered",
        }),
      ]);

      // Assigned again (a rule fires twice): the message is answered already.
      const again = await harness.sim.assign(placed.conversationId, AI_TEAMMATE, { by: REP });
      expect(await harness.waitForEvent(again.eventId)).toMatchObject({
        decision: "recorded",
        decisionReason: "assigned to the AI teammate; the last message is not the customer's",
      });
      expect(conversation(placed.conversationId).replies).toHaveLength(1);
    });

    it("assigning the AI a conversation whose last message is a teammate's records it and posts nothing", async () => {
      const placed = await harness.sim.placeCall({ from: "+14155550188", text: PASSWORD_QUESTION, assigneeId: REP });
      await harness.waitForEvent(placed.eventId);
      const reply = await harness.sim.teammateReply({
        conversationId: placed.conversationId,
        text: "Here is how to reset it: Settings → Security.",
      });
      await harness.waitForEvent(reply.eventId);

      const assigned = await harness.sim.assign(placed.conversationId, AI_TEAMMATE, { by: REP });
      const event = await harness.waitForEvent(assigned.eventId);
      expect(event).toMatchObject({
        decision: "recorded",
        decisionReason: "assigned to the AI teammate; the last message is not the customer's",
        sessionId: (await harness.sessionOf(placed.conversationId)).id,
      });
      expect(writes()).toEqual([]);
      expect(conversation(placed.conversationId)).toMatchObject({ replies: [], comments: [], assigneeId: AI_TEAMMATE });
    });
  });

  // ---- 4. archive ----

  describe("archive", () => {
    it("an archive event resolves the session", async () => {
      const { placed } = await processedCall();
      const archived = await harness.sim.archive(placed.conversationId);
      expect(await harness.waitForEvent(archived.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "conversation archived: session resolved",
      });
      const session = await harness.sessionOf(placed.conversationId);
      expect(session).toMatchObject({ status: "resolved", statusReason: "conversation archived" });
      expect(session.resolvedAt).not.toBeNull();
    });

    it("with archiveOnReply, archives a conversation the AI still owns after answering it", async () => {
      harness.settings.archiveOnReply = true;
      const { placed, event } = await processedCall({ assigneeId: AI_TEAMMATE });
      expect(event.decision).toBe("processed");
      const view = conversation(placed.conversationId);
      expect(view.status).toBe("archived");
      // The reply itself never archives (options.archive false); the AI archives explicitly, after checking the assignee.
      expect(view.replies).toEqual([
        expect.objectContaining({ archived: false, options: expect.objectContaining({ archive: false }) }),
      ]);
      const log = harness.sim.requests.map((request) => `${request.method} ${request.pathname}`);
      const id = placed.conversationId;
      expect(log).toEqual([
        `POST /conversations/${id}/messages`,
        `GET /conversations/${id}`,
        `PATCH /conversations/${id}`,
      ]);
      expect(harness.sim.requests.at(-1)!.body).toEqual({ status: "archived" });
      expect(await harness.sessionOf(id)).toMatchObject({
        status: "resolved",
        statusReason: "archived by the AI after answering",
      });
    });

    it("with archiveOnReply, does not archive a conversation reassigned to a person before the reply", async () => {
      harness.settings.archiveOnReply = true;
      harness.sim.configure({ webhookUrl: null });
      const placed = await harness.sim.placeCall({
        from: "+14155550188",
        text: PASSWORD_QUESTION,
        assigneeId: AI_TEAMMATE,
      });
      expect(placed.delivery.status).toBe(0);
      await harness.sim.assign(placed.conversationId, REP, { by: REP });
      harness.sim.configure({ webhookUrl: harness.webhookUrl });
      await harness.sim.redeliver(placed.eventId);

      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });
      const view = conversation(placed.conversationId);
      expect(view.replies).toHaveLength(1);
      expect(view).toMatchObject({ status: "assigned", assigneeId: REP });
      expect(harness.sim.requests.filter((request) => request.method === "PATCH")).toEqual([]);
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({ status: "answered", resolvedAt: null });
    });
  });

  // ---- 5. the unknown ----

  describe("unknown events and message types", () => {
    it("records event types it has no action for, with or without a conversation, and never fails on them", async () => {
      const { placed } = await processedCall();
      const session = await harness.sessionOf(placed.conversationId);
      const snapshot = snapshotFrom(placed.eventId);
      harness.sim.clearRequests();
      const cases = [
        frontEvent("topic_identified", {
          source: { _meta: { type: "api" }, data: { id: "api" } },
          conversation: snapshot,
        }),
        frontEvent("link_added", {
          source: byTeammate(),
          target: { _meta: { type: "link" }, data: { id: "top_1", name: "JIRA-1" } },
          conversation: snapshot,
        }),
        frontEvent("call_hangup", {
          source: { _meta: { type: "something_new" }, data: { whatever: true } },
          conversation: { id: placed.conversationId },
        }),
        frontEvent("hologram_received", { conversation: snapshot }),
      ];
      for (const event of cases) {
        expect(await deliver(event)).toMatchObject({
          decision: "recorded",
          decisionReason: `${String(event.type)} event recorded`,
          sessionId: session.id,
          error: null,
        });
      }
      const orphan = frontEvent("ticket_status_update");
      expect(await deliver(orphan)).toMatchObject({
        decision: "recorded",
        frontConversationId: null,
        sessionId: null,
        error: null,
      });
      expect(harness.sim.requests).toEqual([]);
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({ status: "answered" });
    });

    it("branches on the payload's type, whatever the envelope is called", async () => {
      harness.sim.configure({ webhookUrl: null });
      const placed = await harness.sim.placeCall({ from: "+14155550188", text: PASSWORD_QUESTION });
      harness.sim.configure({ webhookUrl: harness.webhookUrl });
      const event = await deliver(harness.sim.getEvent(placed.eventId)!, { envelopeType: "message_received_v2" });
      expect(event).toMatchObject({ envelopeType: "message_received_v2", eventType: "inbound", decision: "processed" });
      expect(conversation(placed.conversationId).replies).toHaveLength(1);
    });

    it("treats an unknown message type as web chat and answers it", async () => {
      const sent = await harness.sim.sendMessage({
        messageType: "carrier_pigeon",
        from: "coo@pigeons.example",
        text: "How do I reset my password?",
      });
      expect(await harness.waitForEvent(sent.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });
      expect(await harness.sessionOf(sent.conversationId)).toMatchObject({ channel: "web", status: "answered" });
      expect((await messageRow(sent.messageId!)).messageType).toBe("carrier_pigeon");
      expect(conversation(sent.conversationId).replies).toHaveLength(1);
    });
  });

  // ---- 6. rule webhooks ----

  describe("rule webhooks", () => {
    it("uses a full rule event as delivered, without fetching the message or the conversation", async () => {
      harness.sim.configure({ webhookKind: "rule", rulePreview: false });
      const placed = await harness.sim.placeCall({
        from: "+14155550177",
        text: "Call transcript\nCustomer: How do I reset my password? The email never arrives.",
        messageType: "phone-call",
      });
      const event = await harness.waitForEvent(placed.eventId);
      expect(event).toMatchObject({
        kind: "rule",
        envelopeType: null,
        decision: "processed",
        decisionReason: "the AI replied",
      });
      expect(gets()).toEqual([]);
      expect(conversation(placed.conversationId).replies).toHaveLength(1);
    });

    it("fetches a preview's message and conversation through the API before using them", async () => {
      harness.sim.configure({ webhookKind: "rule", rulePreview: true });
      const placed = await harness.sim.placeCall({
        from: "+14155550177",
        text: "Call transcript\nCustomer: How do I reset my password? The email never arrives.",
      });
      const stored = await harness.waitForEvent(placed.eventId);
      expect(stored).toMatchObject({ kind: "rule", decision: "processed", decisionReason: "the AI replied" });
      // Front's flat preview form: the target is {_meta, _links, id}, with no data.
      expect(stored.body).toMatchObject({
        target: {
          _meta: { type: "message" },
          id: placed.messageId,
          _links: { self: expect.stringContaining(`/messages/${placed.messageId}`) },
        },
      });
      expect((stored.body as { target: Record<string, unknown> }).target).not.toHaveProperty("data");

      const log = harness.sim.requests.map((request) => `${request.method} ${request.pathname}`);
      const replyAt = log.indexOf(`POST /conversations/${placed.conversationId}/messages`);
      expect(replyAt).toBeGreaterThan(log.indexOf(`GET /messages/${placed.messageId}`));
      expect(replyAt).toBeGreaterThan(log.indexOf(`GET /conversations/${placed.conversationId}`));
      expect(log.indexOf(`GET /messages/${placed.messageId}`)).toBeGreaterThanOrEqual(0);
      expect(log.indexOf(`GET /conversations/${placed.conversationId}`)).toBeGreaterThanOrEqual(0);
      const row = await messageRow(placed.messageId!);
      expect(row.text).toContain("How do I reset my password?");
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({
        channel: "voice",
        contactHandle: "+14155550177",
        status: "answered",
      });

      // A teammate's message arrives as a preview too: fetched, then recorded, never answered.
      harness.sim.clearRequests();
      const reply = await harness.sim.teammateReply({
        conversationId: placed.conversationId,
        text: "Dana here: I've reset it for you.",
      });
      expect(await harness.waitForEvent(reply.eventId)).toMatchObject({
        kind: "rule",
        decision: "recorded",
        decisionReason: "reply by Dana Reyes recorded",
      });
      expect(harness.sim.requests.map((request) => `${request.method} ${request.pathname}`)).toEqual([
        `GET /messages/${reply.messageId}`,
      ]);
      expect(await messageRow(reply.messageId!)).toMatchObject({
        authorType: "teammate",
        text: "Dana here: I've reset it for you.",
      });
    });
  });

  // ---- 7. merged conversations ----

  describe("merged conversations", () => {
    it("a reply for a conversation merged into another lands on the surviving conversation, once", async () => {
      harness.sim.configure({ webhookUrl: null });
      const merged = await harness.sim.placeCall({ from: "+14155550188", text: PASSWORD_QUESTION, answered: false });
      const surviving = await harness.sim.placeCall({
        from: "+14155550188",
        text: "Call notes: customer called about an order.",
        assigneeId: REP,
      });
      harness.sim.merge(merged.conversationId, surviving.conversationId);
      harness.sim.configure({ webhookUrl: harness.webhookUrl });
      await harness.sim.redeliver(merged.eventId);

      expect(await harness.waitForEvent(merged.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });
      const view = conversation(surviving.conversationId);
      expect(view.replies).toHaveLength(1);
      expect(replyTexts(surviving.conversationId)[0]).toMatch(/Resetting your password/);
      expect(view.comments).toEqual([]);
      const log = harness.sim.requests
        .filter((request) => request.method === "POST")
        .map((request) => `${request.status} ${request.pathname}`);
      expect(log).toEqual([
        `301 /conversations/${merged.conversationId}/messages`,
        `202 /conversations/${surviving.conversationId}/messages`,
      ]);
      expect(await harness.sessionOf(merged.conversationId)).toMatchObject({ status: "answered", flag: null });
    });

    it("a handoff for a merged conversation posts its comment and unassigns on the surviving one", async () => {
      harness.sim.configure({ webhookUrl: null });
      const merged = await harness.sim.placeCall({ from: "+14155550123", text: WANTS_A_PERSON });
      const surviving = await harness.sim.placeCall({ from: "+14155550123", text: "Call notes: billing question." });
      harness.sim.merge(merged.conversationId, surviving.conversationId);
      harness.sim.configure({ webhookUrl: harness.webhookUrl });
      await harness.sim.redeliver(merged.eventId);

      expect(await harness.waitForEvent(merged.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI handed off to a person",
      });
      const view = conversation(surviving.conversationId);
      expect(view.comments).toHaveLength(1);
      expect(view.assignee).toBeNull();
      expect(await harness.sessionOf(merged.conversationId)).toMatchObject({ status: "handed_off", flag: null });
    });
  });

  // ---- 8. deleted conversations ----

  describe("deleted conversations", () => {
    it("a conversation Front answers 404 for ends its session: resolved, event processed, job done without retries", async () => {
      const { placed } = await processedCall({ assigneeId: REP });
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({ status: "skipped" });
      const snapshot = snapshotFrom(placed.eventId);
      await harness.sim.deleteConversation(placed.conversationId);
      harness.sim.clearRequests();

      // Assigned to the AI just before it was deleted: the AI reads the conversation and finds it gone.
      const event = await deliver(
        frontEvent("assign", {
          source: byRule,
          target: { _meta: { type: "teammate" }, data: teammate(AI_TEAMMATE) },
          conversation: { ...snapshot, assignee: teammate(AI_TEAMMATE) },
        }),
      );
      const session = await harness.sessionOf(placed.conversationId);
      expect(event).toMatchObject({
        decision: "processed",
        decisionReason: "the conversation no longer exists in Front: session ended",
        sessionId: session.id,
        error: null,
      });
      expect(session).toMatchObject({ status: "resolved", statusReason: "conversation deleted in Front" });
      expect(session.resolvedAt).not.toBeNull();
      expect(harness.sim.requests.map((request) => [request.method, request.status])).toEqual([["GET", 404]]);
      expect(await jobOf(event)).toMatchObject({ state: "done", attempts: 1, lastError: null });
    });

    it("a reply to a conversation deleted meanwhile ends the session the same way, without a comment attempt", async () => {
      harness.sim.configure({ webhookUrl: null });
      const placed = await harness.sim.placeCall({ from: "+14155550188", text: PASSWORD_QUESTION });
      await harness.sim.deleteConversation(placed.conversationId);
      harness.sim.configure({ webhookUrl: harness.webhookUrl });
      await harness.sim.redeliver(placed.eventId);

      const event = await harness.waitForEvent(placed.eventId);
      expect(event).toMatchObject({
        decision: "processed",
        decisionReason: "the conversation no longer exists in Front: session ended",
        error: null,
      });
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({
        status: "resolved",
        statusReason: "conversation deleted in Front",
        flag: null,
      });
      expect(harness.sim.requests.map((request) => `${request.method} ${request.status}`)).toEqual(["POST 404"]);
      expect(await jobOf(event)).toMatchObject({ state: "done", attempts: 1 });
    });

    it("a trash event ends the session", async () => {
      const { placed } = await processedCall();
      const trashed = await harness.sim.deleteConversation(placed.conversationId, { trash: true, by: REP });
      const event = await harness.waitForEvent(trashed.eventId!);
      expect(event).toMatchObject({
        eventType: "trash",
        decision: "processed",
        decisionReason: "conversation deleted in Front: session ended",
      });
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({
        status: "resolved",
        statusReason: "conversation deleted in Front",
      });

      // The caller writes again while the conversation is still in Front's trash: nobody is answered there.
      harness.sim.clearRequests();
      const again = await harness.sim.sendMessage({
        channel: "sms",
        from: "+14155550188",
        text: PASSWORD_QUESTION,
        conversationId: placed.conversationId,
      });
      expect(await harness.waitForEvent(again.eventId)).toMatchObject({
        decision: "skipped",
        failedCheck: "not_in_trash",
        decisionReason: "the conversation is in Front's trash",
      });
      expect(writes()).toEqual([]);
    });
  });

  // ---- 9. channels ----

  describe("channels", () => {
    it.each([
      {
        messageType: "call" as const,
        answered: true,
        text: "Call transcript\nCustomer: How do I reset my password?",
        callKind: "transcript",
      },
      { messageType: "phone-call" as const, answered: false, text: PASSWORD_QUESTION, callKind: "voicemail" },
      {
        messageType: "custom" as const,
        answered: true,
        text: "Call notes: customer asked how to reset their password.",
        callKind: "call_notes",
      },
    ])(
      "voice: a $messageType message keeps duration, answered and the kind of call record",
      async ({ messageType, answered, text, callKind }) => {
        const placed = await harness.sim.placeCall({
          from: "+14155550199",
          text,
          messageType,
          answered,
          durationSeconds: 64,
        });
        expect(await harness.waitForEvent(placed.eventId)).toMatchObject({ decision: "processed" });
        expect(await harness.sessionOf(placed.conversationId)).toMatchObject({
          channel: "voice",
          contactHandle: "+14155550199",
          contactKey: "+14155550199",
        });
        const row = await messageRow(placed.messageId!);
        expect(row).toMatchObject({ messageType, authorType: "customer", direction: "inbound" });
        expect(row.metadata).toEqual({ callKind, durationSeconds: 64, answered });
      },
    );

    it("email: the model reads the new words only; the quoted history stays for display; subject and attachments kept", async () => {
      const email = fixture<EmailFixture>("app-inbound-email").payload.target.data;
      const sent = await harness.sim.sendMessage({
        messageType: "email",
        from: email.recipients.find((recipient) => recipient.role === "from")!.handle,
        subject: email.subject,
        html: email.body,
        text: email.text,
        attachments: [{ filename: "invoice-march.pdf", contentType: "application/pdf", size: 48213 }],
      });
      expect(await harness.waitForEvent(sent.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });

      const session = await harness.sessionOf(sent.conversationId);
      expect(session).toMatchObject({
        channel: "email",
        subject: "Billing email",
        contactHandle: "sam@customer.example",
        contactKey: "sam@customer.example",
      });
      const row = await messageRow(sent.messageId!);
      expect(row.subject).toBe("Billing email");
      expect(row.text).toContain("Can I change the billing email on my account?");
      expect(row.text).toContain("On Mon, someone wrote:");
      expect(row.text).toContain("previous thread");
      expect(row.modelText).toContain("Can I change the billing email on my account?");
      expect(row.modelText).not.toMatch(/someone wrote|previous thread/);
      expect(row.metadata).toMatchObject({
        quotedRemoved: true,
        attachments: [{ name: "invoice-march.pdf", contentType: "application/pdf", size: 48213 }],
      });

      // What the model saw: its steps never mention the quoted history.
      const [run] = await runsOf(session.id);
      const steps = await db().select().from(agentSteps).where(eq(agentSteps.runId, run.id));
      expect(steps.length).toBeGreaterThan(0);
      expect(JSON.stringify(steps)).not.toMatch(/someone wrote|previous thread/);
      expect(replyTexts(sent.conversationId)[0]).toMatch(/billing email/i);
    });

    it("sms: segments and encoding kept, the phone number is the contact", async () => {
      const sent = await harness.sim.sendMessage({
        messageType: "sms",
        from: "+14155550142",
        text: "Hi! How do I reset my password? 🙏",
      });
      expect(await harness.waitForEvent(sent.eventId)).toMatchObject({ decision: "processed" });
      expect(await harness.sessionOf(sent.conversationId)).toMatchObject({
        channel: "sms",
        contactHandle: "+14155550142",
        contactKey: "+14155550142",
      });
      expect((await messageRow(sent.messageId!)).metadata).toEqual({ smsSegments: 1, smsEncoding: "UCS-2" });

      const long = await harness.sim.sendMessage({
        messageType: "sms",
        from: "+14155550142",
        text: `How do I reset my password? ${"The reset email never arrives. ".repeat(6)}`,
      });
      await harness.waitForEvent(long.eventId);
      expect((await messageRow(long.messageId!)).metadata).toEqual({ smsSegments: 2, smsEncoding: "GSM-7" });
    });

    it("whatsapp and web chat (front_chat, intercom, custom without call metadata)", async () => {
      const cases = [
        { messageType: "whatsapp", channel: "whatsapp", from: "+447700900123" },
        { messageType: "front_chat", channel: "web", from: "visitor-81@chat.acme.example" },
        { messageType: "intercom", channel: "web", from: "intercom-user-42" },
        { messageType: "custom", channel: "web", from: "app-user-7" },
      ];
      for (const { messageType, channel, from } of cases) {
        const sent = await harness.sim.sendMessage({ messageType, from, text: "How do I reset my password?" });
        expect(await harness.waitForEvent(sent.eventId), messageType).toMatchObject({
          decision: "processed",
          decisionReason: "the AI replied",
        });
        expect(await harness.sessionOf(sent.conversationId), messageType).toMatchObject({
          channel,
          contactHandle: from,
          status: "answered",
        });
        expect(conversation(sent.conversationId).replies, messageType).toHaveLength(1);
      }
    });

    it("the same phone number written two ways is one contact across sessions", async () => {
      const call = await harness.sim.placeCall({ from: "+1 (415) 555-0123", text: PASSWORD_QUESTION });
      const sms = await harness.sim.sendMessage({
        messageType: "sms",
        from: "+14155550123",
        text: "Did you get my voicemail?",
      });
      await harness.waitForEvent(call.eventId);
      await harness.waitForEvent(sms.eventId);
      const [voice, text] = [await harness.sessionOf(call.conversationId), await harness.sessionOf(sms.conversationId)];
      expect(voice).toMatchObject({ contactHandle: "+1 (415) 555-0123", contactKey: "+14155550123" });
      expect(text).toMatchObject({ contactHandle: "+14155550123", contactKey: "+14155550123" });
      expect(voice.id).not.toBe(text.id);
    });
  });

  // ---- 10. switches ----

  describe("switches", () => {
    it("the master switch off skips every call and posts nothing; back on, the next call is answered", async () => {
      harness.settings.enabled = false;
      const off = await harness.sim.placeCall({ from: "+14155550188", text: PASSWORD_QUESTION });
      const skipped = await harness.waitForEvent(off.eventId);
      expect(skipped).toMatchObject({
        decision: "skipped",
        failedCheck: "master_switch",
        decisionReason: "the master switch is off (Settings → Front)",
      });
      expect(await harness.sessionOf(off.conversationId)).toMatchObject({
        status: "skipped",
        statusReason: "the master switch is off (Settings → Front)",
      });
      expect(writes()).toEqual([]);

      harness.settings.enabled = true;
      const on = await harness.sim.placeCall({
        from: "+14155550188",
        text: PASSWORD_QUESTION,
        conversationId: off.conversationId,
      });
      expect(await harness.waitForEvent(on.eventId)).toMatchObject({ decision: "processed", failedCheck: null });
      expect(conversation(off.conversationId).replies).toHaveLength(1);
      expect(await harness.sessionOf(off.conversationId)).toMatchObject({ status: "answered", statusReason: null });
      const [run] = await runsOf((await harness.sessionOf(off.conversationId)).id);
      expect(run.triggerMessageId).toBe(on.messageId);
    });

    it("a channel switched off skips that channel only; back on, its next message is answered", async () => {
      harness.settings.channels.sms = false;
      const off = await harness.sim.sendMessage({
        messageType: "sms",
        from: "+14155550142",
        text: "How do I reset my password?",
      });
      expect(await harness.waitForEvent(off.eventId)).toMatchObject({
        decision: "skipped",
        failedCheck: "channel_switch",
        decisionReason: "the SMS channel is switched off (Settings → Front)",
      });
      const call = await harness.sim.placeCall({ from: "+14155550142", text: PASSWORD_QUESTION });
      expect(await harness.waitForEvent(call.eventId)).toMatchObject({ decision: "processed" });
      expect(writes(off.conversationId)).toEqual([]);

      harness.settings.channels.sms = true;
      const on = await harness.sim.sendMessage({
        messageType: "sms",
        from: "+14155550142",
        text: "How do I reset my password?",
      });
      expect(await harness.waitForEvent(on.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI replied",
      });
      expect(conversation(on.conversationId).replies).toHaveLength(1);
    });
  });

  // ---- 11. Front refusing writes ----

  describe("when Front refuses", () => {
    it("a reply Front refuses with a 4xx becomes an internal comment and the session is flagged", async () => {
      harness.sim.fail({
        status: 400,
        method: "POST",
        path: "/conversations/*/messages",
        message: "This channel cannot send messages",
      });
      const { placed, event } = await processedCall();
      expect(event).toMatchObject({
        decision: "processed",
        decisionReason: "Front refused the AI's reply: the answer is posted as an internal comment",
        error: null,
      });

      const view = conversation(placed.conversationId);
      expect(view.replies).toEqual([]);
      expect(view.comments).toHaveLength(1);
      const session = await harness.sessionOf(placed.conversationId);
      expect(session).toMatchObject({
        flag: "reply_not_delivered",
        statusReason: expect.stringContaining("This channel cannot send messages"),
      });
      // Nothing lost: the answer is in the comment for a person to send.
      const [run] = await runsOf(session.id);
      expect(run.replyText).toMatch(/Resetting your password/);
      expect(view.comments[0].body).toContain(run.replyText);
      expect(view.comments[0].body).toMatch(/could not send this reply/);
      expect(
        harness.sim.requests.filter((request) => request.method === "POST").map((request) => request.status),
      ).toEqual([400, 201]);
      expect(await jobOf(event)).toMatchObject({ state: "done", attempts: 1 });
    });

    it("a handoff whose unassign keeps failing ends flagged handoff_incomplete, with its comment posted once", async () => {
      harness.sim.fail({ status: 503, method: "PUT", path: "/conversations/*/assignee", count: 1000 });
      const placed = await harness.sim.placeCall({ from: "+14155550123", text: WANTS_A_PERSON });
      const event = await harness.waitForEvent(placed.eventId, 20_000);
      expect(event).toMatchObject({ decision: "failed", decisionReason: "processing failed after every retry" });
      expect(event.error).toMatch(/503/);

      const view = conversation(placed.conversationId);
      expect(view.comments).toHaveLength(1);
      expect(view.assigneeId).toBe(AI_TEAMMATE);
      expect(harness.sim.requests.filter((request) => request.method === "POST")).toHaveLength(1);
      const job = await jobOf(event);
      expect(job).toMatchObject({ state: "failed" });
      expect(harness.sim.requests.filter((request) => request.method === "PUT").length).toBe(job.maxAttempts * 3);

      const session = await harness.sessionOf(placed.conversationId);
      expect(session).toMatchObject({
        status: "failed",
        flag: "handoff_incomplete",
        statusReason: expect.stringContaining("handoff incomplete"),
      });
      const [handoff] = await db().select().from(handoffs).where(eq(handoffs.sessionId, session.id));
      expect(handoff).toMatchObject({
        frontCommentId: view.comments[0].id,
        unassignedAt: null,
        error: expect.stringContaining("unassign failed"),
      });
    });
  });
});
