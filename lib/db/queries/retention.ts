import { and, eq, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  agentRuns,
  agentSteps,
  evalCases,
  evalCaseVersions,
  handoffs,
  sessionMessages,
  sessions,
  webhookEvents,
} from "../schema";

/**
 * Deleting customers' words while keeping what the reports count (docs/security.md: retention and erasure). A
 * session keeps its channel, status, AI outcome, sentiment, handoff reason and times, so every figure stays exact;
 * its texts, contact details, the steps' inputs and outputs and the webhook bodies go. Texts a column cannot
 * hold empty are replaced by a notice that says why, so a lead reading the session knows.
 */

/** Whether an old session still holds anything to delete (what a purge has not done yet). */
const holdsText = or(
  isNotNull(sessions.contactHandle),
  isNotNull(sessions.contactName),
  isNotNull(sessions.contactKey),
  isNotNull(sessions.subject),
  isNotNull(sessions.summary),
  isNotNull(sessions.preview),
);

/** Up to `limit` sessions whose last activity is before `cutoff` and that still hold a text. */
export async function expiredSessionIds(
  db: Db,
  cutoff: Date,
  limit: number,
): Promise<{ id: string; frontConversationId: string }[]> {
  return db
    .select({ id: sessions.id, frontConversationId: sessions.frontConversationId })
    .from(sessions)
    .where(and(lt(sessions.lastActivityAt, cutoff), holdsText))
    .orderBy(sessions.lastActivityAt)
    .limit(limit);
}

/** The sessions of one contact: by its normalised handle, or the handle as Front gave it. */
export async function contactSessionIds(
  db: Db,
  contactKey: string,
  handle: string,
): Promise<{ id: string; frontConversationId: string }[]> {
  return db
    .select({ id: sessions.id, frontConversationId: sessions.frontConversationId })
    .from(sessions)
    .where(or(eq(sessions.contactKey, contactKey), eq(sessions.contactHandle, handle)));
}

export interface DeletedTexts {
  sessions: number;
  messages: number;
  steps: number;
  handoffs: number;
  events: number;
}

/**
 * Deletes the texts of these sessions, their messages, runs, steps and handoffs, and the bodies of the webhook
 * deliveries about their conversations received before `eventsBefore` (all of them when null), in one transaction.
 */
export async function deleteSessionTexts(
  db: Db,
  targets: readonly { id: string; frontConversationId: string }[],
  options: { notice: string; eventsBefore: Date | null },
): Promise<DeletedTexts> {
  if (targets.length === 0) return { sessions: 0, messages: 0, steps: 0, handoffs: 0, events: 0 };
  const ids = targets.map((target) => target.id);
  const conversations = targets.map((target) => target.frontConversationId);
  return db.transaction(async (tx) => {
    const messages = await tx
      .update(sessionMessages)
      .set({ text: options.notice, modelText: null, subject: null, authorName: null, metadata: {} })
      .where(and(inArray(sessionMessages.sessionId, ids), ne(sessionMessages.text, options.notice)))
      .returning({ id: sessionMessages.id });
    const runIds = tx.select({ id: agentRuns.id }).from(agentRuns).where(inArray(agentRuns.sessionId, ids));
    const steps = await tx
      .update(agentSteps)
      .set({ text: null, input: null, output: null, error: null })
      .where(
        and(
          inArray(agentSteps.runId, runIds),
          or(
            isNotNull(agentSteps.text),
            isNotNull(agentSteps.input),
            isNotNull(agentSteps.output),
            isNotNull(agentSteps.error),
          ),
        ),
      )
      .returning({ id: agentSteps.id });
    await tx
      .update(agentRuns)
      .set({ replyText: null, deliveryIntent: null, error: null })
      .where(inArray(agentRuns.sessionId, ids));
    const handoffRows = await tx
      .update(handoffs)
      // A comment that was written says so, rather than reading as one never written.
      .set({
        summary: options.notice,
        commentBody: sql`case when ${handoffs.commentBody} is null then null else ${options.notice} end`,
        error: null,
      })
      .where(and(inArray(handoffs.sessionId, ids), ne(handoffs.summary, options.notice)))
      .returning({ id: handoffs.id });
    const events = await tx
      .update(webhookEvents)
      .set({ body: null, headers: {}, error: null })
      .where(
        and(
          inArray(webhookEvents.frontConversationId, conversations),
          isNotNull(webhookEvents.body),
          options.eventsBefore ? lt(webhookEvents.receivedAt, options.eventsBefore) : undefined,
        ),
      )
      .returning({ id: webhookEvents.id });
    const sessionRows = await tx
      .update(sessions)
      .set({ contactHandle: null, contactName: null, contactKey: null, subject: null, summary: null, preview: null })
      .where(inArray(sessions.id, ids))
      .returning({ id: sessions.id });
    return {
      sessions: sessionRows.length,
      messages: messages.length,
      steps: steps.length,
      handoffs: handoffRows.length,
      events: events.length,
    };
  });
}

/**
 * Test cases made from these sessions, or naming the contact (`spellings` of their handle), hold the customer's
 * words too: they are deleted, and the bodies of their earlier versions emptied (the history keeps that a change
 * happened). Returns how many cases went.
 */
export async function deleteCasesAbout(
  db: Db,
  sessionIds: readonly string[],
  spellings: readonly string[],
): Promise<number> {
  const about = or(
    sessionIds.length ? inArray(evalCases.sourceSessionId, [...sessionIds]) : undefined,
    ...spellings.map((spelling) => sql`strpos(${evalCases.body}::text, ${spelling}) > 0`),
  );
  if (!about) return 0;
  return db.transaction(async (tx) => {
    const cases = await tx
      .delete(evalCases)
      .where(about)
      .returning({ setId: evalCases.setId, caseKey: evalCases.caseKey });
    if (cases.length === 0) return 0;
    // Their earlier versions too, in one statement: (set, key) pairs of the deleted cases.
    const pairs = sql.join(
      cases.map((entry) => sql`(${entry.setId}::uuid, ${entry.caseKey})`),
      sql`, `,
    );
    await tx
      .update(evalCaseVersions)
      .set({ body: null })
      .where(sql`(${evalCaseVersions.setId}, ${evalCaseVersions.caseKey}) in (${pairs})`);
    return cases.length;
  });
}

/** Deliveries that name the contact's handle anywhere in their body (a first message before any session existed). */
export async function deleteEventBodiesNaming(db: Db, handle: string): Promise<number> {
  const rows = await db
    .update(webhookEvents)
    .set({ body: null, headers: {}, error: null })
    .where(and(isNotNull(webhookEvents.body), sql`strpos(${webhookEvents.body}::text, ${handle}) > 0`))
    .returning({ id: webhookEvents.id });
  return rows.length;
}
