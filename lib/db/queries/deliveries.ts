import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { EventDecision } from "../../domain";
import type { Db } from "../client";
import { agentRuns, handoffs, sessionMessages, sessions, webhookEvents } from "../schema";
import { SAMPLE_CONVERSATION_LIKE } from "./sample-data";

export interface DeliveryFilter {
  decision?: EventDecision;
  frontConversationId?: string;
  /** Rows listed after this delivery's row (keyset pagination, newest first). */
  beforeId?: number;
  limit: number;
}

/** The delivery a re-run repeats, for its `evt_` id (a re-run's own row has none: that id is unique). */
const repeated = alias(webhookEvents, "repeated");

/**
 * Every delivery, newest first by when Front sent it (whatever order rows were stored in), with the session it
 * touched. A re-run shares its delivery's send time, so it is listed right above the delivery it repeats.
 */
export async function listDeliveries(db: Db, filter: DeliveryFilter) {
  const conditions = [
    filter.decision ? eq(webhookEvents.decision, filter.decision) : undefined,
    filter.frontConversationId ? eq(webhookEvents.frontConversationId, filter.frontConversationId) : undefined,
    filter.beforeId
      ? sql`(${webhookEvents.sentAt}, ${webhookEvents.id}) < (select sent_at, id from webhook_events where id = ${filter.beforeId})`
      : undefined,
  ].filter(Boolean);
  const rows = await db
    .select({
      id: webhookEvents.id,
      frontEventId: sql<string | null>`coalesce(${webhookEvents.frontEventId}, ${repeated.frontEventId})`,
      rerunOf: webhookEvents.rerunOf,
      kind: webhookEvents.kind,
      eventType: webhookEvents.eventType,
      signatureResult: webhookEvents.signatureResult,
      decision: webhookEvents.decision,
      decisionReason: webhookEvents.decisionReason,
      failedCheck: webhookEvents.failedCheck,
      error: webhookEvents.error,
      deliveryCount: webhookEvents.deliveryCount,
      frontConversationId: webhookEvents.frontConversationId,
      sessionId: webhookEvents.sessionId,
      ticketNumber: sessions.ticketNumber,
      sentAt: webhookEvents.sentAt,
      receivedAt: webhookEvents.receivedAt,
      processedAt: webhookEvents.processedAt,
      processingMs: webhookEvents.processingMs,
    })
    .from(webhookEvents)
    .leftJoin(sessions, eq(sessions.id, webhookEvents.sessionId))
    .leftJoin(repeated, eq(repeated.id, webhookEvents.rerunOf))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(webhookEvents.sentAt), desc(webhookEvents.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  return { deliveries: page, nextBeforeId: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
}

/** Sample history's events (Settings → Sample data) are not deliveries from Front. */
const notSample = sql`coalesce(${webhookEvents.frontConversationId}, '') not like ${SAMPLE_CONVERSATION_LIKE}`;

/** Last verified and last refused delivery, for the settings page's live status. */
export async function deliveryHealth(db: Db) {
  const [lastVerified] = await db
    .select({ receivedAt: webhookEvents.receivedAt, eventType: webhookEvents.eventType })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.signatureResult, "valid"), isNull(webhookEvents.rerunOf), notSample))
    .orderBy(desc(webhookEvents.id))
    .limit(1);
  const [lastRejected] = await db
    .select({
      receivedAt: webhookEvents.receivedAt,
      reason: webhookEvents.decisionReason,
      signatureResult: webhookEvents.signatureResult,
    })
    .from(webhookEvents)
    .where(eq(webhookEvents.decision, "rejected"))
    .orderBy(desc(webhookEvents.id))
    .limit(1);
  return { lastVerified: lastVerified ?? null, lastRejected: lastRejected ?? null };
}

/** The first real proof of each go-live step, or null while it has not happened. Sample history proves nothing. */
export async function setupMilestones(db: Db) {
  const [firstCall] = await db
    .select({
      at: webhookEvents.receivedAt,
      sessionId: sessions.id,
      ticketNumber: sessions.ticketNumber,
      frontEventId: webhookEvents.frontEventId,
    })
    .from(webhookEvents)
    .innerJoin(sessions, eq(sessions.id, webhookEvents.sessionId))
    .where(
      and(
        eq(webhookEvents.signatureResult, "valid"),
        eq(sessions.channel, "voice"),
        eq(sessions.isSample, false),
        sql`${webhookEvents.eventType} in ('inbound', 'call_transcript_added', 'call_voicemail_transcript_added')`,
      ),
    )
    .orderBy(asc(webhookEvents.id))
    .limit(1);
  const [firstRun] = await db
    .select({ at: agentRuns.startedAt, sessionId: sessions.id, ticketNumber: sessions.ticketNumber })
    .from(agentRuns)
    .innerJoin(sessions, eq(sessions.id, agentRuns.sessionId))
    .where(and(isNotNull(agentRuns.finishedAt), eq(sessions.isSample, false)))
    .orderBy(asc(agentRuns.startedAt))
    .limit(1);
  const [firstHandoff] = await db
    .select({ at: handoffs.unassignedAt, sessionId: sessions.id, ticketNumber: sessions.ticketNumber })
    .from(handoffs)
    .innerJoin(sessions, eq(sessions.id, handoffs.sessionId))
    .where(and(isNotNull(handoffs.commentPostedAt), isNotNull(handoffs.unassignedAt), eq(sessions.isSample, false)))
    .orderBy(asc(handoffs.unassignedAt))
    .limit(1);
  return { firstCall: firstCall ?? null, firstRun: firstRun ?? null, firstHandoff: firstHandoff ?? null };
}

/**
 * A customer's `custom` message among the latest web-chat sessions (not sample data), or null: with no phone channel
 * picked, an application channel's calls land there. Only the latest sessions are looked at, so the settings page's
 * polling stays cheap however long the history.
 */
export async function recentCustomMessage(
  db: Db,
  sessionsToLook = 200,
): Promise<{ sessionId: string; ticketNumber: number } | null> {
  const latest = db
    .select({ id: sessions.id, ticketNumber: sessions.ticketNumber })
    .from(sessions)
    .where(and(eq(sessions.channel, "web"), eq(sessions.isSample, false)))
    .orderBy(desc(sessions.lastActivityAt))
    .limit(sessionsToLook)
    .as("latest");
  const [found] = await db
    .select({ sessionId: latest.id, ticketNumber: latest.ticketNumber })
    .from(latest)
    .innerJoin(sessionMessages, eq(sessionMessages.sessionId, latest.id))
    .where(and(eq(sessionMessages.messageType, "custom"), eq(sessionMessages.authorType, "customer")))
    .limit(1);
  return found ?? null;
}
