import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMS_CHANNEL_ID, type ConversationView, type FrontSimulator, type SimSnapshot } from "./index";
import { api, control, startReceiver, startSim, type Receiver } from "../test/helpers/front-sim";

type Json = Record<string, unknown>;
type ActionAnswer = { conversationId: string; messageId?: string; eventId: string; delivery: { status: number } };

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
  receiver.deliveries.length = 0;
});

async function post<T = Json>(path: string, body?: unknown): Promise<T> {
  const response = await control(sim, "POST", path, body);
  expect(response.status, `POST /_sim${path}`).toBe(200);
  return (await response.json()) as T;
}

async function state(): Promise<SimSnapshot> {
  return (await (await control(sim, "GET", "/state")).json()) as SimSnapshot;
}

describe("/_sim controls over HTTP", () => {
  it("calls, messages, teammate replies, assign and archive drive the conversation and deliver webhooks", async () => {
    const call = await post<ActionAnswer>("/calls", {
      from: "+14155550123",
      text: "Customer: hi",
      durationSeconds: 30,
    });
    expect(call.delivery.status).toBe(200);
    expect(call.conversationId).toMatch(/^cnv_/);
    await post("/messages", {
      channel: "sms",
      from: "+14155550123",
      text: "follow-up",
      conversationId: call.conversationId,
    });
    await post("/teammate-replies", { conversationId: call.conversationId, text: "On it" });
    await post("/assign", { conversationId: call.conversationId, teammateId: "tea_rep7" });
    await post("/archive", { conversationId: call.conversationId });
    expect(receiver.deliveries.map((delivery) => (delivery.json as Json).type)).toEqual([
      "inbound_received",
      "inbound_received",
      "outbound_reply_sent",
      "assignee_changed",
      "conversation_archived",
    ]);
    const conversation = (await (
      await control(sim, "GET", `/conversations/${call.conversationId}`)
    ).json()) as ConversationView;
    expect(conversation).toMatchObject({ status: "archived", assigneeId: "tea_rep7" });
    expect(conversation.messages.map((message) => message.text)).toEqual(["Customer: hi", "follow-up", "On it"]);
  });

  it("GET /_sim/state shows conversations, the app's writes and counters; /_sim/requests the log", async () => {
    const call = await post<ActionAnswer>("/calls", { from: "+14155550123", text: "hello" });
    await api(sim, "POST", `/conversations/${call.conversationId}/comments`, {
      body: "summary",
      author_id: "tea_ai01",
    });
    await api(sim, "POST", `/conversations/${call.conversationId}/messages`, {
      body: "Hi",
      channel_id: SMS_CHANNEL_ID,
      to: ["+14155550123"],
      options: { archive: false },
    });
    await api(sim, "PUT", `/conversations/${call.conversationId}/assignee`, { assignee_id: null });
    await api(sim, "POST", `/conversations/${call.conversationId}/drafts`, {
      body: "Suggested",
      channel_id: SMS_CHANNEL_ID,
      author_id: "tea_ai01",
      mode: "shared",
    });
    const snapshot = await state();
    expect(snapshot.conversations).toHaveLength(1);
    expect(snapshot.conversations[0]).toMatchObject({
      status: "unassigned",
      comments: [{ body: "summary" }],
      replies: [{ archived: false, options: { archive: false } }],
      drafts: [{ body: "Suggested", draft_mode: "shared" }],
    });
    expect(snapshot.counts[call.conversationId]).toMatchObject({
      comments: 1,
      replies: 1,
      drafts: 1,
      assigneeChanges: 1,
    });
    expect(snapshot.totals).toMatchObject({
      conversations: 1,
      comments: 1,
      replies: 1,
      drafts: 1,
      assigneeChanges: 1,
      requests: 4,
      deliveries: 1,
    });
    const { requests } = (await (await control(sim, "GET", "/requests")).json()) as { requests: Json[] };
    // /_sim calls are not part of the Core API log.
    expect(requests.map((entry) => `${String(entry.method)} ${String(entry.status)}`)).toEqual([
      "POST 201",
      "POST 202",
      "PUT 204",
      "POST 200",
    ]);
  });

  it("faults can be set and cleared over HTTP", async () => {
    const added = await post<{ faults: Json[] }>("/faults", { kind: "rate-limit", count: 5, retryAfterSeconds: 3 });
    expect(added.faults).toHaveLength(1);
    const limited = await api(sim, "GET", "/me");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await control(sim, "DELETE", "/faults")).status).toBe(200);
    expect((await api(sim, "GET", "/me")).status).toBe(200);
    await post("/faults", { kind: "fail", status: 502, method: "GET", path: "/me" });
    expect((await api(sim, "GET", "/me")).status).toBe(502);
    await post("/faults", { kind: "fail", status: 403, method: "GET", path: "/me" });
    expect((await api(sim, "GET", "/me")).status).toBe(403);
    expect((await control(sim, "POST", "/faults", { kind: "fail", status: 302 })).status).toBe(400);
  });

  it("events, redeliver, sync and config", async () => {
    const call = await post<ActionAnswer>("/calls", { from: "+14155550123", text: "hello" });
    await post("/redeliver", { eventId: call.eventId });
    expect(receiver.deliveries[1].rawBody).toBe(receiver.deliveries[0].rawBody);
    const event = sim.getEvent(call.eventId);
    await post("/events", { event, kind: "rule", preview: true });
    expect(receiver.deliveries[2].json).toMatchObject({ id: call.eventId, conversation: { id: call.conversationId } });
    expect(await post("/sync")).toMatchObject({ ok: true });
    expect(await post("/config", { webhookKind: "rule" })).toMatchObject({
      webhookKind: "rule",
      webhookUrl: receiver.url,
    });
    await post("/calls", { from: "+14155550123", text: "again" });
    expect(receiver.deliveries.at(-1)!.json).toHaveProperty("conversation");
    expect(receiver.deliveries.at(-1)!.json).not.toHaveProperty("payload");
    await post("/config", { webhookKind: "application" });
  });

  it("merge makes the source answer 301", async () => {
    const first = await post<ActionAnswer>("/calls", { from: "+14155550123", text: "one" });
    const second = await post<ActionAnswer>("/calls", { from: "+14155550123", text: "two" });
    await post("/merge", { sourceId: first.conversationId, targetId: second.conversationId });
    const moved = await api(sim, "GET", `/conversations/${first.conversationId}`, undefined, { redirect: "manual" });
    expect(moved.status).toBe(301);
    expect((await state()).conversations.map((conversation) => conversation.id)).toEqual([second.conversationId]);
  });

  it("transcripts and delete: a call's transcript event, then a deleted conversation with its trash event", async () => {
    const call = await post<ActionAnswer>("/calls", { from: "+14155550123", text: "Incoming call" });
    const transcript = await post<ActionAnswer>("/transcripts", {
      messageId: call.messageId,
      text: "Voicemail transcript\nPlease call me back.",
      voicemail: true,
    });
    expect(transcript).toMatchObject({
      conversationId: call.conversationId,
      messageId: call.messageId,
      delivery: { status: 200 },
    });
    expect(receiver.deliveries.at(-1)!.json).toMatchObject({
      type: "call_voicemail_transcript_added",
      payload: { target: { data: { id: call.messageId } } },
    });
    expect((await control(sim, "POST", "/transcripts", { messageId: "msg_nope", text: "hi" })).status).toBe(400);

    const deleted = await post<{ eventId: string }>("/delete", {
      conversationId: call.conversationId,
      trash: true,
      by: "tea_rep7",
    });
    expect(receiver.deliveries.at(-1)!.json).toMatchObject({
      type: "trash",
      payload: { id: deleted.eventId, conversation: { status: "deleted" } },
    });
    // In the trash: still served, with status "deleted"; deleted for good, gone.
    expect((await api(sim, "GET", `/conversations/${call.conversationId}`)).status).toBe(200);
    await post("/delete", { conversationId: call.conversationId });
    expect((await api(sim, "GET", `/conversations/${call.conversationId}`)).status).toBe(404);
    expect((await control(sim, "GET", `/conversations/${call.conversationId}`)).status).toBe(404);
  });

  it("samples and reset", async () => {
    const { results } = await post<{ results: Array<{ key: string; conversationId: string }> }>("/samples");
    expect(results.length).toBeGreaterThanOrEqual(6);
    expect((await state()).conversations).toHaveLength(results.length);
    await post("/reset");
    const snapshot = await state();
    expect(snapshot.conversations).toHaveLength(0);
    expect(snapshot.totals.requests).toBe(0);
  });

  it("rejects bad input with 400 _error and unknown routes with 404; answers CORS preflight", async () => {
    const invalid = await control(sim, "POST", "/calls", { text: "no caller" });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ _error: { status: 400, details: [expect.stringContaining("from")] } });
    expect((await control(sim, "POST", "/archive", { conversationId: "cnv_missing" })).status).toBe(400);
    const badJson = await fetch(`${sim.url}/_sim/calls`, { method: "POST", body: "{oops" });
    expect(badJson.status).toBe(400);
    expect((await control(sim, "GET", "/nope")).status).toBe(404);
    const preflight = await fetch(`${sim.url}/_sim/calls`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });
});
