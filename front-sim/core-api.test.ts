import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMS_CHANNEL_ID, type FrontSimulator } from "./index";
import { api, expectShapeLike, readFixture, startSim } from "../test/helpers/front-sim";

type Json = Record<string, unknown>;

let sim: FrontSimulator;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.reset());

/** A conversation with one inbound call, assigned to the AI teammate. */
async function newCall(text = "Customer: where is my order?"): Promise<string> {
  const { conversationId } = await sim.placeCall({ from: "+14155550100", text });
  return conversationId;
}

describe("identity and teammates", () => {
  it("GET /me answers like fixtures/api-me.json with the simulator's own _links", async () => {
    const response = await api(sim, "GET", "/me");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Json;
    expectShapeLike(body, readFixture("api-me.json"));
    expect(Object.keys(body).sort()).toEqual(Object.keys(readFixture("api-me.json")).sort());
    expect(body).toMatchObject({ id: "cmp_4thp0", _links: { self: `${sim.url}/me` } });
  });

  it("GET /teammates lists the fixture teammates", async () => {
    const response = await api(sim, "GET", "/teammates");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Json;
    const fixture = readFixture("api-teammates.json");
    expectShapeLike(body, fixture);
    // Front's spec requires each teammate's _links, which the fixture leaves out.
    const results = body._results as Array<Json & { _links: { self: string } }>;
    const withoutLinks = (teammate: Json) =>
      Object.fromEntries(Object.entries(teammate).filter(([key]) => key !== "_links"));
    expect(results.map(withoutLinks)).toEqual(fixture._results);
    expect(results.map((teammate) => teammate._links.self)).toEqual([
      `${sim.url}/teammates/tea_ai01`,
      `${sim.url}/teammates/tea_rep7`,
    ]);
  });

  it("every answer carries the x-ratelimit headers", async () => {
    for (const response of [await api(sim, "GET", "/me"), await api(sim, "GET", "/conversations/cnv_nope")]) {
      expect(Number(response.headers.get("x-ratelimit-limit"))).toBeGreaterThan(0);
      expect(response.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
      expect(Number(response.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    }
  });
});

describe("auth and errors", () => {
  it("401 with Front's _error shape for a missing or wrong token", async () => {
    for (const token of [null, "wrong"]) {
      const response = await api(sim, "GET", "/me", undefined, { token });
      expect(response.status).toBe(401);
      const body = (await response.json()) as Json;
      expectShapeLike(body, readFixture("api-error-404.json"));
      expect(body).toMatchObject({ _error: { status: 401 } });
    }
  });

  it("404 _error for an unknown conversation, message and route", async () => {
    for (const path of ["/conversations/cnv_missing", "/messages/msg_missing", "/nope"]) {
      const response = await api(sim, "GET", path);
      expect(response.status, path).toBe(404);
      expectShapeLike(await response.json(), readFixture("api-error-404.json"));
    }
  });

  it("400 _error for invalid JSON and for missing fields", async () => {
    const id = await newCall();
    const badJson = await api(sim, "POST", `/conversations/${id}/comments`, undefined, { rawBody: "{not json" });
    expect(badJson.status).toBe(400);
    expectShapeLike(await badJson.json(), readFixture("api-error-404.json"));
    const missing = await api(sim, "POST", `/conversations/${id}/comments`, { author_id: "tea_ai01" });
    expect(missing.status).toBe(400);
  });
});

describe("conversations and messages", () => {
  it("GET /conversations/{id} has the fixture conversation shape, with the full assignee", async () => {
    const id = await newCall();
    const response = await api(sim, "GET", `/conversations/${id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Json;
    const fixtureConversation = readFixture<{ payload: { conversation: Json } }>("app-inbound-call-handoff.json")
      .payload.conversation;
    expectShapeLike(body, fixtureConversation);
    expect(body).toMatchObject({
      id,
      status: "assigned",
      assignee: fixtureConversation.assignee,
      recipient: { handle: "+14155550100", role: "from" },
      _links: {
        self: `${sim.url}/conversations/${id}`,
        related: { messages: `${sim.url}/conversations/${id}/messages` },
      },
    });
  });

  it("GET /messages/{id} has the fixture message shape", async () => {
    const { messageId } = await sim.placeCall({
      from: "+14155550100",
      text: "Voicemail transcript\nHi",
      answered: false,
      durationSeconds: 41,
    });
    const response = await api(sim, "GET", `/messages/${messageId}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Json;
    const fixtureMessage = readFixture<{ payload: { target: { data: Json } } }>("app-inbound-call-question.json")
      .payload.target.data;
    expectShapeLike(body, fixtureMessage);
    expect(body).toMatchObject({
      id: messageId,
      type: "call",
      is_inbound: true,
      body: "<p>Voicemail transcript</p><p>Hi</p>",
      text: "Voicemail transcript\nHi",
      author: null,
      metadata: { duration: 41, have_been_answered: false },
    });
  });

  it("lists messages newest first and pages with _pagination.next until null", async () => {
    const id = await newCall("message 0");
    for (let index = 1; index < 5; index += 1)
      await sim.placeCall({ from: "+14155550100", text: `message ${index}`, conversationId: id });
    const texts: string[] = [];
    let next: string | null = `${sim.url}/conversations/${id}/messages?limit=2`;
    let pages = 0;
    while (next) {
      const response = await api(sim, "GET", next);
      expect(response.status).toBe(200);
      const page = (await response.json()) as {
        _pagination: { next: string | null };
        _results: Array<{ text: string }>;
      };
      expect(page._results.length).toBeLessThanOrEqual(2);
      texts.push(...page._results.map((message) => message.text));
      if (page._pagination.next) expect(page._pagination.next.startsWith(`${sim.url}/`)).toBe(true);
      next = page._pagination.next;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(texts).toEqual(["message 4", "message 3", "message 2", "message 1", "message 0"]);
  });

  it("rejects a limit above 100 and a forged page_token", async () => {
    const id = await newCall();
    expect((await api(sim, "GET", `/conversations/${id}/messages?limit=101`)).status).toBe(400);
    expect((await api(sim, "GET", `/conversations/${id}/messages?page_token=garbage`)).status).toBe(400);
    expect((await api(sim, "GET", `/conversations/${id}/messages?limit=100`)).status).toBe(200);
  });

  it("answers 301 with Location for a merged conversation", async () => {
    const source = await newCall("first call");
    const target = await newCall("second call");
    sim.merge(source, target);
    const response = await api(sim, "GET", `/conversations/${source}`, undefined, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(`${sim.url}/conversations/${target}`);
    const followed = await api(sim, "GET", `/conversations/${source}/messages`);
    const page = (await followed.json()) as { _results: Array<{ text: string }> };
    expect(page._results.map((message) => message.text).sort()).toEqual(["first call", "second call"]);
  });

  it("answers 404 for a deleted conversation, its messages and a conversation merged into it", async () => {
    const merged = await newCall("first call");
    const { conversationId, messageId } = await sim.placeCall({ from: "+14155550100", text: "second call" });
    sim.merge(merged, conversationId);
    const result = await sim.deleteConversation(conversationId);
    expect(result).toEqual({ conversationId, eventId: null, delivery: null });
    for (const path of [
      `/conversations/${conversationId}`,
      `/conversations/${conversationId}/messages`,
      `/messages/${messageId}`,
      `/conversations/${merged}`,
    ]) {
      const response = await api(sim, "GET", path, undefined, { redirect: "manual" });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ _error: { status: 404 } });
    }
    expect((await api(sim, "POST", `/conversations/${conversationId}/comments`, { body: "note" })).status).toBe(404);
    expect(sim.getConversation(conversationId)).toBeUndefined();
    expect(sim.listConversations()).toHaveLength(0);
  });
});

describe("writes", () => {
  it("POST comments → 201 com_ comment, stored and counted", async () => {
    const id = await newCall();
    const response = await api(sim, "POST", `/conversations/${id}/comments`, {
      body: "**Handoff**: frustrated",
      author_id: "tea_ai01",
    });
    expect(response.status).toBe(201);
    const comment = (await response.json()) as Json;
    expect(Object.keys(comment)).toEqual(expect.arrayContaining(["_links", "id", "author", "body", "posted_at"]));
    expect(comment.id).toMatch(/^com_/);
    expect(comment).toMatchObject({ body: "**Handoff**: frustrated", author: { id: "tea_ai01" } });
    expect(typeof comment.posted_at).toBe("number");
    expect(sim.getConversation(id)?.comments.map((stored) => stored.body)).toEqual(["**Handoff**: frustrated"]);
    expect(sim.counts[id].comments).toBe(1);
  });

  it("GET comments lists them newest first, as Front's spec says", async () => {
    const id = await newCall();
    for (const body of ["first", "second"])
      expect((await api(sim, "POST", `/conversations/${id}/comments`, { body, author_id: "tea_ai01" })).status).toBe(
        201,
      );
    const listed = (await (await api(sim, "GET", `/conversations/${id}/comments`)).json()) as { _results: Json[] };
    expect(listed._results.map((comment) => comment.body)).toEqual(["second", "first"]);
  });

  it("PUT assignee → 204; null unassigns; unknown teammate → 400", async () => {
    const id = await newCall();
    expect((await api(sim, "PUT", `/conversations/${id}/assignee`, { assignee_id: null })).status).toBe(204);
    let conversation = (await (await api(sim, "GET", `/conversations/${id}`)).json()) as Json;
    expect(conversation).toMatchObject({ assignee: null, status: "unassigned" });
    expect((await api(sim, "PUT", `/conversations/${id}/assignee`, { assignee_id: "tea_rep7" })).status).toBe(204);
    conversation = (await (await api(sim, "GET", `/conversations/${id}`)).json()) as Json;
    expect(conversation).toMatchObject({ assignee: { id: "tea_rep7" }, status: "assigned" });
    expect((await api(sim, "PUT", `/conversations/${id}/assignee`, { assignee_id: "tea_ghost" })).status).toBe(400);
    expect(sim.counts[id].assigneeChanges).toBe(2);
  });

  it("reply → 202 accepted; archives by default like Front", async () => {
    const id = await newCall();
    const response = await api(sim, "POST", `/conversations/${id}/messages`, {
      body: "<p>Here is how</p>",
      author_id: "tea_ai01",
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ status: "accepted" });
    expect(typeof body.message_uid).toBe("string");
    const conversation = sim.getConversation(id)!;
    expect(conversation.status).toBe("archived");
    expect(conversation.replies[0]).toMatchObject({ archived: true, options: undefined, authorId: "tea_ai01" });
    const outbound = conversation.messages.at(-1)!;
    expect(outbound).toMatchObject({ is_inbound: false, author: { id: "tea_ai01" }, text: "Here is how" });
    const byUid = await api(sim, "GET", `/messages/alt:uid:${String(body.message_uid)}`);
    expect(((await byUid.json()) as Json).id).toBe(outbound.id);
  });

  it("reply with options.archive false keeps the conversation open and records the options", async () => {
    const id = await newCall();
    const options = { archive: false, tag_ids: ["tag_ai"] };
    const response = await api(sim, "POST", `/conversations/${id}/messages`, {
      body: "Hi",
      text: "Hi",
      author_id: "tea_ai01",
      options,
    });
    expect(response.status).toBe(202);
    const conversation = sim.getConversation(id)!;
    expect(conversation.status).toBe("assigned");
    expect(conversation.tags).toEqual(["tag_ai"]);
    expect(conversation.replies[0]).toMatchObject({ archived: false, options, text: "Hi" });
    expect(sim.counts[id].replies).toBe(1);
  });

  it("POST drafts → 200 draft message; PATCH → 204", async () => {
    const id = await newCall();
    const draft = await api(sim, "POST", `/conversations/${id}/drafts`, {
      body: "Draft answer",
      mode: "shared",
      author_id: "tea_ai01",
      channel_id: SMS_CHANNEL_ID,
    });
    expect(draft.status).toBe(200);
    expect(await draft.json()).toMatchObject({ draft_mode: "shared", body: "Draft answer" });
    const patch = await api(sim, "PATCH", `/conversations/${id}`, {
      assignee_id: null,
      status: "archived",
      tag_ids: ["tag_x"],
    });
    expect(patch.status).toBe(204);
    expect(sim.getConversation(id)).toMatchObject({ status: "archived", assigneeId: null, tags: ["tag_x"] });
    expect((await api(sim, "PATCH", `/conversations/${id}`, { status: "open" })).status).toBe(204);
    expect(sim.getConversation(id)?.status).toBe("unassigned");
  });

  it("keeps drafts apart from sent messages: listed under /drafts and in the state, never in /messages", async () => {
    const id = await newCall();
    const response = await api(sim, "POST", `/conversations/${id}/drafts`, {
      body: "<p>Try Forgot password.</p>",
      author_id: "tea_ai01",
      mode: "shared",
      channel_id: SMS_CHANNEL_ID,
    });
    const draft = (await response.json()) as Json;
    // The draft is on the channel it names: the SMS channel, to answer a caller by text.
    expect(draft).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      type: "sms",
      is_inbound: false,
      draft_mode: "shared",
      text: "Try Forgot password.",
      author: { id: "tea_ai01" },
    });
    const listed = (await (await api(sim, "GET", `/conversations/${id}/drafts`)).json()) as { _results: Json[] };
    expect(listed._results.map((message) => message.id)).toEqual([draft.id]);
    const messages = (await (await api(sim, "GET", `/conversations/${id}/messages`)).json()) as { _results: Json[] };
    expect(messages._results.map((message) => message.id)).not.toContain(draft.id);
    const view = sim.getConversation(id)!;
    expect(view.drafts).toEqual([expect.objectContaining({ id: draft.id, draft_mode: "shared" })]);
    expect(view.replies).toEqual([]);
    expect(sim.counts[id]).toMatchObject({ drafts: 1, replies: 0, messages: 1 });
    expect(sim.snapshot().totals.drafts).toBe(1);
  });

  it("a draft without mode is private, Front's default", async () => {
    const id = await newCall();
    const draft = await api(sim, "POST", `/conversations/${id}/drafts`, {
      body: "Mine only",
      author_id: "tea_rep7",
      channel_id: SMS_CHANNEL_ID,
    });
    expect(await draft.json()).toMatchObject({ draft_mode: "private", author: { id: "tea_rep7" } });
  });

  it("refuses a draft Front would refuse: no body, no channel, an unknown author or mode, with 400 and nothing stored", async () => {
    const id = await newCall();
    const channel_id = SMS_CHANNEL_ID;
    for (const body of [
      { channel_id },
      { body: "", channel_id },
      { body: "Hi" },
      { body: "Hi", channel_id, author_id: "tea_nobody" },
      { body: "Hi", channel_id, mode: "public" },
    ]) {
      const response = await api(sim, "POST", `/conversations/${id}/drafts`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { _error: Json })._error).toMatchObject({ status: 400 });
    }
    expect(sim.getConversation(id)!.drafts).toEqual([]);
  });

  it("drafts on a merged conversation answer 301, and on a missing one 404", async () => {
    const first = await newCall();
    const second = await newCall();
    sim.merge(first, second);
    const moved = await api(
      sim,
      "POST",
      `/conversations/${first}/drafts`,
      { body: "Hi", channel_id: SMS_CHANNEL_ID },
      { redirect: "manual" },
    );
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(`${sim.url}/conversations/${second}/drafts`);
    expect(
      (await api(sim, "POST", "/conversations/cnv_gone/drafts", { body: "Hi", channel_id: SMS_CHANNEL_ID })).status,
    ).toBe(404);
  });

  it("fault injection applies to drafts: a refusal, a server error, then a draft", async () => {
    const id = await newCall();
    sim.fail({
      method: "POST",
      path: "/conversations/*/drafts",
      status: 403,
      message: "Drafts are not allowed in this inbox",
    });
    sim.fail({ method: "POST", path: "/conversations/*/drafts", status: 503 });
    const draft = { body: "Hi", channel_id: SMS_CHANNEL_ID };
    const refused = await api(sim, "POST", `/conversations/${id}/drafts`, draft);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ _error: { message: "Drafts are not allowed in this inbox" } });
    expect((await api(sim, "POST", `/conversations/${id}/drafts`, draft)).status).toBe(503);
    expect((await api(sim, "POST", `/conversations/${id}/drafts`, draft)).status).toBe(200);
    expect(sim.getConversation(id)!.drafts).toHaveLength(1);
    expect(sim.requests.map((request) => request.fault ?? request.status)).toEqual(["fail", "fail", 200]);
  });

  it("logs every Core API request with method, path, time and status", async () => {
    const before = Date.now();
    await api(sim, "GET", "/me");
    await api(sim, "GET", "/conversations/cnv_x");
    expect(sim.requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: "GET", path: "/me", status: 200 },
      { method: "GET", path: "/conversations/cnv_x", status: 404 },
    ]);
    expect(sim.requests[0].timeMs).toBeGreaterThanOrEqual(before);
  });
});
