import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { httpActionSchema } from "@/lib/actions/http-action";
import { dryRun, dryRunSettings, NOT_SENT } from "@/lib/agent/dry-run";
import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { agentRuns, agentSteps, handoffs, sessionMessages, sessions, webhookEvents } from "@/lib/db/schema";
import { DEFAULT_AGENT_SETTINGS } from "@/lib/settings/ai-settings";
import { dbKinds } from "../helpers/db";
import { startOpenAIStandIn, type OpenAIStandIn } from "../helpers/openai-stand-in";
import { AI_TEAMMATE, startHarness, type Harness } from "../helpers/pipeline-harness";

/** Row counts of every table a run, a delivery or an event would write. */
async function rowCounts(db: Db) {
  const tables = { agentRuns, agentSteps, handoffs, sessions, sessionMessages, webhookEvents };
  const entries = await Promise.all(
    Object.entries(tables).map(
      async ([name, table]) => [name, (await db.select({ value: count() }).from(table))[0].value] as const,
    ),
  );
  return Object.fromEntries(entries);
}

describe.each(dbKinds())("dry run on %s", (kind) => {
  let harness: Harness;
  let standIn: OpenAIStandIn;
  let sessionId: string;

  beforeAll(async () => {
    standIn = await startOpenAIStandIn();
    // The offline model, as in the demo: it reads the handoff topics from the system prompt.
    harness = await startHarness(kind);
    const placed = await harness.sim.placeCall({
      from: "+14155550190",
      text: "Customer: Hi, how do I reset my password?",
      assigneeId: AI_TEAMMATE,
    });
    expect((await harness.waitForEvent(placed.eventId)).decision).toBe("processed");
    const [session] = await harness.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.frontConversationId, placed.conversationId));
    expect(session.status).toBe("answered");
    sessionId = session.id;
    await harness.sim.whenIdle();
  });
  afterEach(() => {
    standIn.requests.length = 0;
  });
  afterAll(async () => {
    await harness?.close();
    await standIn?.close();
  });

  it("re-runs a stored session with other handoff topics: another outcome, and nothing sent to Front or written", async () => {
    const before = await rowCounts(harness.database.db);
    harness.sim.clearRequests();

    const result = await dryRun({
      db: harness.database.db,
      settings: harness.agentSettings,
      overrides: { handoffTopics: ["password resets"], instructions: "Passwords are handled by the security team." },
      source: { sessionId },
    });

    expect(result.error).toBeNull();
    expect(result.outcome).toMatchObject({ kind: "handoff", reason: "prohibited_topic" });
    const handoff = result.steps.find((step) => step.toolName === "handoff_to_human");
    expect(handoff?.input).toMatchObject({ reason: "prohibited_topic" });
    expect(result.steps.find((step) => step.kind === "reasoning")?.text).toContain("password resets");
    // Priced like stored steps: the offline model costs nothing, which is not "no price set".
    expect(result.steps.every((step) => step.costUsd === 0)).toBe(true);
    expect(result.costUsd).toBe(0);
    expect(result.inputTokens).toBeGreaterThan(0);
    expect(result.prompt).toMatchObject({
      channel: "voice",
      messageCount: 1,
      handoffTopics: ["password resets"],
      source: { kind: "session", sessionId },
    });
    expect(result.prompt.system).toContain("Passwords are handled by the security team.");
    expect(result.prompt.turn).toContain("reset my password");

    expect(harness.sim.requests).toEqual([]);
    expect(await rowCounts(harness.database.db)).toEqual(before);
    const [session] = await harness.database.db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(session.status).toBe("answered");

    // The same session without the topic answers as the pipeline did.
    const again = await dryRun({ db: harness.database.db, settings: harness.agentSettings, source: { sessionId } });
    expect(again.outcome).toMatchObject({ kind: "reply" });
    expect(again.outcome.kind === "reply" && again.outcome.text).toContain("Resetting your password");
  });

  it("answers a pasted transcript on a channel, searching the knowledge base", async () => {
    const before = await rowCounts(harness.database.db);
    harness.sim.clearRequests();
    const result = await dryRun({
      db: harness.database.db,
      settings: harness.agentSettings,
      source: {
        transcript: "Customer: Hello, what are your opening hours on Saturday?\nAgent: One moment.",
        channel: "voice",
      },
    });
    expect(result.outcome.kind).toBe("reply");
    expect(result.steps.map((step) => step.toolName).filter(Boolean)).toEqual(["search_knowledge_base"]);
    expect(result.prompt).toMatchObject({ channel: "voice", messageCount: 1, source: { kind: "transcript" } });
    expect(result.modelLabel).toMatch(/Offline model/);
    expect(harness.sim.requests).toEqual([]);
    expect(await rowCounts(harness.database.db)).toEqual(before);
  });

  it("runs another model with overridden instructions; the model's request carries them", async () => {
    standIn.script(
      {
        kind: "tool_call",
        name: "search_knowledge_base",
        arguments: { query: "reset password" },
        reasoning: "Looking it up.",
      },
      {
        kind: "tool_call",
        name: "handoff_to_human",
        arguments: { reason: "based_on_instructions", summary: "Wants a password reset.", sentiment: "neutral" },
      },
    );
    const result = await dryRun({
      db: harness.database.db,
      settings: { ...harness.agentSettings, apiKey: "saved-key-for-the-offline-model" },
      overrides: {
        model: "openai-compatible:stand-in-large",
        baseUrl: standIn.url,
        instructions: "Always hand password questions to the security desk.",
      },
      source: { sessionId },
    });
    expect(result.model).toBe("openai-compatible:stand-in-large");
    expect(result.outcome).toMatchObject({ kind: "handoff", reason: "based_on_instructions" });
    expect(standIn.requests).toHaveLength(2);
    const [first] = standIn.requests;
    expect(first.body.model).toBe("stand-in-large");
    const system = first.body.messages.find((message) => message.role === "system");
    expect(String(system?.content)).toContain("Always hand password questions to the security desk.");
    expect(first.body.messages.find((message) => message.role === "user")?.content).toContain("reset my password");
    // The saved key belongs to the saved provider: it never goes to another one.
    expect(first.authorization ?? "").not.toContain("saved-key");
    expect(result.inputTokens).toBe(200);
    expect(result.outputTokens).toBe(40);
    // No price for this model: unknown, not free.
    expect(result.costUsd).toBeNull();
    expect(result.steps.map((step) => step.toolName ?? step.kind)).toEqual([
      "text",
      "search_knowledge_base",
      "handoff_to_human",
    ]);
  });

  it("reuses the saved key only for the saved provider at the saved address", async () => {
    const saved = {
      ...DEFAULT_AGENT_SETTINGS,
      model: "openai-compatible:house",
      baseUrl: standIn.url,
      apiKey: "saved-key",
    };
    await dryRun({
      db: harness.database.db,
      settings: saved,
      overrides: { model: "openai-compatible:other" },
      source: { sessionId },
    });
    expect(standIn.requests.at(-1)?.authorization).toBe("Bearer saved-key");

    const elsewhere = standIn.url.replace("127.0.0.1", "localhost");
    await dryRun({
      db: harness.database.db,
      settings: saved,
      overrides: { model: "openai-compatible:other", baseUrl: elsewhere },
      source: { sessionId },
    });
    expect(standIn.requests.at(-1)?.authorization ?? "").not.toContain("saved-key");

    expect(dryRunSettings(saved, { model: "openai:gpt-4o-mini" }).apiKey).toBeUndefined();
    expect(
      dryRunSettings({ ...saved, model: "openai:gpt-4o", baseUrl: undefined }, { model: "openai:gpt-4o-mini" }).apiKey,
    ).toBe("saved-key");
  });

  it("turns a model failure into the pipeline's fallback handoff, with the error", async () => {
    standIn.script(
      ...Array.from({ length: 3 }, () => ({ kind: "error" as const, status: 500, message: "the model is down" })),
    );
    const result = await dryRun({
      db: harness.database.db,
      settings: harness.agentSettings,
      overrides: { model: "openai-compatible:flaky", baseUrl: standIn.url },
      source: { sessionId },
    });
    expect(result.error).toMatch(/the model is down/);
    expect(result.outcome).toMatchObject({ kind: "handoff", reason: "error" });
    expect(result.steps.at(-1)).toMatchObject({ kind: "text", error: expect.stringMatching(/the model is down/) });
  });

  it("refuses a bad model spec, a missing session and a turn that is not the customer's with 4xx errors", async () => {
    const statusOf = async (run: () => Promise<unknown>) => {
      try {
        await run();
        return "resolved";
      } catch (error) {
        return error instanceof ApiError ? `${error.status} ${error.message}` : String(error);
      }
    };
    const base = { db: harness.database.db, settings: harness.agentSettings };
    expect(await statusOf(() => dryRun({ ...base, overrides: { model: "gpt-4o" }, source: { sessionId } }))).toMatch(
      /^422 'gpt-4o' is not a model/,
    );
    expect(
      await statusOf(() => dryRun({ ...base, overrides: { model: "openai-compatible:x" }, source: { sessionId } })),
    ).toMatch(/^422 .*needs a base URL/);
    expect(
      await statusOf(() => dryRun({ ...base, source: { sessionId: "00000000-0000-4000-8000-000000000000" } })),
    ).toMatch(/^404/);
    const [aiMessage] = await harness.database.db
      .select()
      .from(sessionMessages)
      .where(eq(sessionMessages.authorType, "ai"));
    expect(await statusOf(() => dryRun({ ...base, source: { sessionId, upToMessageId: aiMessage.id } }))).toMatch(
      /^422 upToMessageId/,
    );
    expect(await statusOf(() => dryRun({ ...base, source: { transcript: "Missed call", channel: "voice" } }))).toMatch(
      /^422 transcript/,
    );
  });

  describe("custom actions", () => {
    let server: Server;
    let base = "";
    const received: { method: string; url: string }[] = [];
    beforeAll(async () => {
      // The stand-in server is on loopback, which the network rule refuses unless the allow-list names it.
      vi.stubEnv("ACTIONS_ALLOWED_HOSTS", "127.0.0.1");
      server = createServer((req, res) => {
        received.push({ method: req.method!, url: req.url! });
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ order: "1042", status: "delivered", total: 20 }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it("lets a GET action through and holds back a POST action with a 'not sent' result", async () => {
      const actions = [
        httpActionSchema.parse({
          name: "order_status",
          description: "Look up an order by its number.",
          parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
          method: "GET",
          urlTemplate: `${base}/orders/{order_id}`,
        }),
        httpActionSchema.parse({
          name: "create_refund",
          description: "Refund an order in full, by its number.",
          parameters: {
            type: "object",
            properties: { order_id: { type: "string" }, amount: { type: "number" } },
            required: ["order_id"],
          },
          method: "POST",
          urlTemplate: `${base}/orders/{order_id}/refunds`,
        }),
      ];
      standIn.script(
        { kind: "tool_call", name: "order_status", arguments: { order_id: "1042" } },
        { kind: "tool_call", name: "create_refund", arguments: { order_id: "1042", amount: 20 } },
        { kind: "text", text: "I have refunded order 1042." },
      );
      const result = await dryRun({
        db: harness.database.db,
        settings: harness.agentSettings,
        overrides: { model: "openai-compatible:actions", baseUrl: standIn.url },
        source: { transcript: "Please refund order 1042, it arrived broken.", channel: "email" },
        actions,
      });

      expect(received).toEqual([{ method: "GET", url: "/orders/1042" }]);
      const lookup = result.steps.find((step) => step.toolName === "order_status");
      expect(lookup).toMatchObject({ notSent: false, output: { status: 200, body: { status: "delivered" } } });
      const refund = result.steps.find((step) => step.toolName === "create_refund");
      expect(refund).toMatchObject({
        notSent: true,
        input: { order_id: "1042", amount: 20 },
        output: {
          body: {
            dryRun: NOT_SENT,
            wouldSend: { method: "POST", url: `${base}/orders/1042/refunds`, body: { amount: 20 } },
          },
        },
      });
      expect(result.outcome).toMatchObject({ kind: "reply", text: "I have refunded order 1042." });
    });
  });
});
