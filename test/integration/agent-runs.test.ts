import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { finishRun, insertSteps, startRun } from "@/lib/db/queries/agent-runs";
import { findOrCreateSession } from "@/lib/db/queries/sessions";
import { agentSteps } from "@/lib/db/schema";
import { createTestDatabase, dbKinds } from "../helpers/db";

describe.each(dbKinds())("agent runs on %s", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("starts a run once per customer message; a run resumed after a crash starts over without its old steps", async () => {
    const { db } = database;
    const { session } = await findOrCreateSession(db, {
      frontConversationId: "cnv_runs1",
      channel: "sms",
      initialStatus: "ai_answering",
    });
    const input = {
      sessionId: session.id,
      triggerMessageId: "msg_runs1",
      webhookEventId: 1,
      model: "local",
      receivedAt: new Date(),
    };
    const first = await startRun(db, input);
    expect(first).toMatchObject({ status: "running", triggerMessageId: "msg_runs1" });
    expect(first).not.toHaveProperty("resumed");
    await insertSteps(db, first.id, [
      { position: 0, kind: "text", text: "half an answer", startedAt: new Date(), durationMs: 1 },
    ]);

    const resumed = await startRun(db, input);
    expect(resumed.id).toBe(first.id);
    expect(await db.select().from(agentSteps).where(eq(agentSteps.runId, first.id))).toEqual([]);

    const finished = await finishRun(db, first.id, {
      status: "completed",
      outcome: "reply",
      replyText: "Done.",
      inputTokens: 1,
      outputTokens: 2,
    });
    expect(finished).toMatchObject({
      id: first.id,
      status: "completed",
      outcome: "reply",
      deliveryStatus: "pending",
      replyText: "Done.",
    });
  });
});
