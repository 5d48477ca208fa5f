import { sql } from "drizzle-orm";
import { customType, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sessions } from "./sessions";

/** Postgres' tsvector, read back as its text form. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Messages of a session's conversation as Frontline saw them (customer, AI and human). */
export const sessionMessages = pgTable(
  "session_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    /** Front's `msg_` id; null for the AI's own replies until Front gives one. */
    frontMessageId: text("front_message_id").unique(),
    /** inbound | outbound */
    direction: text("direction").notNull(),
    /** customer | teammate | ai */
    authorType: text("author_type").notNull(),
    authorName: text("author_name"),
    /** Front's message type: call, email, sms, ... */
    messageType: text("message_type").notNull(),
    subject: text("subject"),
    /** What a lead reads: the full message as plain text. */
    text: text("text").notNull(),
    /** What the model reads: quoted history and signatures removed (null: same as text). */
    modelText: text("model_text"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The text's words for the Inbox search ('simple': no stemming, any language), kept by Postgres. Stored, so a
     * search that checks sessions one by one reads it instead of parsing every message again.
     */
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('simple', text)`),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("session_messages_session_idx").on(t.sessionId, t.sentAt),
    // The Inbox search over what customers and agents wrote.
    index("session_messages_search_idx").using("gin", t.search),
  ],
);

export type SessionMessage = typeof sessionMessages.$inferSelect;
