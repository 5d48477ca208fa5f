// The sample history's own queries: what the pipeline's query functions cannot do because live traffic never
// needs it. Timestamps are backdated (the pipeline writes now()), webhook events are stored without queueing a
// job (nothing must reach Front), and the whole history can be cleared. Everything else the generator writes
// goes through the pipeline's query functions.
import { count, eq, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { sessions, webhookEvents } from "../schema";

/** Every sample conversation id starts with this; Front's own ids never contain a second underscore. */
export const SAMPLE_CONVERSATION_PREFIX = "cnv_sample_";
/** A LIKE pattern for sample conversation ids (the underscores escaped). */
export const SAMPLE_CONVERSATION_LIKE = `${SAMPLE_CONVERSATION_PREFIX.replace(/_/g, "\\_")}%`;

const iso = (date: Date) => date.toISOString();
const values = (rows: SQL[]) => sql.join(rows, sql`, `);

export interface SampleSessionTimes {
  id: string;
  createdAt: Date;
  /** Also the session's updatedAt: the last thing that happened to it. */
  lastActivityAt: Date;
  /** Left as written when absent. */
  resolvedAt?: Date | null;
}

/** Moves sample sessions back in time and marks them as sample data (isSample), in one statement. */
export async function backdateSessions(db: Db, rows: SampleSessionTimes[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update sessions s set
      created_at = v.created_at, updated_at = v.last_activity_at, last_activity_at = v.last_activity_at,
      resolved_at = coalesce(v.resolved_at, s.resolved_at), is_sample = true
    from (values ${values(rows.map((r) => sql`(${r.id}::uuid, ${iso(r.createdAt)}::timestamptz, ${iso(r.lastActivityAt)}::timestamptz, ${r.resolvedAt ? iso(r.resolvedAt) : null}::timestamptz)`))})
      as v(id, created_at, last_activity_at, resolved_at)
    where s.id = v.id`);
}

export interface SampleRunTimes {
  id: string;
  startedAt: Date;
  finishedAt: Date;
  /** Null for a run whose outcome never reached Front. */
  deliveredAt: Date | null;
}

/** Moves runs back in time (their receivedAt is written by startRun already). */
export async function backdateRuns(db: Db, rows: SampleRunTimes[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update agent_runs r set started_at = v.started_at, finished_at = v.finished_at, delivered_at = v.delivered_at
    from (values ${values(rows.map((r) => sql`(${r.id}::uuid, ${iso(r.startedAt)}::timestamptz, ${iso(r.finishedAt)}::timestamptz, ${r.deliveredAt ? iso(r.deliveredAt) : null}::timestamptz)`))})
      as v(id, started_at, finished_at, delivered_at)
    where r.id = v.id`);
}

/** Moves handoffs' creation back in time (their comment and unassign times are written by recordHandoffProgress). */
export async function backdateHandoffs(db: Db, rows: { id: string; createdAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update handoffs h set created_at = v.created_at
    from (values ${values(rows.map((r) => sql`(${r.id}::uuid, ${iso(r.createdAt)}::timestamptz)`))}) as v(id, created_at)
    where h.id = v.id`);
}

/**
 * Sets when Frontline recorded each message of these sessions: customer messages when their webhook was
 * processed (given by Front message id), the AI's and teammates' messages when they were sent.
 */
export async function backdateMessages(
  db: Db,
  sessionIds: string[],
  customerRecordedAt: { frontMessageId: string; recordedAt: Date }[],
): Promise<void> {
  if (sessionIds.length === 0) return;
  const given = customerRecordedAt.length
    ? sql`(select v.recorded_at from (values ${values(customerRecordedAt.map((r) => sql`(${r.frontMessageId}, ${iso(r.recordedAt)}::timestamptz)`))}) as v(front_message_id, recorded_at) where v.front_message_id = m.front_message_id)`
    : sql`null::timestamptz`;
  await db.execute(sql`
    update session_messages m set recorded_at = coalesce(${given}, m.sent_at)
    where m.session_id in (${sql.join(
      sessionIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
}

export interface SampleWebhookEvent {
  frontEventId: string;
  envelopeType: string;
  eventType: string;
  frontConversationId: string;
  body: unknown;
}

/**
 * Stores verified Front events for the sample history, received now as storeVerifiedEvent would, but without
 * queueing a job: the worker never processes them. settleSampleWebhookEvents records their outcome and moves
 * them back in time. An event already stored (same id) is left alone and missing from the answer.
 */
export async function insertSampleWebhookEvents(db: Db, events: SampleWebhookEvent[]): Promise<Map<string, number>> {
  if (events.length === 0) return new Map();
  const inserted = await db
    .insert(webhookEvents)
    .values(
      events.map((event) => ({
        frontEventId: event.frontEventId,
        kind: "application",
        envelopeType: event.envelopeType,
        eventType: event.eventType,
        frontConversationId: event.frontConversationId,
        headers: { "content-type": "application/json", "user-agent": "Frontline sample data" },
        body: event.body,
        signatureResult: "valid",
        decision: "queued" as const,
      })),
    )
    .onConflictDoNothing({ target: webhookEvents.frontEventId })
    .returning({ id: webhookEvents.id, frontEventId: webhookEvents.frontEventId });
  return new Map(inserted.map((row) => [row.frontEventId ?? "", row.id]));
}

export interface SampleEventDecision {
  id: number;
  decision: "processed" | "skipped" | "recorded" | "failed";
  reason: string | null;
  failedCheck?: string | null;
  error?: string | null;
  sessionId: string | null;
  receivedAt: Date;
  processedAt: Date;
}

/** What recordEventDecision writes, for many events at once, with the times moved into the past. */
export async function settleSampleWebhookEvents(db: Db, rows: SampleEventDecision[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update webhook_events e set
      decision = v.decision, decision_reason = v.reason, failed_check = v.failed_check, error = v.error,
      session_id = coalesce(v.session_id, e.session_id), received_at = v.received_at, processed_at = v.processed_at,
      processing_ms = greatest(0, (extract(epoch from (v.processed_at - v.received_at)) * 1000)::int)
    from (values ${values(
      rows.map(
        (r) =>
          sql`(${r.id}::bigint, ${r.decision}::text, ${r.reason}::text, ${r.failedCheck ?? null}::text, ${r.error ?? null}::text, ${r.sessionId}::uuid, ${iso(r.receivedAt)}::timestamptz, ${iso(r.processedAt)}::timestamptz)`,
      ),
    )}) as v(id, decision, reason, failed_check, error, session_id, received_at, processed_at)
    where e.id = v.id`);
}

export async function countSampleSessions(db: Db): Promise<number> {
  const [row] = await db.select({ value: count() }).from(sessions).where(eq(sessions.isSample, true));
  return row.value;
}

export interface ClearedSampleData {
  sessions: number;
  messages: number;
  runs: number;
  steps: number;
  handoffs: number;
  webhookEvents: number;
}

/**
 * Deletes the sample history: sample sessions and everything hanging off them (messages, runs, steps, handoffs)
 * and their webhook events. Real sessions and their events are never touched. Returns what was deleted.
 */
export async function clearSampleData(db: Db): Promise<ClearedSampleData> {
  return db.transaction(async (tx) => {
    const deleted = async (statement: SQL): Promise<number> => {
      const [row] = rowsOf<{ n: number | string }>(
        await tx.execute(sql`with d as (${statement} returning 1) select count(*) as n from d`),
      );
      return Number(row?.n ?? 0);
    };
    const sample = sql`select id from sessions where is_sample`;
    const sampleRuns = sql`select id from agent_runs where session_id in (${sample})`;
    // Children first, so each count is exact (the foreign keys would cascade them anyway).
    const steps = await deleted(sql`delete from agent_steps where run_id in (${sampleRuns})`);
    const handoffs = await deleted(sql`delete from handoffs where session_id in (${sample})`);
    const runs = await deleted(sql`delete from agent_runs where session_id in (${sample})`);
    const messages = await deleted(sql`delete from session_messages where session_id in (${sample})`);
    // Events name their session only once decided; the conversation prefix catches the rest.
    const events = await deleted(
      sql`delete from webhook_events where session_id in (${sample}) or front_conversation_id like ${SAMPLE_CONVERSATION_LIKE}`,
    );
    const removedSessions = await deleted(sql`delete from sessions where is_sample`);
    return { sessions: removedSessions, messages, runs, steps, handoffs, webhookEvents: events };
  });
}
