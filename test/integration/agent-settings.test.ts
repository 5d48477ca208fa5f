import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { createModel } from "@/lib/agent/model";
import type { Database } from "@/lib/db/client";
import { agentRuns, agentSteps, appSettings, handoffs, sessionMessages, sessions } from "@/lib/db/schema";
import { AgentSettingsStore } from "@/lib/settings/ai-settings";
import { LockedSettingError } from "@/lib/settings/locked-setting";
import { createTestDatabase, dbKinds } from "../helpers/db";
import { startOpenAIStandIn, type OpenAIStandIn } from "../helpers/openai-stand-in";
import { AI_TEAMMATE, startHarness } from "../helpers/pipeline-harness";

const NO_ENV = { AI_MODEL: undefined, AI_BASE_URL: undefined, AI_API_KEY: undefined };

describe.each(dbKinds())("Settings → AI store, on %s", (kind) => {
  let database: Database;
  const key = randomBytes(32);
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it("starts on the offline model with defaults, saves a patch, and keeps the key encrypted at rest", async () => {
    const store = new AgentSettingsStore(database.db, NO_ENV, key, 0);
    expect((await store.get()).values).toMatchObject({
      model: "local",
      instructions: "",
      handoffTopics: [],
      maxSteps: 6,
      timeoutSeconds: 120,
    });
    // A call's answer is a note for the callback until an SMS channel for texting back is picked.
    expect((await store.get()).values.delivery).toEqual({
      voice: "comment",
      email: "reply",
      sms: "reply",
      whatsapp: "reply",
      web: "reply",
    });

    await store.save({
      model: "openai:gpt-4o-mini",
      apiKey: "sk-live-very-secret-key",
      instructions: "Sign off as the Acme team.",
      delivery: { voice: "draft" },
    });
    const { values, locked } = await store.get();
    expect(values).toMatchObject({
      model: "openai:gpt-4o-mini",
      apiKey: "sk-live-very-secret-key",
      instructions: "Sign off as the Acme team.",
    });
    expect(values.delivery).toMatchObject({ voice: "draft", email: "reply" });
    expect(locked).toEqual({ model: false, baseUrl: false, apiKey: false });

    const [row] = await database.db.select().from(appSettings).where(eq(appSettings.key, "ai"));
    expect(JSON.stringify(row.value)).not.toContain("sk-live-very-secret-key");

    // An empty key removes it; a key sealed with another encryption key reads as unset instead of failing.
    await store.save({ apiKey: "" });
    expect((await store.get()).values.apiKey).toBeUndefined();
    await store.save({ apiKey: "sk-other" });
    const rotated = new AgentSettingsStore(database.db, NO_ENV, randomBytes(32), 0);
    expect((await rotated.get()).values.apiKey).toBeUndefined();
    expect((await rotated.get()).values.model).toBe("openai:gpt-4o-mini");
  });

  it("lets the environment win, shows it locked, and refuses to save over it", async () => {
    const store = new AgentSettingsStore(
      database.db,
      { AI_MODEL: "anthropic:claude-sonnet-4-5", AI_BASE_URL: undefined, AI_API_KEY: "sk-env" },
      key,
      0,
    );
    const { values, locked } = await store.get();
    expect(values.model).toBe("anthropic:claude-sonnet-4-5");
    expect(values.apiKey).toBe("sk-env");
    expect(locked).toEqual({ model: true, baseUrl: false, apiKey: true });
    await expect(store.save({ model: "local" })).rejects.toBeInstanceOf(LockedSettingError);
    await expect(store.save({ apiKey: "sk-x" })).rejects.toThrow(/AI_API_KEY/);
    await store.save({ instructions: "Still editable." });
    expect((await store.get()).values.instructions).toBe("Still editable.");
  });
});

describe.each(dbKinds())("Settings → AI reaches the next run, on %s", (kind) => {
  let standIn: OpenAIStandIn;
  beforeAll(async () => {
    standIn = await startOpenAIStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });

  it("sends the instructions and handoff topics, applies the team's redaction pattern, and prices every step", async () => {
    const harness = await startHarness(kind, {
      model: createModel({ model: "openai-compatible:stand-in", baseUrl: standIn.url, apiKey: "k" }),
    });
    try {
      harness.agentSettings.instructions = "Always sign off as the Acme support team.";
      harness.agentSettings.handoffTopics = ["legal action or lawyer"];
      harness.agentSettings.redactionPatterns = [{ name: "member id", pattern: "\\bM-\\d{6}\\b" }];
      harness.agentSettings.prices = { "openai-compatible:stand-in": { inputPerMillion: 2, outputPerMillion: 10 } };
      standIn.script(
        { kind: "tool_call", name: "search_knowledge_base", arguments: { query: "reset password" } },
        { kind: "text", text: "Open the sign-in page and choose Forgot password. — The Acme support team" },
      );
      const placed = await harness.sim.placeCall({
        from: "+14155550301",
        text: "Customer: I'm member M-123456, how do I reset my password?",
        assigneeId: AI_TEAMMATE,
      });
      expect((await harness.waitForEvent(placed.eventId)).decision).toBe("processed");

      const system = standIn.requests[0].body.messages.find((message) => message.role === "system")?.content;
      expect(system).toContain("Always sign off as the Acme support team.");
      expect(system).toContain("## Handoff topics");
      expect(system).toContain("- legal action or lawyer");
      const wire = JSON.stringify(standIn.requests.map((request) => request.body.messages));
      expect(wire).not.toContain("M-123456");
      expect(wire).toContain("[member id]");

      const [session] = await harness.database.db
        .select()
        .from(sessions)
        .where(eq(sessions.frontConversationId, placed.conversationId));
      const [message] = await harness.database.db
        .select()
        .from(sessionMessages)
        .where(eq(sessionMessages.sessionId, session.id));
      expect(message.metadata.redactions).toEqual([{ kind: "custom", placeholder: "[member id]" }]);

      // The stand-in reports 100 input and 20 output tokens per request: $0.0004 per step at $2/$10 per million.
      const [run] = await harness.database.db.select().from(agentRuns).where(eq(agentRuns.sessionId, session.id));
      expect(run.model).toBe("openai-compatible:stand-in");
      const steps = await harness.database.db
        .select()
        .from(agentSteps)
        .where(eq(agentSteps.runId, run.id))
        .orderBy(asc(agentSteps.position));
      const priced = steps.filter((step) => step.inputTokens > 0);
      expect(priced).toHaveLength(2);
      for (const step of priced) expect(step.costUsd).toBeCloseTo(0.0004, 10);
      expect(run.costUsd).toBeCloseTo(0.0008, 10);
      expect(run.inputTokens).toBe(200);

      // A model without a price stores no cost (shown as "no price set"), never $0.
      harness.agentSettings.prices = {};
      standIn.script({ kind: "text", text: "You're welcome. — The Acme support team" });
      const second = await harness.sim.placeCall({
        from: "+14155550301",
        text: "Customer: thanks!",
        assigneeId: AI_TEAMMATE,
        conversationId: placed.conversationId,
      });
      expect((await harness.waitForEvent(second.eventId)).decision).toBe("processed");
      const [secondRun] = await harness.database.db
        .select()
        .from(agentRuns)
        .where(eq(agentRuns.triggerMessageId, second.messageId!));
      expect(secondRun.costUsd).toBeNull();
    } finally {
      standIn.requests.length = 0;
      await harness.close();
    }
  });

  it("uses the step and time limits in force, handing off with reason `error` past them", async () => {
    const harness = await startHarness(kind, {
      model: createModel({ model: "openai-compatible:stand-in", baseUrl: standIn.url, apiKey: "k" }),
    });
    try {
      harness.agentSettings.maxSteps = 2;
      standIn.script(
        ...Array.from({ length: 3 }, () => ({
          kind: "tool_call" as const,
          name: "search_knowledge_base",
          arguments: { query: "password" },
        })),
      );
      const looping = await harness.sim.placeCall({
        from: "+14155550302",
        text: "Customer: how do I reset my password?",
        assigneeId: AI_TEAMMATE,
      });
      expect((await harness.waitForEvent(looping.eventId)).decision).toBe("processed");
      expect(standIn.requests).toHaveLength(2);
      const [loopRun] = await harness.database.db
        .select()
        .from(agentRuns)
        .where(eq(agentRuns.triggerMessageId, looping.messageId!));
      expect(loopRun.error).toBe("the run reached its limit of 2 steps without answering or handing off");

      harness.agentSettings.maxSteps = 6;
      harness.agentSettings.timeoutSeconds = 1;
      standIn.script({ kind: "hang" });
      const slow = await harness.sim.placeCall({
        from: "+14155550303",
        text: "Customer: how do I reset my password?",
        assigneeId: AI_TEAMMATE,
      });
      expect((await harness.waitForEvent(slow.eventId)).decision).toBe("processed");
      const [slowRun] = await harness.database.db
        .select()
        .from(agentRuns)
        .where(eq(agentRuns.triggerMessageId, slow.messageId!));
      expect(slowRun.error).toBe("the run passed its time limit of 1 s");
      const [handoff] = await harness.database.db.select().from(handoffs).where(eq(handoffs.runId, slowRun.id));
      expect(handoff.reason).toBe("error");
    } finally {
      standIn.requests.length = 0;
      await harness.close();
    }
  });

  it("hands off a handoff topic with the offline model as soon as the topic is saved", async () => {
    const harness = await startHarness(kind);
    try {
      const text = "Customer: how do I reset my password?";
      const before = await harness.sim.placeCall({ from: "+14155550304", text, assigneeId: AI_TEAMMATE });
      expect((await harness.waitForEvent(before.eventId)).decision).toBe("processed");
      expect(harness.sim.getConversation(before.conversationId)!.replies).toHaveLength(1);

      harness.agentSettings.handoffTopics = ["account security or passwords"];
      const after = await harness.sim.placeCall({ from: "+14155550305", text, assigneeId: AI_TEAMMATE });
      expect((await harness.waitForEvent(after.eventId)).decision).toBe("processed");
      const [session] = await harness.database.db
        .select()
        .from(sessions)
        .where(eq(sessions.frontConversationId, after.conversationId));
      expect(session).toMatchObject({ status: "handed_off", handoffReason: "prohibited_topic" });
      expect(harness.sim.getConversation(after.conversationId)!.replies).toHaveLength(0);
    } finally {
      await harness.close();
    }
  });
});
