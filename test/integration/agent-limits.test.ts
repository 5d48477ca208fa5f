import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { MockLanguageModelV3 } from "ai/test";
import { createModel } from "@/lib/agent/model";
import { createLocalModel } from "@/lib/agent/local-model";
import { agentRuns, handoffs, sessions } from "@/lib/db/schema";
import { dbKinds } from "../helpers/db";
import { startOpenAIStandIn, type OpenAIStandIn } from "../helpers/openai-stand-in";
import { AI_TEAMMATE, startHarness } from "../helpers/pipeline-harness";

describe.each(dbKinds())("run limits and one conversation at a time, on %s", (kind) => {
  let standIn: OpenAIStandIn;
  beforeAll(async () => {
    standIn = await startOpenAIStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });

  it("hands off with reason `error` when the model keeps calling tools past the step limit", async () => {
    const harness = await startHarness(kind, {
      model: createModel({ model: "openai-compatible:looping", baseUrl: standIn.url, apiKey: "k" }),
    });
    try {
      standIn.script(
        ...Array.from({ length: 8 }, () => ({
          kind: "tool_call" as const,
          name: "search_knowledge_base",
          arguments: { query: "password" },
        })),
      );
      const placed = await harness.sim.placeCall({
        from: "+14155550170",
        text: "Customer: how do I reset my password?",
        assigneeId: AI_TEAMMATE,
      });
      expect((await harness.waitForEvent(placed.eventId)).decision).toBe("processed");
      const [session] = await harness.database.db
        .select()
        .from(sessions)
        .where(eq(sessions.frontConversationId, placed.conversationId));
      const [handoff] = await harness.database.db.select().from(handoffs).where(eq(handoffs.sessionId, session.id));
      expect(handoff.reason).toBe("error");
      const [run] = await harness.database.db.select().from(agentRuns).where(eq(agentRuns.sessionId, session.id));
      expect(run.error).toMatch(/without answering or handing off/);
      expect(standIn.requests.length).toBe(6);
      expect(harness.sim.getConversation(placed.conversationId)!.comments).toHaveLength(1);
    } finally {
      standIn.requests.length = 0;
      await harness.close();
    }
  });

  it("never runs two events of one conversation at once, and runs them in order", async () => {
    const local = createLocalModel();
    // A slow model: each step takes 150 ms, so overlapping runs would be visible.
    const slow = new MockLanguageModelV3({
      doGenerate: async (options) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return local.doGenerate(options);
      },
    });
    const harness = await startHarness(kind, { model: slow });
    try {
      const first = await harness.sim.placeCall({
        from: "+14155550171",
        text: "Customer: how do I reset my password?",
        assigneeId: AI_TEAMMATE,
      });
      const turns = [first];
      for (const text of ["Customer: and when are you open on Saturday?", "Customer: how do I update my card?"]) {
        turns.push(
          await harness.sim.placeCall({
            from: "+14155550171",
            text,
            assigneeId: AI_TEAMMATE,
            conversationId: first.conversationId,
          }),
        );
      }
      for (const turn of turns) expect((await harness.waitForEvent(turn.eventId, 20_000)).decision).toBe("processed");
      const [session] = await harness.database.db
        .select()
        .from(sessions)
        .where(eq(sessions.frontConversationId, first.conversationId));
      const runs = await harness.database.db
        .select()
        .from(agentRuns)
        .where(eq(agentRuns.sessionId, session.id))
        .orderBy(asc(agentRuns.startedAt));
      expect(runs.map((run) => run.triggerMessageId)).toEqual(turns.map((turn) => turn.messageId));
      for (let index = 1; index < runs.length; index++) {
        expect(runs[index].startedAt.getTime()).toBeGreaterThanOrEqual(runs[index - 1].deliveredAt!.getTime());
      }
      expect(harness.sim.getConversation(first.conversationId)!.replies).toHaveLength(3);
    } finally {
      await harness.close();
    }
  });
});
