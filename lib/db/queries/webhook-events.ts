import { desc, eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { webhookEvents, type WebhookEvent } from "../schema";
import { enqueueJob } from "./jobs";

export const PIPELINE_QUEUE = "front-events";

export interface RejectedDelivery {
  kind: string;
  /** Read from the untrusted body for troubleshooting only; never acted on. */
  frontConversationId?: string | null;
  headers: Record<string, string>;
  signatureResult: string;
  reason: string;
}

/** A refused delivery is kept (without its untrusted body) so the settings page can say why. */
export async function recordRejectedDelivery(db: Db, delivery: RejectedDelivery): Promise<void> {
  await db.insert(webhookEvents).values({
    kind: delivery.kind,
    frontConversationId: delivery.frontConversationId ?? null,
    headers: delivery.headers,
    signatureResult: delivery.signatureResult,
    decision: "rejected",
    decisionReason: delivery.reason,
  });
}

export interface AcceptedDelivery {
  frontEventId: string;
  kind: string;
  envelopeType: string | null;
  eventType: string;
  frontConversationId: string | null;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Stores a verified event and its processing job in one transaction. Front delivers at least once: a repeated
 * `evt_` id only counts the delivery and is not queued again.
 */
export async function storeVerifiedEvent(
  db: Db,
  delivery: AcceptedDelivery,
): Promise<{ id: number; duplicate: boolean }> {
  // One statement, so one round trip before the ack: its two inserts commit together or not at all.
  const orderingKey = delivery.frontConversationId ?? delivery.frontEventId;
  const stored = await db.execute(sql`
    with event as (
      insert into webhook_events (front_event_id, kind, envelope_type, event_type, front_conversation_id, headers, body, signature_result, decision)
      values (${delivery.frontEventId}, ${delivery.kind}, ${delivery.envelopeType}, ${delivery.eventType}, ${delivery.frontConversationId},
        ${JSON.stringify(delivery.headers)}::jsonb, ${JSON.stringify(delivery.body ?? null)}::jsonb, 'valid', 'queued')
      on conflict (front_event_id) do nothing
      returning id
    ), job as (
      insert into jobs (queue, ordering_key, payload)
      select ${PIPELINE_QUEUE}, ${orderingKey}, jsonb_build_object('webhookEventId', event.id) from event
    )
    select id from event`);
  const [inserted] = rowsOf<{ id: number | string }>(stored);
  if (inserted) return { id: Number(inserted.id), duplicate: false };
  // Seen before: Front retried a delivery it had already made.
  const [existing] = await db
    .update(webhookEvents)
    .set({ deliveryCount: sql`${webhookEvents.deliveryCount} + 1` })
    .where(eq(webhookEvents.frontEventId, delivery.frontEventId))
    .returning({ id: webhookEvents.id });
  return { id: existing.id, duplicate: true };
}

export async function getWebhookEvent(db: Db, id: number): Promise<WebhookEvent | undefined> {
  const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
  return row;
}

export interface EventDecision {
  decision: "processed" | "skipped" | "recorded" | "failed";
  reason?: string | null;
  failedCheck?: string | null;
  error?: string | null;
  sessionId?: string | null;
}

export async function recordEventDecision(db: Db, id: number, outcome: EventDecision): Promise<void> {
  await db
    .update(webhookEvents)
    .set({
      decision: outcome.decision,
      decisionReason: outcome.reason ?? null,
      failedCheck: outcome.failedCheck ?? null,
      error: outcome.error ?? null,
      ...(outcome.sessionId ? { sessionId: outcome.sessionId } : {}),
      processedAt: sql`now()`,
      // Capped: an old event re-run weeks later must not overflow the column.
      processingMs: sql`least(extract(epoch from (now() - ${webhookEvents.receivedAt})) * 1000, 2147483647)::int`,
    })
    .where(eq(webhookEvents.id, id));
}

export async function listEventsForConversation(db: Db, frontConversationId: string): Promise<WebhookEvent[]> {
  return db
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.frontConversationId, frontConversationId))
    .orderBy(desc(webhookEvents.receivedAt), desc(webhookEvents.id));
}

/** A queued re-run names the delivery it repeats, for the caller's audit row. */
export type QueuedRerun =
  | { status: "queued"; attemptId: number; original: WebhookEvent }
  | { status: "already_queued" | "not_found" | "not_verified" };

/**
 * A new attempt at a stored, verified delivery, stored as its own row beside the delivery (which keeps its recorded
 * decision, reason and duration) and queued; lib/troubleshooting/rerun.ts is the page's re-run. While an attempt at
 * the delivery is still queued, no other is added. Call it in a transaction: it locks the delivery until it ends.
 */
export async function queueRerun(tx: Db, id: number): Promise<QueuedRerun> {
  const [event] = await tx.select().from(webhookEvents).where(eq(webhookEvents.id, id)).for("update");
  if (!event) return { status: "not_found" };
  // A re-run of a re-run repeats the delivery itself: attempts never chain.
  const [original] = event.rerunOf
    ? await tx.select().from(webhookEvents).where(eq(webhookEvents.id, event.rerunOf)).for("update")
    : [event];
  if (!original || original.signatureResult !== "valid" || !original.frontEventId) return { status: "not_verified" };
  const open = await tx.execute(sql`
    select 1 from jobs
    where queue = ${PIPELINE_QUEUE} and state in ('pending', 'active')
      and (payload->>'webhookEventId')::bigint in (select id from webhook_events where id = ${original.id} or rerun_of = ${original.id})
    limit 1`);
  if (rowsOf(open).length > 0) return { status: "already_queued" };
  const [attempt] = await tx
    .insert(webhookEvents)
    .values({
      kind: original.kind,
      envelopeType: original.envelopeType,
      eventType: original.eventType,
      frontConversationId: original.frontConversationId,
      headers: original.headers,
      body: original.body,
      signatureResult: original.signatureResult,
      decision: "queued",
      sessionId: original.sessionId,
      rerunOf: original.id,
    })
    .returning({ id: webhookEvents.id });
  await enqueueJob(tx, {
    queue: PIPELINE_QUEUE,
    orderingKey: original.frontConversationId ?? original.frontEventId,
    payload: { webhookEventId: attempt.id },
  });
  return { status: "queued", attemptId: attempt.id, original };
}
