import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FrontApiError } from "@/lib/front/errors";
import { FrontClient } from "@/lib/front/client";
import { createFrontSimulator, type FrontSimulator } from "@/front-sim";
import { COMPANY_EMAIL } from "@/front-sim/directory";

/** The support address the customer wrote to, as Front's channel alias. */
const CHANNEL = `alt:address:${COMPANY_EMAIL}`;

const TOKEN = "draft-client-token";

// FrontClient.createDraft against the simulator over real HTTP: the body Front expects, and the client's usual
// retry rules (429 waits, 5xx backs off, a 4xx or a timed-out POST is not repeated).
describe("Front client: drafts", () => {
  let sim: FrontSimulator;
  let client: FrontClient;
  let conversationId: string;

  beforeEach(async () => {
    sim = await createFrontSimulator({ apiToken: TOKEN, appSecret: "s" });
    client = new FrontClient({ baseUrl: sim.url, token: TOKEN, backoffMs: 10, maxRetries: 2, timeoutMs: 500 });
    conversationId = (
      await sim.sendMessage({
        messageType: "email",
        from: "sam@example.com",
        subject: "Password",
        text: "How do I reset it?",
      })
    ).conversationId;
    sim.clearRequests();
  });
  afterEach(async () => {
    await sim.close();
  });

  it("creates a shared draft by the given teammate and answers Front's message", async () => {
    const draft = await client.createDraft(conversationId, {
      body: "<p>Use Forgot password.</p>",
      authorId: "tea_ai01",
      channelId: CHANNEL,
    });
    expect(draft).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      draft_mode: "shared",
      subject: "Re: Password",
      author: { id: "tea_ai01" },
    });
    expect(sim.requests).toEqual([
      expect.objectContaining({
        method: "POST",
        path: `/conversations/${conversationId}/drafts`,
        status: 200,
        body: { body: "<p>Use Forgot password.</p>", channel_id: CHANNEL, author_id: "tea_ai01", mode: "shared" },
      }),
    ]);
    expect(sim.getConversation(conversationId)!.drafts.map((message) => message.id)).toEqual([draft.id]);
  });

  it("waits out a 429, but does not send again a draft Front answered with 5xx: it may have been created", async () => {
    sim.rateLimit({ count: 1, retryAfterSeconds: 0 });
    sim.fail({ status: 502, count: 1 });
    const error = (await client
      .createDraft(conversationId, { body: "<p>Hi</p>", authorId: "tea_ai01", channelId: CHANNEL })
      .catch((caught: unknown) => caught)) as FrontApiError;
    expect(error).toMatchObject({ status: 502, retryable: true, method: "POST" });
    expect(sim.requests.map((request) => request.status)).toEqual([429, 502]);
  });

  it("still backs off a 5xx on a read", async () => {
    sim.fail({ status: 502, count: 1 });
    await client.listDrafts(conversationId);
    expect(sim.requests.map((request) => request.status)).toEqual([502, 200]);
  });

  it("does not repeat a refused draft, and carries Front's reason", async () => {
    sim.fail({ status: 403, message: "Drafts are not allowed in this inbox" });
    const error = (await client
      .createDraft(conversationId, { body: "<p>Hi</p>", authorId: "tea_ai01", channelId: CHANNEL })
      .catch((caught: unknown) => caught)) as FrontApiError;
    expect(error).toBeInstanceOf(FrontApiError);
    expect(error).toMatchObject({ status: 403, retryable: false, method: "POST" });
    expect(error.message).toContain("Drafts are not allowed in this inbox");
    expect(sim.requests).toHaveLength(1);
  });

  it("does not repeat a draft that timed out: Front may have created it", async () => {
    sim.hang({ count: 1 });
    const error = (await client
      .createDraft(conversationId, { body: "<p>Hi</p>", authorId: "tea_ai01", channelId: CHANNEL })
      .catch((caught: unknown) => caught)) as FrontApiError;
    expect(error).toMatchObject({ status: 0, method: "POST" });
    expect(error.message).toMatch(/did not answer/);
    expect(sim.requests).toHaveLength(1);
  });

  it("a draft without an author is taken: Front posts it as the token's owner", async () => {
    const draft = await client.createDraft(conversationId, { body: "<p>Hi</p>", channelId: CHANNEL });
    expect(draft.id).toMatch(/^msg_/);
  });
});
