import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sessions } from "./sessions";

/** A write to Front on its way: what it is (reply, draft or comment), its exact body, and when it was decided. */
export interface DeliveryIntent {
  mode: "reply" | "draft" | "comment";
  body: string;
  /** ISO time, just before the write was sent. */
  at: string;
  /** A comment standing in for a reply or draft Front refused, and Front's words. */
  refused?: "reply" | "draft";
  error?: string;
  /** The channel and recipients of a reply or draft sent on a chosen channel (a caller texted back). */
  channelId?: string;
  to?: string[];
  /** A call's answer left as a note for the callback, and the session page's words for what happened. */
  callback?: boolean;
  deliveredAs?: string | null;
}

/** One AI run per customer turn. Its outcome is stored before delivery so a retried job resumes, never re-asks. */
export const agentRuns = pgTable(
  "agent_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    /** The customer message this run answers. */
    triggerMessageId: text("trigger_message_id").notNull(),
    webhookEventId: integer("webhook_event_id"),
    model: text("model").notNull(),
    /** running | completed | failed */
    status: text("status").notNull(),
    /** reply | handoff */
    outcome: text("outcome"),
    replyText: text("reply_text"),
    /** pending | delivered | failed */
    deliveryStatus: text("delivery_status"),
    frontMessageUid: text("front_message_uid"),
    /**
     * The answer's Front write about to be made, saved before it is sent. A retry that finds it with no record of
     * the result looks in Front for the write before making it again (lib/pipeline/front-writes.ts).
     */
    deliveryIntent: jsonb("delivery_intent").$type<DeliveryIntent>(),
    error: text("error"),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    /** US dollars by the price table when the run finished; null when the model had no price. */
    costUsd: doublePrecision("cost_usd"),
    /** When the triggering webhook arrived: the start of the customer's wait. */
    receivedAt: timestamp("received_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    unique("agent_runs_session_trigger_key").on(t.sessionId, t.triggerMessageId),
    index("agent_runs_session_idx").on(t.sessionId, t.startedAt),
  ],
);

export type AgentRun = typeof agentRuns.$inferSelect;
