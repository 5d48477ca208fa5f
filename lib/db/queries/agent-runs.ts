import { and, asc, desc, eq, getTableColumns, isNull, ne, or, sql } from "drizzle-orm";
import type { HandoffReason, Sentiment, StepKind } from "../../domain";
import type { Db } from "../client";
import { agentRuns, agentSteps, handoffs, type AgentRun, type DeliveryIntent, type Handoff } from "../schema";

export async function findRun(db: Db, sessionId: string, triggerMessageId: string): Promise<AgentRun | undefined> {
  const [run] = await db
    .select()
    .from(agentRuns)
    .where(and(eq(agentRuns.sessionId, sessionId), eq(agentRuns.triggerMessageId, triggerMessageId)));
  return run;
}

export async function startRun(
  db: Db,
  input: { sessionId: string; triggerMessageId: string; webhookEventId: number; model: string; receivedAt: Date },
): Promise<AgentRun> {
  const [{ resumed, ...run }] = await db
    .insert(agentRuns)
    .values({ ...input, status: "running" })
    .onConflictDoUpdate({
      // A run interrupted by a crash starts over: its model calls had no effect outside Frontline.
      target: [agentRuns.sessionId, agentRuns.triggerMessageId],
      set: { status: "running", startedAt: sql`now()`, model: input.model, error: null, outcome: null },
    })
    // xmax is set on a row the upsert updated: only a resumed run has steps to clear.
    .returning({ ...getTableColumns(agentRuns), resumed: sql<boolean>`xmax <> 0` });
  if (resumed) await db.delete(agentSteps).where(eq(agentSteps.runId, run.id));
  return run;
}

export interface NewStep {
  position: number;
  kind: StepKind;
  toolName?: string | null;
  toolCallId?: string | null;
  text?: string | null;
  input?: unknown;
  output?: unknown;
  error?: string | null;
  startedAt: Date;
  durationMs: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number | null;
}

export async function insertSteps(db: Db, runId: string, steps: NewStep[]): Promise<void> {
  if (steps.length === 0) return;
  await db.insert(agentSteps).values(steps.map((step) => ({ ...step, runId })));
}

export async function finishRun(
  db: Db,
  runId: string,
  result: {
    status: "completed" | "failed";
    outcome: "reply" | "handoff";
    replyText?: string | null;
    error?: string | null;
    inputTokens: number;
    outputTokens: number;
    costUsd?: number | null;
  },
): Promise<AgentRun> {
  const [run] = await db
    .update(agentRuns)
    .set({ ...result, deliveryStatus: "pending", finishedAt: sql`now()` })
    .where(eq(agentRuns.id, runId))
    .returning();
  return run;
}

export async function markRunDelivered(db: Db, runId: string, frontMessageUid?: string | null): Promise<void> {
  await db
    .update(agentRuns)
    .set({ deliveryStatus: "delivered", deliveredAt: sql`now()`, frontMessageUid: frontMessageUid ?? null })
    .where(eq(agentRuns.id, runId));
}

/** Saved just before the answer is written to Front: see lib/pipeline/front-writes.ts. */
export async function recordDeliveryIntent(db: Db, runId: string, intent: DeliveryIntent): Promise<void> {
  await db.update(agentRuns).set({ deliveryIntent: intent }).where(eq(agentRuns.id, runId));
}

export async function markRunDeliveryFailed(db: Db, runId: string, error: string): Promise<void> {
  await db.update(agentRuns).set({ deliveryStatus: "failed", error }).where(eq(agentRuns.id, runId));
}

export async function getOrCreateHandoff(
  db: Db,
  input: { sessionId: string; runId: string; reason: HandoffReason; summary: string; sentiment: Sentiment },
): Promise<Handoff> {
  await db.insert(handoffs).values(input).onConflictDoNothing({ target: handoffs.runId });
  const [handoff] = await db.select().from(handoffs).where(eq(handoffs.runId, input.runId));
  return handoff;
}

export async function recordHandoffProgress(
  db: Db,
  handoffId: string,
  patch: Partial<
    Pick<Handoff, "frontCommentId" | "commentBody" | "commentSendingAt" | "commentPostedAt" | "unassignedAt" | "error">
  >,
): Promise<void> {
  await db.update(handoffs).set(patch).where(eq(handoffs.id, handoffId));
}

export async function listUndeliveredRuns(db: Db, sessionId: string, webhookEventId: number): Promise<AgentRun[]> {
  return db
    .select()
    .from(agentRuns)
    .where(
      and(
        eq(agentRuns.sessionId, sessionId),
        eq(agentRuns.webhookEventId, webhookEventId),
        or(isNull(agentRuns.deliveryStatus), ne(agentRuns.deliveryStatus, "delivered")),
      ),
    );
}

/** The outputs of one tool's calls in a run, in order (e.g. the knowledge passages the answer was written from). */
export async function listToolOutputs(db: Db, runId: string, toolName: string): Promise<unknown[]> {
  const rows = await db
    .select({ output: agentSteps.output })
    .from(agentSteps)
    .where(and(eq(agentSteps.runId, runId), eq(agentSteps.toolName, toolName)))
    .orderBy(asc(agentSteps.position));
  return rows.map((row) => row.output);
}

/** The session's run whose reply Front accepted with this `message_uid` (its 202 answer). */
export async function runByFrontMessageUid(
  db: Db,
  sessionId: string,
  messageUid: string,
): Promise<AgentRun | undefined> {
  const [run] = await db
    .select()
    .from(agentRuns)
    .where(and(eq(agentRuns.sessionId, sessionId), eq(agentRuns.frontMessageUid, messageUid)))
    .limit(1);
  return run;
}

/** The session's newest run whose answer Front took as a reply (a draft or comment waits for a person anyway). */
export async function latestDeliveredReply(db: Db, sessionId: string): Promise<AgentRun | undefined> {
  const [run] = await db
    .select()
    .from(agentRuns)
    .where(
      and(
        eq(agentRuns.sessionId, sessionId),
        eq(agentRuns.outcome, "reply"),
        eq(agentRuns.deliveryStatus, "delivered"),
        sql`${agentRuns.deliveryIntent}->>'mode' = 'reply'`,
      ),
    )
    .orderBy(desc(agentRuns.startedAt))
    .limit(1);
  return run;
}
