import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type { EventDecision } from "../../domain";

/** Every delivery to the webhook endpoint, verified or not: the audit trail an on-call engineer reads first. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Front's `evt_` id; null for deliveries rejected before it could be trusted. Unique: Front retries. */
    frontEventId: text("front_event_id").unique(),
    /** application | rule | unknown */
    kind: text("kind").notNull(),
    /** The envelope's `type` (application webhooks only), e.g. inbound_received. */
    envelopeType: text("envelope_type"),
    /** The event's `type`, e.g. inbound, assign, archive. */
    eventType: text("event_type"),
    frontConversationId: text("front_conversation_id"),
    headers: jsonb("headers").$type<Record<string, string>>().notNull(),
    body: jsonb("body"),
    /** valid | invalid | missing | stale */
    signatureResult: text("signature_result").notNull(),
    /** queued | processed | duplicate | skipped | recorded | failed | rejected */
    decision: text("decision").$type<EventDecision>().notNull(),
    decisionReason: text("decision_reason"),
    /** For a skip: which eligibility check failed (master_switch, channel_switch, assignment, …). */
    failedCheck: text("failed_check"),
    error: text("error"),
    deliveryCount: integer("delivery_count").notNull().default(1),
    sessionId: uuid("session_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    processingMs: integer("processing_ms"),
    /**
     * A re-run from the troubleshooting page is a new attempt (its own row, decision and duration) that points at
     * the delivery it repeats; the delivery itself is never rewritten. Null for what Front delivered.
     */
    rerunOf: bigint("rerun_of", { mode: "number" }).references((): AnyPgColumn => webhookEvents.id, {
      onDelete: "cascade",
    }),
    /**
     * When Front sent the event (its `emitted_at`), else when it arrived: the order deliveries are listed in,
     * whatever order they were stored in. Computed by the database, so every writer fills it.
     */
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().generatedAlwaysAs(sql`coalesce(
        case when jsonb_typeof(coalesce(body->'payload'->'emitted_at', body->'emitted_at')) = 'number' then
          case when (coalesce(body->'payload'->'emitted_at', body->'emitted_at'))::float8 between 0 and 1e11
            then to_timestamp((coalesce(body->'payload'->'emitted_at', body->'emitted_at'))::float8) end
        end,
        received_at)`),
  },
  (t) => [
    index("webhook_events_received_at_idx").on(t.receivedAt),
    index("webhook_events_conversation_idx").on(t.frontConversationId, t.receivedAt),
    index("webhook_events_sent_at_idx").on(t.sentAt, t.id),
    index("webhook_events_rerun_of_idx").on(t.rerunOf),
  ],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;
