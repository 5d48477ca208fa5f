import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agentRuns } from "./agent-runs";
import { sessions } from "./sessions";
import type { HandoffReason, Sentiment } from "../../domain";

/** A handoff to a person: the Front comment and the unassign, each recorded once it happened. */
export const handoffs = pgTable(
  "handoffs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    runId: uuid("run_id")
      .notNull()
      .unique()
      .references(() => agentRuns.id, { onDelete: "cascade" }),
    /** user_requested_human_assistance | insufficient_knowledge | ... | error */
    reason: text("reason").$type<HandoffReason>().notNull(),
    summary: text("summary").notNull(),
    sentiment: text("sentiment").$type<Sentiment>().notNull(),
    /** Saved with commentSendingAt before the comment is posted, so a retry can look for it in Front. */
    commentBody: text("comment_body"),
    commentSendingAt: timestamp("comment_sending_at", { withTimezone: true }),
    frontCommentId: text("front_comment_id"),
    commentPostedAt: timestamp("comment_posted_at", { withTimezone: true }),
    unassignedAt: timestamp("unassigned_at", { withTimezone: true }),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The session page reads a session's handoffs (without it, a scan of every handoff), and deleting a session
  // cascades here.
  (t) => [index("handoffs_session_idx").on(t.sessionId, t.createdAt)],
);

export type Handoff = typeof handoffs.$inferSelect;
