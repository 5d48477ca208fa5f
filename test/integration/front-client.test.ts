import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FrontApiError } from "@/lib/front/errors";
import { FrontClient } from "@/lib/front/client";
import { createFrontSimulator, type FrontSimulator } from "@/front-sim";

const TOKEN = "client-test-token";

describe("Front client against the simulator (real HTTP)", () => {
  let sim: FrontSimulator;
  let client: FrontClient;

  beforeEach(async () => {
    sim = await createFrontSimulator({ apiToken: TOKEN, appSecret: "s" });
    client = new FrontClient({ baseUrl: sim.url, token: TOKEN, backoffMs: 20, maxRetries: 3, timeoutMs: 1_000 });
  });
  afterEach(async () => {
    await sim.close();
  });

  it("identifies the company and lists teammates", async () => {
    expect(await client.me()).toMatchObject({ id: "cmp_4thp0" });
    const teammates = await client.listTeammates();
    expect(teammates.map((teammate) => teammate.id)).toEqual(expect.arrayContaining(["tea_ai01", "tea_rep7"]));
  });

  it("waits for retry-after on 429 before trying again", async () => {
    sim.rateLimit({ count: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    await client.me();
    const [limited, retried] = sim.requests;
    expect(limited.status).toBe(429);
    expect(retried.status).toBe(200);
    expect(retried.timeMs - limited.timeMs).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it("retries 5xx with backoff, then gives up with a typed error carrying Front's _error", async () => {
    sim.fail({ status: 502, count: 2 });
    await expect(client.me()).resolves.toMatchObject({ id: "cmp_4thp0" });
    expect(sim.requests.map((request) => request.status)).toEqual([502, 502, 200]);

    sim.clearRequests();
    sim.fail({ status: 500, count: 10 });
    const error = await client.me().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FrontApiError);
    expect(error).toMatchObject({ status: 500, method: "GET", path: "/me" });
    expect(sim.requests).toHaveLength(4);
  });

  it("does not retry a 404 and exposes Front's message", async () => {
    const error = (await client.getMessage("msg_missing").catch((caught: unknown) => caught)) as FrontApiError;
    expect(error).toBeInstanceOf(FrontApiError);
    expect(error.status).toBe(404);
    expect(error.retryable).toBe(false);
    expect(error.frontError?.title).toBe("Not found");
    expect(sim.requests).toHaveLength(1);
  });

  it("refuses a wrong token with a 401 error", async () => {
    const wrong = new FrontClient({ baseUrl: sim.url, token: "nope" });
    await expect(wrong.me()).rejects.toMatchObject({ status: 401 });
  });

  it("never repeats the token when Front's error quotes it", async () => {
    sim.fail({ status: 400, count: 1, message: `Token ${TOKEN} is not allowed here` });
    const error = await client.me().catch((caught: unknown) => caught as FrontApiError);
    expect(error).toMatchObject({ status: 400 });
    expect(JSON.stringify({ message: error.message, frontError: error.frontError })).not.toContain(TOKEN);
    expect(error.message).toContain("Token [redacted] is not allowed here");
  });

  it("times out a request that hangs and retries it", async () => {
    sim.hang({ count: 1 });
    await expect(client.me()).resolves.toMatchObject({ id: "cmp_4thp0" });
    expect(sim.requests.length).toBeGreaterThanOrEqual(2);
  });

  it("follows a merged conversation (301) to the one that holds its messages", async () => {
    const first = await sim.placeCall({ from: "+14155550001", text: "Customer: hello" });
    const second = await sim.placeCall({ from: "+14155550001", text: "Customer: hello again" });
    sim.merge(first.conversationId, second.conversationId);
    const lookup = await client.getConversation(first.conversationId);
    expect(lookup).toMatchObject({ mergedFrom: first.conversationId, conversation: { id: second.conversationId } });
  });

  it("follows message pagination to the end", async () => {
    const placed = await sim.placeCall({ from: "+14155550002", text: "Customer: first" });
    for (let i = 0; i < 4; i++)
      await sim.placeCall({ from: "+14155550002", text: `Customer: more ${i}`, conversationId: placed.conversationId });
    const messages = await client.listMessages(placed.conversationId, 2);
    expect(messages).toHaveLength(5);
    expect(sim.requests.filter((request) => request.pathname.endsWith("/messages"))).toHaveLength(3);
  });

  it("sends replies with archive: false unless told otherwise, and unassigns with null", async () => {
    const placed = await sim.placeCall({ from: "+14155550003", text: "Customer: hi", assigneeId: "tea_ai01" });
    const accepted = await client.sendReply(placed.conversationId, { body: "<p>Hello</p>", authorId: "tea_ai01" });
    expect(accepted.status).toBe("accepted");
    await client.setAssignee(placed.conversationId, null);
    const conversation = sim.getConversation(placed.conversationId)!;
    expect(conversation.replies[0].options).toMatchObject({ archive: false });
    expect(conversation.status).toBe("unassigned");
  });

  it("lists a conversation's comments and drafts, with author, body and time", async () => {
    const placed = await sim.sendMessage({ from: "ana@example.com", text: "Hi" });
    const before = Date.now() / 1000 - 1;
    const comment = await client.postComment(placed.conversationId, "**Note** for the team", "tea_ai01");
    const draft = await client.createDraft(placed.conversationId, {
      body: "<p>Draft answer</p>",
      authorId: "tea_ai01",
      mode: "shared",
      channelId: "alt:address:support@acme.example",
    });

    const comments = await client.listComments(placed.conversationId);
    expect(comments).toEqual([
      expect.objectContaining({
        id: comment.id,
        body: "**Note** for the team",
        author: expect.objectContaining({ id: "tea_ai01" }),
      }),
    ]);
    expect(comments[0].posted_at).toBeGreaterThan(before);
    const drafts = await client.listDrafts(placed.conversationId);
    expect(drafts).toEqual([
      expect.objectContaining({
        id: draft.id,
        body: "<p>Draft answer</p>",
        draft_mode: "shared",
        author: expect.objectContaining({ id: "tea_ai01" }),
      }),
    ]);
    // A draft is not a sent message.
    expect((await client.listMessages(placed.conversationId)).map((message) => message.id)).not.toContain(draft.id);
  });
});
