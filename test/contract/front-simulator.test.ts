import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FrontClient } from "@/lib/front/client";
import type { RateLimiter } from "@/lib/front/rate-limiter";
import { FRONT_SCOPES_BY_ENDPOINT, SMS_CHANNEL_ID, type FrontSimulator } from "@/front-sim";
import { API_TOKEN, startReceiver, startSim, type Receiver } from "@/test/helpers/front-sim";
import { eventErrors, operationFor, requestErrors, responseErrors, spec } from "./front-spec";

// Contract test (issue 11): the app's Front client against the Front simulator, with every request body the client
// sends and every answer the simulator gives checked against Front's published OpenAPI schemas, and every webhook
// body the simulator produces checked against Front's Event schema. Documented differences: ./front-spec.ts.

interface Exchange {
  method: string;
  pathname: string;
  status: number;
  requestBody: unknown;
  responseBody: unknown;
}

const CALLER = "+14155550123";
const NO_PACING: RateLimiter = { acquire: async () => {}, pauseUntil: () => {}, observe: () => {} };

let sim: FrontSimulator;
let receiver: Receiver;
let client: FrontClient;
const exchanges: Exchange[] = [];

/** Records what the client sent and what the simulator answered, as the client saw it. */
const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = new URL(String(input));
  const text = await response.clone().text();
  exchanges.push({
    method: init?.method ?? "GET",
    pathname: url.pathname,
    status: response.status,
    requestBody: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    responseBody: text === "" ? undefined : JSON.parse(text),
  });
  return response;
};

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startSim({ webhookUrl: receiver.url, emitEventsForApiWrites: true });
  client = new FrontClient({
    baseUrl: sim.url,
    token: API_TOKEN,
    maxRetries: 0,
    fetch: recordingFetch,
    rateLimiter: NO_PACING,
  });
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

/** Every public method of FrontClient, each called at least once by the flow below. */
const CLIENT_INTERNALS = new Set([
  "constructor",
  "listAll",
  "relative",
  "request",
  "parse",
  "send",
  "acquire",
  "errorFrom",
]);
const called = new Set<string>();

async function drive<T>(method: keyof FrontClient, call: () => Promise<T>): Promise<T> {
  called.add(method);
  return call();
}

describe("the Front client against the simulator, checked against Front's spec", () => {
  it("every request body and every answer matches Front's schemas", async () => {
    const call = await sim.placeCall({ from: CALLER, text: "Customer: what is your street address?" });
    const email = await sim.sendMessage({
      channel: "email",
      from: "sam@customer.example",
      subject: "Invoice",
      text: "Where is my invoice?",
    });
    const conversationId = call.conversationId;

    await drive("me", () => client.me());
    await drive("listTeammates", () => client.listTeammates());
    await drive("getConversation", () => client.getConversation(conversationId));
    await drive("getMessage", () => client.getMessage(call.messageId!));
    await drive("getEvent", () => client.getEvent(call.eventId));
    await drive("listRecentMessages", () => client.listRecentMessages(conversationId, 1));
    await drive("listMessages", () => client.listMessages(conversationId, 1));
    await drive("postComment", () =>
      client.postComment(conversationId, "**Handoff**: caller wants the address by text", "tea_ai01"),
    );
    await drive("listComments", () => client.listComments(conversationId));
    await drive("setAssignee", () => client.setAssignee(conversationId, "tea_rep7"));
    await drive("setAssignee", () => client.setAssignee(conversationId, null));
    await drive("listChannels", () => client.listChannels());
    await drive("listConversationInboxes", () => client.listConversationInboxes(conversationId));
    await drive("listInboxChannels", () => client.listInboxChannels("inb_phone1"));
    await drive("createDraft", () =>
      client.createDraft(conversationId, {
        body: "<p>1 Main St.</p>",
        channelId: SMS_CHANNEL_ID,
        authorId: "tea_ai01",
        to: [CALLER],
      }),
    );
    await drive("createDraft", () =>
      client.createDraft(email.conversationId, {
        body: "<p>Attached.</p>",
        channelId: "alt:address:support@acme.example",
      }),
    );
    await drive("listDrafts", () => client.listDrafts(conversationId));
    await drive("sendReply", () =>
      client.sendReply(conversationId, {
        body: "<p>1 Main St.</p>",
        authorId: "tea_ai01",
        channelId: SMS_CHANNEL_ID,
        to: [CALLER],
      }),
    );
    await drive("sendReply", () => client.sendReply(email.conversationId, { body: "<p>Attached.</p>", archive: true }));
    await drive("updateConversation", () =>
      client.updateConversation(email.conversationId, { status: "open", assignee_id: "tea_ai01" }),
    );
    await drive("answerStatus", () => client.answerStatus("GET", "/channels"));
    // A merged conversation answers 301, which getConversation follows.
    const merged = await sim.placeCall({ from: "+14155550188", text: "Second call" });
    await sim.merge(merged.conversationId, conversationId);
    await drive("getConversation", () => client.getConversation(merged.conversationId));
    await sim.whenIdle();

    const uncalled = Object.getOwnPropertyNames(FrontClient.prototype).filter(
      (name) => !CLIENT_INTERNALS.has(name) && !called.has(name),
    );
    expect(uncalled, "FrontClient methods the contract test does not drive").toEqual([]);

    const problems: string[] = [];
    for (const exchange of exchanges) {
      const operation = operationFor(exchange.method, exchange.pathname);
      const label = `${exchange.method} ${exchange.pathname} → ${exchange.status}`;
      if (!operation) {
        problems.push(`${label}: not an operation of the extracted spec`);
        continue;
      }
      problems.push(...requestErrors(operation, exchange.requestBody).map((error) => `${label} request: ${error}`));
      problems.push(
        ...responseErrors(operation, exchange.status, exchange.responseBody).map(
          (error) => `${label} answer: ${error}`,
        ),
      );
    }
    expect(problems).toEqual([]);
    expect(exchanges.length).toBeGreaterThanOrEqual(22);
    // The simulator's own request log saw the same bodies.
    const drafts = sim.requests.filter((request) => request.method === "POST" && request.pathname.endsWith("/drafts"));
    expect(drafts.map((request) => (request.body as { channel_id?: string }).channel_id)).toEqual([
      SMS_CHANNEL_ID,
      "alt:address:support@acme.example",
    ]);
  });

  it("a draft without channel_id gets Front's 400", async () => {
    const { conversationId } = await sim.placeCall({ from: CALLER, text: "Customer: hello?" });
    exchanges.length = 0;
    const missingChannel = undefined as unknown as string;
    await expect(client.createDraft(conversationId, { body: "Hi", channelId: missingChannel })).rejects.toMatchObject({
      status: 400,
    });
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0].requestBody).toEqual({ body: "Hi", mode: "shared" });
    expect(
      requestErrors(operationFor("POST", `/conversations/${conversationId}/drafts`)!, exchanges[0].requestBody),
    ).toEqual(['/ must have required property \'channel_id\' {"missingProperty":"channel_id"}']);
    expect(exchanges[0].responseBody).toEqual({
      _error: {
        status: 400,
        title: "Bad request",
        message: "Body did not satisfy requirements",
        details: ["body.channel_id: missing"],
      },
    });
  });

  it("answerStatus sees the 403 of a token without the scope", async () => {
    sim.configure({ tokenScopes: ["conversations:read"] });
    try {
      expect(await client.answerStatus("GET", "/channels")).toBe(403);
    } finally {
      sim.configure({ tokenScopes: null });
    }
  });
});

describe("webhook bodies the simulator produces match Front's Event schema", () => {
  /** Front-side actions and API writes that make every kind of event the simulator emits. */
  async function emitEveryKind(): Promise<void> {
    const call = await sim.placeCall({ from: CALLER, text: "Customer: can you text me?", assigneeId: null });
    const id = call.conversationId;
    await sim.addCallTranscript(call.messageId!, "Customer: can you text me the address?");
    await sim.sendMessage({ channel: "sms", from: CALLER, text: "hello?", conversationId: id });
    await sim.assign(id, "tea_ai01");
    await client.sendReply(id, {
      body: "<p>1 Main St.</p>",
      authorId: "tea_ai01",
      channelId: SMS_CHANNEL_ID,
      to: [CALLER],
      archive: true,
    });
    sim.failNextReply({ kind: "message_bounce_error" });
    await client.sendReply(id, { body: "<p>Again</p>", channelId: SMS_CHANNEL_ID, to: [CALLER] });
    await client.sendReply(id, { body: "<p>On the call</p>" });
    await client.setAssignee(id, null);
    await client.updateConversation(id, { status: "open" });
    await sim.teammateReply({ conversationId: id, text: "Calling you back." });
    await sim.teammateReply({ conversationId: id, text: "A new message.", event: "outbound" });
    await sim.archive(id);
    const other = await sim.placeCall({ from: "+14155550188", text: "Second call" });
    await sim.merge(other.conversationId, id);
    await sim.deleteConversation(id, { trash: true, by: "tea_rep7" });
    await sim.whenIdle();
  }

  const EXPECTED_TYPES = [
    "inbound",
    "call_transcript_added",
    "assign",
    "out_reply",
    "archive",
    "message_bounce_error",
    "sending_error",
    "unassign",
    "reopen",
    "outbound",
    "conversations_merged",
    "trash",
  ];

  function bodies(): unknown[] {
    return receiver.deliveries.map((delivery) => delivery.json);
  }

  function expectValidEvents(events: unknown[], preview: boolean): void {
    const types = new Set(events.map((event) => (event as { type: string }).type));
    expect([...types].sort()).toEqual(expect.arrayContaining([...EXPECTED_TYPES].sort()));
    const problems = events.flatMap((event) =>
      eventErrors(event, { preview }).map((error) => `${(event as { type: string }).type}: ${error}`),
    );
    expect(problems).toEqual([]);
  }

  it("application envelopes carry full events", async () => {
    receiver.deliveries.length = 0;
    sim.configure({ webhookKind: "application", rulePreview: false });
    await emitEveryKind();
    const envelopes = bodies() as Array<{ type: string; authorization: { id: string }; payload: unknown }>;
    expect(
      envelopes.every((envelope) => typeof envelope.type === "string" && envelope.authorization.id === sim.companyId),
    ).toBe(true);
    expectValidEvents(
      envelopes.map((envelope) => envelope.payload),
      false,
    );
  });

  it("rule webhooks with full event data", async () => {
    receiver.deliveries.length = 0;
    sim.configure({ webhookKind: "rule", rulePreview: false });
    await emitEveryKind();
    expectValidEvents(bodies(), false);
  });

  it("rule webhook previews", async () => {
    receiver.deliveries.length = 0;
    sim.configure({ webhookKind: "rule", rulePreview: true });
    await emitEveryKind();
    expectValidEvents(bodies(), true);
    sim.configure({ webhookKind: "application", rulePreview: false });
  });
});

describe("the simulator's view of the spec", () => {
  it("serves exactly the extracted operations, with the scopes the spec requires", () => {
    const fromSpec = Object.fromEntries(
      Object.entries(spec.operations).map(([key, operation]) => [key, operation.requiredScopes]),
    );
    expect(FRONT_SCOPES_BY_ENDPOINT).toEqual(fromSpec);
  });

  it("no request body of these operations forbids unknown fields, so the simulator accepts them as Front does", () => {
    const closed = Object.entries(spec.operations)
      .filter(([, operation]) =>
        JSON.stringify(operation.requestBody?.schema ?? {}).includes('"additionalProperties":false'),
      )
      .map(([key]) => key);
    // If a later spec closes a body, the simulator must answer 400 naming the unknown field for it.
    expect(closed).toEqual([]);
  });

  it("names the spec commit every schema was taken from", () => {
    expect(spec.source).toMatchObject({
      repository: "frontapp/front-api-specs",
      file: "core-api/core-api.json",
      commit: "f8f5386f91ee6fd1c3a393a2a02641e217b08032",
    });
    const commits = new Set(
      Object.values(spec.operations).flatMap((operation) => [
        operation.requestBody?.commit,
        ...Object.values(operation.responses).map((response) => response.commit),
      ]),
    );
    commits.delete(undefined);
    expect([...commits]).toEqual([spec.source.commit]);
  });
});
