import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMS_CHANNEL_ID, type FrontSimulator } from "./index";
import {
  APP_SECRET,
  RULE_SECRET,
  api,
  expectShapeLike,
  readFixture,
  readFixtureText,
  startReceiver,
  startSim,
  waitFor,
  type CapturedDelivery,
  type Receiver,
} from "../test/helpers/front-sim";

type Json = Record<string, unknown>;
type Envelope = {
  type: string;
  authorization: { id: string };
  payload: Json & { id: string; conversation: Json; target: { data: Json } | null };
};

let sim: FrontSimulator;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startSim({ webhookUrl: receiver.url });
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});
beforeEach(() => {
  sim.reset();
  sim.configure({ webhookUrl: receiver.url, webhookKind: "application", rulePreview: false });
  receiver.deliveries.length = 0;
  receiver.respond();
});

/** An independent check of Front's application-webhook signature. */
function verifiesAsApplication(delivery: CapturedDelivery, secret = APP_SECRET): boolean {
  const timestamp = delivery.headers["x-front-request-timestamp"];
  const expected = createHmac("sha256", secret)
    .update(`${String(timestamp)}:${delivery.rawBody}`)
    .digest("base64");
  return delivery.headers["x-front-signature"] === expected;
}

function verifiesAsRule(delivery: CapturedDelivery, secret = RULE_SECRET): boolean {
  return delivery.headers["x-front-signature"] === createHmac("sha1", secret).update(delivery.rawBody).digest("base64");
}

/** Key sets at every level, to compare a preview with the fixture exactly. */
function keyTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [keyTree(value[0])] : [];
  if (value === null || typeof value !== "object") return typeof value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, item]) => [key, keyTree(item)]),
  );
}

function lastEnvelope(): Envelope {
  return receiver.deliveries.at(-1)!.json as Envelope;
}

describe("application webhooks for Front-side actions", () => {
  it("placeCall posts a signed inbound_received envelope shaped like the fixture", async () => {
    const before = Date.now();
    const result = await sim.placeCall({
      from: "+14155550123",
      text: "Call transcript (3m09s)\nCustomer: I want a real person.",
      durationSeconds: 189,
    });
    expect(result.delivery).toMatchObject({ status: 200, body: { received: true } });
    const delivery = receiver.deliveries[0];
    expect(delivery.method).toBe("POST");
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(Number(delivery.headers["x-front-request-timestamp"])).toBeGreaterThanOrEqual(before);
    expect(verifiesAsApplication(delivery)).toBe(true);

    const fixture = readFixture<Envelope>("app-inbound-call-handoff.json");
    const envelope = delivery.json as Envelope;
    expectShapeLike(envelope, fixture);
    expect(Object.keys(envelope).sort()).toEqual(Object.keys(fixture).sort());
    expect(Object.keys(envelope.payload).sort()).toEqual(Object.keys(fixture.payload).sort());
    expect(envelope).toMatchObject({
      type: "inbound_received",
      authorization: { id: "cmp_4thp0" },
      payload: {
        id: result.eventId,
        type: "inbound",
        _links: { self: `${sim.url}/events/${result.eventId}` },
        source: { _meta: { type: "inboxes" }, data: [{ id: "inb_phone1" }] },
        target: {
          _meta: { type: "message" },
          data: {
            id: result.messageId,
            type: "call",
            is_inbound: true,
            author: null,
            body: "<p>Call transcript (3m09s)</p><p>Customer: I want a real person.</p>",
            text: "Call transcript (3m09s)\nCustomer: I want a real person.",
            metadata: { duration: 189, have_been_answered: true },
            recipients: [
              { handle: "+14155550123", role: "from" },
              { handle: "+18005550199", role: "to" },
            ],
          },
        },
        conversation: {
          id: result.conversationId,
          status: "assigned",
          assignee: fixture.payload.conversation.assignee,
        },
      },
    });
    expect(String(envelope.payload.emitted_at)).toMatch(/^\d+(\.\d{1,3})?$/);
  });

  it("placeCall variants: voicemail unassigned, phone-call type, another teammate, continuing a conversation", async () => {
    const voicemail = await sim.placeCall({
      from: "+14155550188",
      text: "Voicemail transcript\nReset?",
      answered: false,
      assigneeId: null,
    });
    expectShapeLike(lastEnvelope(), readFixture("app-inbound-call-question.json"));
    expect(lastEnvelope().payload.conversation).toMatchObject({
      status: "unassigned",
      assignee: null,
      subject: "Voicemail from +14155550188",
    });

    await sim.placeCall({
      from: "+14155550123",
      text: "Call notes: delivery times.",
      messageType: "phone-call",
      assigneeId: "tea_rep7",
    });
    expectShapeLike(lastEnvelope(), readFixture("app-inbound-call-other-assignee.json"));
    expect(lastEnvelope().payload).toMatchObject({
      target: { data: { type: "phone-call" } },
      conversation: { assignee: { id: "tea_rep7" } },
    });

    const followUp = await sim.placeCall({
      from: "+14155550188",
      text: "Calling again",
      conversationId: voicemail.conversationId,
    });
    expect(followUp.conversationId).toBe(voicemail.conversationId);
    expect(sim.getConversation(voicemail.conversationId)?.messages).toHaveLength(2);
  });

  it("sendMessage: an email shaped like the fixture; sms and whatsapp types", async () => {
    await sim.sendMessage({
      channel: "email",
      from: "sam@customer.example",
      subject: "Billing email",
      text: "Hello,\nCan I change the billing email?",
    });
    const fixture = readFixture("app-inbound-email.json");
    expectShapeLike(lastEnvelope(), fixture);
    expect(lastEnvelope().payload).toMatchObject({
      source: { data: [{ id: "inb_mail1" }] },
      target: {
        data: {
          type: "email",
          subject: "Billing email",
          recipients: [{ handle: "sam@customer.example" }, { handle: "support@acme.example" }],
        },
      },
      conversation: { subject: "Billing email" },
    });
    for (const channel of ["sms", "whatsapp", "front_chat", "custom"]) {
      await sim.sendMessage({ channel, from: "+14155550142", text: "are you open saturday?" });
      expect(lastEnvelope().payload.target?.data.type).toBe(channel);
    }
    expect(verifiesAsApplication(receiver.deliveries.at(-1)!)).toBe(true);
  });

  it("sendMessage lists attachments the way Front does: fil_ id, url, type and size", async () => {
    const sent = await sim.sendMessage({
      channel: "email",
      from: "sam@customer.example",
      text: "Invoice attached",
      attachments: [
        { filename: "invoice.pdf", contentType: "application/pdf", size: 48213 },
        { filename: "notes.txt" },
      ],
    });
    expect(lastEnvelope().payload.target?.data.attachments).toEqual([
      {
        id: expect.stringMatching(/^fil_/),
        filename: "invoice.pdf",
        url: expect.stringContaining("/download/fil_"),
        content_type: "application/pdf",
        size: 48213,
        metadata: { is_inline: false },
      },
      {
        id: expect.stringMatching(/^fil_/),
        filename: "notes.txt",
        url: expect.any(String),
        content_type: "application/octet-stream",
        size: 1024,
        metadata: { is_inline: false },
      },
    ]);
    const fetched = (await (await api(sim, "GET", `/messages/${sent.messageId}`)).json()) as { attachments: unknown[] };
    expect(fetched.attachments).toEqual(lastEnvelope().payload.target?.data.attachments);
  });

  it("addCallTranscript replaces the call's text and posts call_transcript_added targeting the message", async () => {
    const call = await sim.placeCall({ from: "+14155550123", text: "Incoming call", durationSeconds: 95 });
    const result = await sim.addCallTranscript(
      call.messageId!,
      "Call transcript\nCustomer: How do I reset my password?",
    );
    expect(result).toMatchObject({
      conversationId: call.conversationId,
      messageId: call.messageId,
      delivery: { status: 200 },
    });
    expect(verifiesAsApplication(receiver.deliveries.at(-1)!)).toBe(true);
    expect(lastEnvelope()).toMatchObject({
      type: "call_transcript_added",
      payload: {
        id: result.eventId,
        type: "call_transcript_added",
        source: { _meta: { type: "inboxes" }, data: [{ id: "inb_phone1" }] },
        target: {
          _meta: { type: "message" },
          data: {
            id: call.messageId,
            type: "call",
            text: "Call transcript\nCustomer: How do I reset my password?",
            body: "<p>Call transcript</p><p>Customer: How do I reset my password?</p>",
            metadata: { duration: 95, have_been_answered: true },
          },
        },
        conversation: { id: call.conversationId },
      },
    });
    const fetched = (await (await api(sim, "GET", `/messages/${call.messageId}`)).json()) as Json;
    expect(fetched.text).toBe("Call transcript\nCustomer: How do I reset my password?");
    expect(sim.getConversation(call.conversationId)?.messages).toHaveLength(1);

    await sim.addCallTranscript(call.messageId!, "Voicemail transcript\nCall me back please.", { voicemail: true });
    expect(lastEnvelope().payload).toMatchObject({
      type: "call_voicemail_transcript_added",
      target: { data: { text: "Voicemail transcript\nCall me back please." } },
    });

    const email = await sim.sendMessage({ channel: "email", from: "sam@customer.example", text: "hi" });
    await expect(sim.addCallTranscript(email.messageId!, "words")).rejects.toThrow(/not an inbound call/);
    await expect(sim.addCallTranscript("msg_nope", "words")).rejects.toThrow(/Unknown message/);
  });

  it("addCallTranscript with lines stores them in the message's metadata, as Front's Channel API shapes them", async () => {
    const call = await sim.placeCall({ from: "+14155550123", text: "Incoming call", durationSeconds: 95 });
    const lines = [
      {
        speaker_type: "internal" as const,
        speaker_name: "Dana",
        content: "Acme support, how can I help?",
        start_time_seconds: 0,
      },
      {
        speaker_type: "external" as const,
        speaker_name: "Sam",
        content: "How do I reset my password?",
        start_time_seconds: 3.5,
      },
    ];
    await sim.addCallTranscript(call.messageId!, "Call transcript", { lines });
    expect(lastEnvelope().payload.target?.data.metadata).toEqual({
      duration: 95,
      have_been_answered: true,
      transcript_lines: lines,
    });
    const fetched = (await (await api(sim, "GET", `/messages/${call.messageId}`)).json()) as Json;
    expect(fetched.metadata).toEqual({ duration: 95, have_been_answered: true, transcript_lines: lines });

    // Front's TranscriptLine needs all four fields and a known speaker_type; AddCallTranscript at least one line.
    await expect(sim.addCallTranscript(call.messageId!, "x", { lines: [] })).rejects.toThrow();
    await expect(
      sim.addCallTranscript(call.messageId!, "x", { lines: [{ ...lines[0], speaker_type: "customer" as never }] }),
    ).rejects.toThrow();
    const untimed: Record<string, unknown> = { ...lines[0] };
    delete untimed.start_time_seconds;
    await expect(sim.addCallTranscript(call.messageId!, "x", { lines: [untimed as never] })).rejects.toThrow();
  });

  it("deleteConversation with trash posts a trash event and keeps the conversation in the trash; without, it is gone", async () => {
    const call = await sim.placeCall({ from: "+14155550123", text: "hello" });
    const deleted = await sim.deleteConversation(call.conversationId, { trash: true, by: "tea_rep7" });
    expect(deleted).toMatchObject({
      conversationId: call.conversationId,
      eventId: expect.stringMatching(/^evt_/),
      delivery: { status: 200 },
    });
    expect(lastEnvelope()).toMatchObject({
      type: "trash",
      payload: {
        type: "trash",
        source: { _meta: { type: "teammate" }, data: { id: "tea_rep7" } },
        conversation: { id: call.conversationId, status: "deleted" },
      },
    });
    expect(lastEnvelope().payload).not.toHaveProperty("target");
    const trashed = await api(sim, "GET", `/conversations/${call.conversationId}`);
    expect(trashed.status).toBe(200);
    expect(await trashed.json()).toMatchObject({ id: call.conversationId, status: "deleted" });
    const again = await sim.deleteConversation(call.conversationId);
    expect(again).toMatchObject({ eventId: null, delivery: null });
    expect((await api(sim, "GET", `/conversations/${call.conversationId}`)).status).toBe(404);
  });

  it("teammateReply posts outbound_reply_sent (out_reply) authored by the teammate, or outbound_sent when asked", async () => {
    const call = await sim.placeCall({ from: "+14155550123", text: "charged twice" });
    const result = await sim.teammateReply({
      conversationId: call.conversationId,
      text: "Refunded the duplicate charge.",
    });
    // The same shape as a new outbound message (the fixture), under Front's type for a reply in the thread.
    expectShapeLike(lastEnvelope(), readFixture("app-outbound-teammate.json"));
    expect(lastEnvelope()).toMatchObject({
      type: "outbound_reply_sent",
      payload: {
        id: result.eventId,
        type: "out_reply",
        target: { data: { is_inbound: false, author: { id: "tea_rep7" }, type: "sms" } },
      },
    });
    const started = await sim.teammateReply({
      conversationId: call.conversationId,
      text: "One more thing.",
      event: "outbound",
    });
    expect(lastEnvelope()).toMatchObject({ type: "outbound_sent", payload: { id: started.eventId, type: "outbound" } });
  });

  it("archive posts conversation_archived; assign and unassign post assignee events", async () => {
    const call = await sim.placeCall({ from: "+14155550123", text: "hello", assigneeId: null });
    await sim.assign(call.conversationId, "tea_ai01");
    expectShapeLike(lastEnvelope(), readFixture("app-assign.json"));
    expect(lastEnvelope().payload).toMatchObject({
      type: "assign",
      source: { _meta: { type: "rule" } },
      target: { data: { id: "tea_ai01" } },
    });

    await sim.assign(call.conversationId, null, { by: "tea_rep7" });
    expect(lastEnvelope().payload).toMatchObject({ type: "unassign", source: { data: { id: "tea_rep7" } } });
    expect(lastEnvelope().payload).not.toHaveProperty("target");

    await sim.assign(call.conversationId, "tea_rep7", { by: "tea_rep7" });
    await sim.archive(call.conversationId);
    // The fixture has `"target": null`; Front's captured archive body has no target key at all, and neither has ours.
    const archiveFixture = readFixture<Envelope>("app-archive.json");
    const archivePayload = Object.fromEntries(
      Object.entries(archiveFixture.payload).filter(([key]) => key !== "target"),
    );
    expectShapeLike(lastEnvelope(), { ...archiveFixture, payload: archivePayload });
    expect(lastEnvelope()).toMatchObject({
      type: "conversation_archived",
      payload: { type: "archive", conversation: { status: "archived" } },
    });
    expect(lastEnvelope().payload).not.toHaveProperty("target");
    expect(receiver.deliveries.every((delivery) => verifiesAsApplication(delivery))).toBe(true);
  });
});

describe("deliverEvent, rule webhooks and previews", () => {
  it("rule webhooks are the bare event signed with HMAC-SHA1 and no timestamp", async () => {
    const call = await sim.placeCall({ from: "+14155550177", text: "Where is my order?", messageType: "phone-call" });
    const event = sim.getEvent(call.eventId)!;
    const { delivery } = await sim.deliverEvent(event, { kind: "rule" });
    expect(delivery.status).toBe(200);
    const captured = receiver.deliveries.at(-1)!;
    expect(captured.headers["x-front-request-timestamp"]).toBeUndefined();
    expect(verifiesAsRule(captured)).toBe(true);
    expectShapeLike(captured.json, readFixture("rule-inbound-call-full.json"));
    expect(captured.json).toEqual(event);
  });

  it("a preview carries only ids and _links, exactly like the fixture, and its links resolve", async () => {
    sim.configure({ webhookKind: "rule", rulePreview: true });
    const call = await sim.placeCall({ from: "+14155550177", text: "Where is my order?" });
    type FlatSide = { _meta: { type: string }; _links: { self: string }; id: string };
    const preview = receiver.deliveries.at(-1)!.json as {
      conversation: { _links: { self: string } };
      source: FlatSide;
      target: FlatSide;
    };
    expect(keyTree(preview)).toEqual(keyTree(readFixture("rule-inbound-preview.json")));
    expect(verifiesAsRule(receiver.deliveries.at(-1)!)).toBe(true);
    const conversation = await api(sim, "GET", preview.conversation._links.self);
    expect(((await conversation.json()) as Json).id).toBe(call.conversationId);
    expect(preview.source).toEqual({
      _meta: { type: "inboxes" },
      _links: { self: `${sim.url}/inboxes/inb_phone1` },
      id: "inb_phone1",
    });
    expect(preview.target).toEqual({
      _meta: { type: "message" },
      _links: { self: `${sim.url}/messages/${call.messageId}` },
      id: call.messageId,
    });
    const message = await api(sim, "GET", preview.target._links.self);
    expect(((await message.json()) as Json).text).toBe("Where is my order?");
  });

  it("redeliver sends the identical bytes with a fresh valid signature", async () => {
    const call = await sim.placeCall({ from: "+14155550123", text: "hello" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sim.redeliver(call.eventId);
    const [first, second] = receiver.deliveries;
    expect(second.rawBody).toBe(first.rawBody);
    expect(Number(second.headers["x-front-request-timestamp"])).toBeGreaterThan(
      Number(first.headers["x-front-request-timestamp"]),
    );
    expect(verifiesAsApplication(second)).toBe(true);
    expect(sim.deliveries.map((record) => record.redelivery)).toEqual([false, true]);
  });

  it("signature modes: wrong-secret, tampered, missing, and a chosen timestamp", async () => {
    const rawFixture = readFixtureText("app-inbound-call-question.json");
    await sim.deliverEvent(rawFixture, { signature: "wrong-secret" });
    await sim.deliverEvent(rawFixture, { signature: "tampered" });
    await sim.deliverEvent(rawFixture, { signature: "missing" });
    await sim.deliverEvent(rawFixture, { timestampMs: 1764000000000 });
    const [wrong, tampered, missing, stale] = receiver.deliveries;
    expect(wrong.rawBody).toBe(rawFixture);
    expect(verifiesAsApplication(wrong)).toBe(false);
    expect(tampered.rawBody).not.toBe(rawFixture);
    expect(verifiesAsApplication(tampered)).toBe(false);
    expect(missing.headers["x-front-signature"]).toBeUndefined();
    expect(stale.headers["x-front-request-timestamp"]).toBe("1764000000000");
    expect(stale.rawBody).toBe(rawFixture);
    expect(verifiesAsApplication(stale)).toBe(true);
  });

  it("wraps a bare event in an envelope for application webhooks", async () => {
    const bare = readFixture("rule-inbound-call-full.json");
    const { eventId } = await sim.deliverEvent(bare);
    expect(eventId).toBe("evt_rule001");
    expect(lastEnvelope()).toEqual({ type: "inbound_received", authorization: { id: "cmp_4thp0" }, payload: bare });
  });

  it("reports failures as status 0 or the app's status", async () => {
    receiver.respond((_delivery, res) => {
      res.writeHead(500);
      res.end("boom");
    });
    expect((await sim.placeCall({ from: "+1415", text: "hi" })).delivery).toMatchObject({ status: 500, body: "boom" });
    sim.configure({ webhookUrl: null });
    expect((await sim.placeCall({ from: "+1415", text: "hi" })).delivery).toMatchObject({
      status: 0,
      error: expect.any(String),
    });
  });

  it("gives up after the delivery timeout", async () => {
    const slowSim = await startSim({ webhookUrl: receiver.url, deliveryTimeoutMs: 100 });
    receiver.respond(() => undefined);
    const { delivery } = await slowSim.placeCall({ from: "+1415", text: "hi" });
    expect(delivery.status).toBe(0);
    expect(delivery.error).toMatch(/100 ms/);
    await slowSim.close();
  });
});

describe("sync handshake and echoed events", () => {
  it("sync posts the signed sync body with x-front-challenge and checks the echo", async () => {
    const result = await sim.sync();
    const captured = receiver.deliveries[0];
    expect(captured.json).toEqual(readFixture("app-sync-challenge.json"));
    expect(captured.headers["x-front-challenge"]).toBe(result.challenge);
    expect(verifiesAsApplication(captured)).toBe(true);
    expect(result.ok).toBe(true);
    receiver.respond((_delivery, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ challenge: "nope" }));
    });
    expect((await sim.sync()).ok).toBe(false);
  });

  it("with emitEventsForApiWrites, the app's own reply comes back as out_reply then archive", async () => {
    const echoing = await startSim({ webhookUrl: receiver.url, emitEventsForApiWrites: true });
    const { conversationId } = await echoing.placeCall({ from: "+14155550123", text: "hello" });
    await api(echoing, "POST", `/conversations/${conversationId}/messages`, {
      body: "Hi!",
      author_id: "tea_ai01",
      channel_id: SMS_CHANNEL_ID,
      to: ["+14155550123"],
    });
    await echoing.whenIdle();
    await waitFor(() => receiver.deliveries.length === 3);
    expect(receiver.deliveries.map((delivery) => (delivery.json as Envelope).type)).toEqual([
      "inbound_received",
      "outbound_reply_sent",
      "conversation_archived",
    ]);
    expect((receiver.deliveries[1].json as Envelope).payload).toMatchObject({
      type: "out_reply",
      target: { data: { type: "sms", author: { id: "tea_ai01" } } },
    });
    await echoing.close();
  });
});
