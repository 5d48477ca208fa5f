import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  CALL_CHANNEL_ID,
  EMAIL_CHANNEL_ADDRESS,
  EMAIL_CHANNEL_ID,
  FRONT_SCOPES_BY_ENDPOINT,
  SMS_CHANNEL_ADDRESS,
  SMS_CHANNEL_ID,
  type FrontSimulator,
} from "./index";
import { api, control, startReceiver, startSim, type Receiver } from "../test/helpers/front-sim";

// Issue 11, "the simulator must not be kinder than Front": what Front refuses, fails or leaves out, so does the simulator.

type Json = Record<string, unknown>;
type Event = Json & { type: string; source: Json; target?: Json; conversation: Json };
type Envelope = { type: string; payload: Event };

const CALLER = "+14155550123";

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
  sim.configure({ webhookUrl: receiver.url, webhookKind: "application", rulePreview: false, tokenScopes: null });
  receiver.deliveries.length = 0;
  receiver.respond();
});

async function newCall(): Promise<string> {
  return (await sim.placeCall({ from: CALLER, text: "Customer: can you text me the address?" })).conversationId;
}

function lastPayload(): Event {
  return (receiver.deliveries.at(-1)!.json as Envelope).payload;
}

describe("drafts need the channel they will be sent from", () => {
  it("answers Front's exact 400 without channel_id, and stores nothing", async () => {
    const id = await newCall();
    const response = await api(sim, "POST", `/conversations/${id}/drafts`, { body: "Hi", author_id: "tea_ai01" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      _error: {
        status: 400,
        title: "Bad request",
        message: "Body did not satisfy requirements",
        details: ["body.channel_id: missing"],
      },
    });
    expect(sim.getConversation(id)!.drafts).toEqual([]);
  });

  it("takes a cha_ id or an alt:address: alias, needs no author, and follows the channel's message type", async () => {
    const id = await newCall();
    const sms = await api(sim, "POST", `/conversations/${id}/drafts`, {
      body: "Our address is 1 Main St.",
      channel_id: SMS_CHANNEL_ID,
    });
    expect(sms.status).toBe(200);
    expect(await sms.json()).toMatchObject({
      type: "sms",
      author: null,
      draft_mode: "private",
      recipients: [
        { handle: SMS_CHANNEL_ADDRESS, role: "from" },
        { handle: CALLER, role: "to" },
      ],
    });
    const email = await api(sim, "POST", `/conversations/${id}/drafts`, {
      body: "Details attached",
      channel_id: `alt:address:${EMAIL_CHANNEL_ADDRESS}`,
      to: ["sam@customer.example"],
    });
    expect(await email.json()).toMatchObject({
      type: "email",
      recipients: [
        { handle: EMAIL_CHANNEL_ADDRESS, role: "from" },
        { handle: "sam@customer.example", role: "to" },
      ],
    });
  });

  it("answers 404 for an unknown channel, by id or by address", async () => {
    const id = await newCall();
    for (const channel_id of ["cha_nope", "alt:address:+10000000000"]) {
      const response = await api(sim, "POST", `/conversations/${id}/drafts`, { body: "Hi", channel_id });
      expect(response.status, channel_id).toBe(404);
    }
    expect(sim.getConversation(id)!.drafts).toEqual([]);
  });
});

describe("channels", () => {
  it("lists every channel with Front's ChannelResponse shape, one per inbox", async () => {
    const body = (await (await api(sim, "GET", "/channels")).json()) as { _results: Json[] };
    expect(body._results.map((channel) => channel.type)).toEqual([
      "custom",
      "twilio",
      "smtp",
      "twilio_whatsapp",
      "front_chat",
      "custom",
    ]);
    expect(body._results.find((channel) => channel.id === SMS_CHANNEL_ID)).toEqual({
      _links: { self: `${sim.url}/channels/${SMS_CHANNEL_ID}`, related: { inbox: `${sim.url}/inboxes/inb_sms1` } },
      id: SMS_CHANNEL_ID,
      name: "SMS",
      address: SMS_CHANNEL_ADDRESS,
      type: "twilio",
      send_as: SMS_CHANNEL_ADDRESS,
      settings: { undo_send_time: 0, all_teammates_can_reply: false },
      is_private: false,
      is_valid: true,
    });
  });

  it("answers one channel by id or alias, an inbox's channels, and a conversation's inboxes", async () => {
    expect(((await (await api(sim, "GET", `/channels/${EMAIL_CHANNEL_ID}`)).json()) as Json).type).toBe("smtp");
    expect(((await (await api(sim, "GET", `/channels/alt:address:${SMS_CHANNEL_ADDRESS}`)).json()) as Json).id).toBe(
      SMS_CHANNEL_ID,
    );
    expect((await api(sim, "GET", "/channels/cha_nope")).status).toBe(404);
    const phone = (await (await api(sim, "GET", "/inboxes/inb_phone1/channels")).json()) as { _results: Json[] };
    expect(phone._results.map((channel) => channel.id)).toEqual([CALL_CHANNEL_ID]);
    const id = await newCall();
    const inboxes = (await (await api(sim, "GET", `/conversations/${id}/inboxes`)).json()) as { _results: Json[] };
    expect(inboxes._results).toEqual([
      expect.objectContaining({
        id: "inb_phone1",
        _links: expect.objectContaining({ self: `${sim.url}/inboxes/inb_phone1` }),
      }),
    ]);
  });
});

describe("replies", () => {
  it("with channel_id and to, goes out on that channel to that handle: a text-back to a caller", async () => {
    const id = await newCall();
    const response = await api(sim, "POST", `/conversations/${id}/messages`, {
      body: "Our address is 1 Main St.",
      channel_id: `alt:address:${SMS_CHANNEL_ADDRESS}`,
      to: [CALLER],
      options: { archive: false },
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: "accepted", message_uid: expect.any(String) });
    const conversation = sim.getConversation(id)!;
    expect(conversation.messages.at(-1)).toMatchObject({
      type: "sms",
      is_inbound: false,
      recipients: [
        { handle: SMS_CHANNEL_ADDRESS, role: "from" },
        { handle: CALLER, role: "to" },
      ],
    });
    expect(conversation.replies[0]).toMatchObject({
      channelId: `alt:address:${SMS_CHANNEL_ADDRESS}`,
      to: [CALLER],
      failure: null,
    });
    await sim.whenIdle();
    expect(receiver.deliveries).toHaveLength(1);
  });

  it("on a call without channel_id, is accepted and then fails with a sending_error, never becoming a text", async () => {
    const id = await newCall();
    const response = await api(sim, "POST", `/conversations/${id}/messages`, {
      body: "Hi",
      options: { archive: false },
    });
    expect(response.status).toBe(202);
    await sim.whenIdle();
    const conversation = sim.getConversation(id)!;
    const failed = conversation.messages.at(-1)!;
    expect(failed.type).not.toBe("sms");
    expect(conversation.replies[0]).toMatchObject({ channelId: null, to: null, failure: "sending_error" });
    expect(lastPayload()).toMatchObject({
      type: "sending_error",
      source: { _meta: { type: "recipient" }, data: { handle: CALLER, role: "to" } },
      target: { _meta: { type: "message" }, data: { id: failed.id } },
    });
  });

  it("answers 404 for an unknown channel", async () => {
    const id = await newCall();
    expect(
      (await api(sim, "POST", `/conversations/${id}/messages`, { body: "Hi", channel_id: "cha_nope", to: [CALLER] }))
        .status,
    ).toBe(404);
    expect(sim.getConversation(id)!.replies).toEqual([]);
  });

  it("failNextReply makes the next reply (on one conversation) fail after its 202, as a sending_error or a bounce", async () => {
    const other = await newCall();
    const id = await newCall();
    sim.failNextReply({ conversationId: id, kind: "message_bounce_error" });
    const sms = { body: "Hi", channel_id: SMS_CHANNEL_ID, to: [CALLER], options: { archive: false } };
    expect((await api(sim, "POST", `/conversations/${other}/messages`, sms)).status).toBe(202);
    expect((await api(sim, "POST", `/conversations/${id}/messages`, sms)).status).toBe(202);
    await sim.whenIdle();
    expect(sim.getConversation(other)!.replies[0].failure).toBeNull();
    expect(sim.getConversation(id)!.replies[0].failure).toBe("message_bounce_error");
    expect(lastPayload()).toMatchObject({ type: "message_bounce_error", conversation: { id } });

    // Over HTTP, for any conversation; then the next reply is fine again.
    expect((await control(sim, "POST", "/reply-failures", {})).status).toBe(200);
    await api(sim, "POST", `/conversations/${other}/messages`, sms);
    await api(sim, "POST", `/conversations/${other}/messages`, sms);
    await sim.whenIdle();
    expect(sim.getConversation(other)!.replies.map((reply) => reply.failure)).toEqual([null, "sending_error", null]);
  });

  it("emitSendingError (and POST /_sim/sending-errors) reports a failure for a given sent message", async () => {
    const id = await newCall();
    await api(sim, "POST", `/conversations/${id}/messages`, { body: "Hi", channel_id: SMS_CHANNEL_ID, to: [CALLER] });
    const messageId = sim.getConversation(id)!.replies[0].messageId;
    const result = await sim.emitSendingError(messageId);
    expect(result).toMatchObject({
      conversationId: id,
      messageId,
      eventId: expect.stringMatching(/^evt_/),
      delivery: { status: 200 },
    });
    expect(lastPayload()).toMatchObject({ type: "sending_error", target: { data: { id: messageId } } });
    const overHttp = await control(sim, "POST", "/sending-errors", { messageId, kind: "message_bounce_error" });
    expect(overHttp.status).toBe(200);
    expect(lastPayload().type).toBe("message_bounce_error");
    await expect(sim.emitSendingError(sim.getConversation(id)!.messages[0].id)).rejects.toThrow(/inbound/);
  });
});

describe("events", () => {
  it("the app's own reply, echoed, is an out_reply", async () => {
    const echoing = await startSim({ webhookUrl: receiver.url, emitEventsForApiWrites: true });
    const { conversationId } = await echoing.placeCall({ from: CALLER, text: "hello" });
    await api(echoing, "POST", `/conversations/${conversationId}/messages`, {
      body: "Hi",
      channel_id: SMS_CHANNEL_ID,
      to: [CALLER],
      options: { archive: false },
    });
    await echoing.whenIdle();
    expect(receiver.deliveries.map((delivery) => (delivery.json as Envelope).payload.type)).toEqual([
      "inbound",
      "out_reply",
    ]);
    await echoing.close();
  });

  it("previews are flat: {_meta, _links, id} sides without data, conversation {_links, id}", async () => {
    const id = await newCall();
    sim.configure({ webhookKind: "rule", rulePreview: true });
    await sim.assign(id, "tea_rep7", { by: "tea_rep7" });
    const preview = receiver.deliveries.at(-1)!.json as Event;
    expect(preview.source).toEqual({
      _meta: { type: "teammate" },
      _links: { self: `${sim.url}/teammates/tea_rep7` },
      id: "tea_rep7",
    });
    expect(preview.target).toEqual({
      _meta: { type: "teammate" },
      _links: { self: `${sim.url}/teammates/tea_rep7` },
      id: "tea_rep7",
    });
    expect(preview.conversation).toEqual({ _links: { self: `${sim.url}/conversations/${id}` }, id });
    await sim.archive(id);
    expect(receiver.deliveries.at(-1)!.json).not.toHaveProperty("target");
  });

  it("merge delivers conversations_merged on the survivor, naming the merged-away id (also over /_sim/merge)", async () => {
    const first = await newCall();
    const second = await newCall();
    const result = await sim.merge(first, second);
    expect(result).toMatchObject({
      conversationId: second,
      eventId: expect.stringMatching(/^evt_/),
      delivery: { status: 200 },
    });
    expect(lastPayload()).toMatchObject({
      type: "conversations_merged",
      source: { _meta: { type: "rule" } },
      target: { _meta: { type: "deleted_conversation_ids" }, data: [first] },
      conversation: { id: second },
    });
    const third = await newCall();
    const overHttp = await control(sim, "POST", "/merge", { sourceId: third, targetId: second, by: "tea_rep7" });
    expect(await overHttp.json()).toMatchObject({ conversationId: second, conversation: { id: second } });
    expect(lastPayload()).toMatchObject({ source: { _meta: { type: "teammate" } }, target: { data: [third] } });
  });
});

describe("token scopes", () => {
  it("a token without an endpoint's scope gets Front's 403 before any 404 or body check", async () => {
    sim.configure({ tokenScopes: ["conversations:read", "messages:read"] });
    const refused = await api(sim, "POST", "/conversations/cnv_missing/drafts", { nonsense: true });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      _error: { status: 403, title: "Forbidden", message: "The API token lacks the scope drafts:write" },
    });
    expect((await api(sim, "GET", "/channels")).status).toBe(403);
    expect((await api(sim, "GET", "/conversations/cnv_missing")).status).toBe(404);
    expect((await api(sim, "GET", "/me")).status).toBe(200);
  });

  it("takes the scopes from /_sim/config too, and null restores every scope", async () => {
    expect(await (await control(sim, "POST", "/config", { tokenScopes: [] })).json()).toMatchObject({
      tokenScopes: [],
    });
    expect((await api(sim, "GET", "/teammates")).status).toBe(403);
    await control(sim, "POST", "/config", { tokenScopes: null });
    expect((await api(sim, "GET", "/teammates")).status).toBe(200);
  });

  it("publishes the scopes per endpoint", () => {
    expect(FRONT_SCOPES_BY_ENDPOINT["POST /conversations/{conversation_id}/messages"]).toEqual(["messages:send"]);
    expect(FRONT_SCOPES_BY_ENDPOINT["GET /channels"]).toEqual(["channels:read"]);
  });
});

describe("rate limits", () => {
  it("a burst 429 names the tier and leaves x-ratelimit-remaining above 0; the plan 429 reports 0", async () => {
    const id = await newCall();
    sim.rateLimit({ limit: "burst", path: `/conversations/${id}/**` });
    const burst = await api(sim, "GET", `/conversations/${id}/messages`);
    expect(burst.status).toBe(429);
    expect(burst.headers.get("retry-after")).toBe("1");
    expect(burst.headers.get("x-front-tier")).toBe("2");
    expect(Number(burst.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(0);
    // Only that resource: another conversation is served.
    expect((await api(sim, "GET", `/conversations/${await newCall()}/messages`)).status).toBe(200);

    sim.rateLimit({});
    const plan = await api(sim, "GET", "/me");
    expect(plan.status).toBe(429);
    expect(plan.headers.get("x-front-tier")).toBeNull();
    expect(plan.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("a burst fault can be set over HTTP", async () => {
    const response = await control(sim, "POST", "/faults", {
      kind: "rate-limit",
      limit: "burst",
      path: "/me",
      retryAfterSeconds: 2,
    });
    expect(response.status).toBe(200);
    const limited = await api(sim, "GET", "/me");
    expect([limited.status, limited.headers.get("retry-after"), limited.headers.get("x-front-tier")]).toEqual([
      429,
      "2",
      "2",
    ]);
  });
});
