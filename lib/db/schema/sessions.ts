import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AiOutcome, AttentionFlag, Channel, HandoffReason, Sentiment, SessionStatus } from "../../domain";

/** One session per Front conversation: what the Inbox lists. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Human-friendly number shown as #1042. */
    ticketNumber: integer("ticket_number").generatedAlwaysAsIdentity({ startWith: 1001 }).notNull().unique(),
    frontConversationId: text("front_conversation_id").notNull().unique(),
    /** voice | email | sms | whatsapp | web */
    channel: text("channel").$type<Channel>().notNull(),
    /** ai_answering | answered | handed_off | resolved | skipped | failed */
    status: text("status").$type<SessionStatus>().notNull(),
    subject: text("subject"),
    contactHandle: text("contact_handle"),
    contactName: text("contact_name"),
    /** The handle normalised (E.164 phone, lower-case email) so a contact's sessions can be linked. */
    contactKey: text("contact_key"),
    /** angry | frustrated | neutral | positive */
    sentiment: text("sentiment").$type<Sentiment>(),
    summary: text("summary"),
    /** The latest handoff's reason, kept here so the Inbox and reports filter without a join. */
    handoffReason: text("handoff_reason").$type<HandoffReason>(),
    /** Why the AI did not take part (status skipped), or why it failed. */
    statusReason: text("status_reason"),
    /** Something a lead must act on: handoff_incomplete (comment posted, unassign failed) | reply_not_delivered. */
    flag: text("flag").$type<AttentionFlag>(),
    /** The latest customer words, for the Inbox row. */
    preview: text("preview"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /**
     * What the AI last did on the session, written only when the AI acts, never by later human work:
     * answered (reply, text-back, draft or note with its answer delivered) | handed_off | failed | skipped (the AI
     * never took part). `status` is where the conversation is now; this is what the reports judge the AI by.
     */
    aiOutcome: text("ai_outcome").$type<AiOutcome>(),
    aiOutcomeAt: timestamp("ai_outcome_at", { withTimezone: true }),
    /** Human follow-up after the AI's latest act: a teammate's first reply, the first reopen. Cleared when the AI acts again. */
    humanRepliedAt: timestamp("human_replied_at", { withTimezone: true }),
    reopenedAt: timestamp("reopened_at", { withTimezone: true }),
    /** Demo history laid down by the sample-data generator; cleared from Settings. */
    isSample: boolean("is_sample").notNull().default(false),
  },
  (t) => [
    index("sessions_last_activity_idx").on(t.lastActivityAt, t.id),
    index("sessions_status_activity_idx").on(t.status, t.lastActivityAt, t.id),
    index("sessions_channel_activity_idx").on(t.channel, t.lastActivityAt, t.id),
    // Date ranges on created_at, bounded on last_activity_at (the Inbox's from/to and the reports).
    index("sessions_created_idx").on(t.createdAt, t.lastActivityAt),
    // "Needs attention" and the handoff-reason filter stay fast when those rows are rare.
    index("sessions_attention_idx")
      .on(t.lastActivityAt, t.id)
      .where(sql`status = 'failed' or flag is not null`),
    index("sessions_reason_activity_idx")
      .on(t.handoffReason, t.lastActivityAt, t.id)
      .where(sql`handoff_reason is not null`),
    index("sessions_contact_idx").on(t.contactKey, t.createdAt),
    // The AI's rates read their rollups, and sessions directly only for the day a window's edge falls on. Migration
    // 0009 adds INCLUDE (created_at, channel, ai_outcome, human_replied_at, reopened_at), which drizzle cannot write.
    index("sessions_ai_outcome_at_idx").on(t.aiOutcomeAt),
    // The Inbox's AI-outcome filter and the rates' drill-downs, in the list's order.
    index("sessions_ai_outcome_activity_idx").on(t.aiOutcome, t.lastActivityAt, t.id),
    // The search's "contains" match on contacts (ilike '%…%'), which a btree cannot serve: trigrams (pg_trgm).
    index("sessions_contact_name_trgm_idx").using("gin", t.contactName.op("gin_trgm_ops")),
    index("sessions_contact_handle_trgm_idx").using("gin", t.contactHandle.op("gin_trgm_ops")),
    index("sessions_contact_key_trgm_idx").using("gin", t.contactKey.op("gin_trgm_ops")),
  ],
);

export type Session = typeof sessions.$inferSelect;
