import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq } from "drizzle-orm";
import { createModel } from "@/lib/agent/model";
import { agentRuns, agentSteps, sessions } from "@/lib/db/schema";
import { ActionsStore, type ActionCreateInput } from "@/lib/settings/actions-store";
import { startOpenAIStandIn, type OpenAIStandIn, type RecordedRequest } from "../helpers/openai-stand-in";
import { AI_TEAMMATE, startHarness, type Harness } from "../helpers/pipeline-harness";
import { dbKinds } from "../helpers/db";

// A customer turn through the whole pipeline (signed webhook → worker → agent → Front), with a hosted model played
// by the OpenAI stand-in and the team's actions read from the real store (secret header encrypted at rest).
const ACTION_SECRET = "Bearer sk_pipeline_secret_3141";

describe.each(dbKinds())("custom actions in the pipeline, on %s", (kind) => {
  let standIn: OpenAIStandIn;
  let harness: Harness;
  let orderApi: Server;
  let orderApiUrl = "";
  const orderApiCalls: { url: string; authorization?: string }[] = [];
  let store: ActionsStore;
  let orderStatusId = "";

  beforeAll(async () => {
    // The order API stand-in is on loopback, which the network rule refuses unless the allow-list names it.
    vi.stubEnv("ACTIONS_ALLOWED_HOSTS", "127.0.0.1");
    standIn = await startOpenAIStandIn();
    orderApi = createServer((req, res) => {
      orderApiCalls.push({ url: req.url!, authorization: req.headers.authorization });
      if (req.url === "/orders/slow") return; // never answers: the action times out
      if (req.url === "/orders/broken")
        return void res
          .writeHead(500, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "order database unavailable" }));
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ order: req.url!.split("/").pop(), status: "shipped", eta: "Friday" }));
    });
    await new Promise<void>((resolve) => orderApi.listen(0, "127.0.0.1", resolve));
    orderApiUrl = `http://127.0.0.1:${(orderApi.address() as AddressInfo).port}`;

    harness = await startHarness(kind, {
      model: createModel({ model: "openai-compatible:x", baseUrl: standIn.url, apiKey: "k" }),
    });
    store = new ActionsStore(harness.database.db, randomBytes(32), 0);
    harness.context.loadActions = () => store.list();
    const action = (overrides: Partial<ActionCreateInput>): ActionCreateInput => ({
      name: "order_status",
      description: "Look up an order's shipping status by its number.",
      parameters: {
        type: "object",
        properties: { order_id: { type: "string", description: "The order number" } },
        required: ["order_id"],
      },
      method: "GET",
      urlTemplate: `${orderApiUrl}/orders/{order_id}`,
      headers: [{ name: "Authorization", value: ACTION_SECRET, secret: true }],
      timeoutMs: 5_000,
      channels: ["voice", "email"],
      ...overrides,
    });
    orderStatusId = (await store.create(action({}))).id;
    await store.create(
      action({ name: "text_me_a_link", description: "Send the customer a tracking link by SMS.", channels: ["sms"] }),
    );
    await store.create(
      action({
        name: "cancel_order",
        description: "Cancel an order that has not shipped yet.",
        method: "DELETE",
        enabled: false,
      }),
    );
  });
  afterEach(() => {
    standIn.requests.length = 0;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await harness?.close();
    await standIn?.close();
    orderApi?.closeAllConnections();
    await new Promise((resolve) => orderApi?.close(resolve));
  });

  /** A call asking about an order; the model calls order_status for it, then answers. */
  async function callAboutOrder(from: string, orderId: string, answer: string) {
    standIn.script(
      { kind: "tool_call", name: "order_status", arguments: { order_id: orderId } },
      { kind: "text", text: answer },
    );
    const placed = await harness.sim.placeCall({
      from,
      text: `Customer: where is my order ${orderId}?`,
      assigneeId: AI_TEAMMATE,
    });
    expect((await harness.waitForEvent(placed.eventId)).decision).toBe("processed");
    const [session] = await harness.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.frontConversationId, placed.conversationId));
    const [run] = await harness.database.db.select().from(agentRuns).where(eq(agentRuns.sessionId, session.id));
    const steps = await harness.database.db
      .select()
      .from(agentSteps)
      .where(eq(agentSteps.runId, run.id))
      .orderBy(asc(agentSteps.position));
    const toolStep = steps.find((step) => step.kind === "tool_call" && step.toolName === "order_status");
    return { placed, run, toolStep, conversation: harness.sim.getConversation(placed.conversationId)! };
  }

  /** The tool result the model was sent back, as the second request carried it. */
  function toolMessageSentBack(): string {
    expect(standIn.requests).toHaveLength(2);
    const message = standIn.requests[1].body.messages.find((candidate) => candidate.role === "tool");
    expect(message).toBeDefined();
    return typeof message!.content === "string" ? message!.content : JSON.stringify(message!.content);
  }

  const toolNames = (request: RecordedRequest) =>
    (request.body.tools ?? []).map((definition) => definition.function.name).sort();

  it("success: the step stores the HTTP status and body, and the model's next request carries them", async () => {
    const { toolStep, conversation, run } = await callAboutOrder(
      "+14155550401",
      "4411",
      "Your order 4411 ships Friday.",
    );
    expect(toolStep).toMatchObject({
      input: { order_id: "4411" },
      output: { status: 200, body: { order: "4411", status: "shipped", eta: "Friday" } },
      error: null,
    });
    expect(orderApiCalls.at(-1)).toEqual({ url: "/orders/4411", authorization: ACTION_SECRET });
    const sentBack = toolMessageSentBack();
    expect(sentBack).toContain("shipped");
    expect(sentBack).toContain("Friday");
    expect(run.error).toBeNull();
    expect(conversation.replies.map((reply) => reply.body).join("\n")).toContain("Your order 4411 ships Friday.");
  });

  it("timeout: the step has the timeout error, and the model is told it", async () => {
    // A short timeout only for this call, so a busy machine cannot make the other calls time out.
    await store.update(orderStatusId, { timeoutMs: 300 });
    const { toolStep, conversation } = await callAboutOrder(
      "+14155550402",
      "slow",
      "Sorry, I cannot look that up right now.",
    );
    expect(toolStep).toMatchObject({
      input: { order_id: "slow" },
      output: null,
      error: "order_status timed out after 300 ms",
    });
    expect(toolMessageSentBack()).toContain("order_status timed out after 300 ms");
    expect(conversation.replies.map((reply) => reply.body).join("\n")).toContain(
      "Sorry, I cannot look that up right now.",
    );
  });

  it("error status: the step has the status and the server's answer, and the model is told it", async () => {
    await store.update(orderStatusId, { timeoutMs: 5_000 });
    const { toolStep } = await callAboutOrder("+14155550403", "broken", "Sorry, our order system is down.");
    expect(toolStep).toMatchObject({
      output: null,
      error: 'order_status answered 500: {"error":"order database unavailable"}',
    });
    const sentBack = toolMessageSentBack();
    expect(sentBack).toContain("order_status answered 500");
    expect(sentBack).toContain("order database unavailable");
  });

  it("offers an action only on its channels, and never a disabled one", async () => {
    standIn.script({ kind: "text", text: "Happy to help." });
    const call = await harness.sim.placeCall({
      from: "+14155550404",
      text: "Customer: hello",
      assigneeId: AI_TEAMMATE,
    });
    expect((await harness.waitForEvent(call.eventId)).decision).toBe("processed");
    expect(toolNames(standIn.requests[0])).toEqual([
      "handoff_to_human",
      "lookup_contact",
      "order_status",
      "search_knowledge_base",
    ]);

    standIn.requests.length = 0;
    standIn.script({ kind: "text", text: "Happy to help." });
    const sms = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550405",
      text: "hello",
      assigneeId: AI_TEAMMATE,
    });
    expect((await harness.waitForEvent(sms.eventId)).decision).toBe("processed");
    expect(toolNames(standIn.requests[0])).toEqual([
      "handoff_to_human",
      "lookup_contact",
      "search_knowledge_base",
      "text_me_a_link",
    ]);
  });
});
