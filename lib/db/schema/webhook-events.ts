import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
    decision: text("decision").notNull(),
    decisionReason: text("decision_reason"),
    /** For a skip: which eligibility check failed (master_switch, channel_switch, assignment, …). */
    failedCheck: text("failed_check"),
    error: text("error"),
    deliveryCount: integer("delivery_count").notNull().default(1),
    sessionId: uuid("session_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    processingMs: integer("processing_ms"),
  },
  (t) => [
    index("webhook_events_received_at_idx").on(t.receivedAt),
    index("webhook_events_conversation_idx").on(t.frontConversationId, t.receivedAt),
  ],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;
