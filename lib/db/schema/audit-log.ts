import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * Every admin change, one row each, append-only: a trigger (migration 0011) refuses UPDATE and DELETE, except the
 * foreign key's own `set null` when the actor's account is deleted (the copied email and name stay). Written only by
 * recordAudit (lib/audit), which masks secrets and keeps only what changed in `before` and `after`.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Null for a change made outside a signed-in session (`npm run user:create`, ADMIN_EMAIL) or by a deleted user. */
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Copied when the row is written, so the row still says who after the account changes or goes. */
    actorEmail: text("actor_email"),
    actorName: text("actor_name"),
    /** What was done, dotted: `settings.ai.update`, `actions.delete`, `knowledge.import`, `sample_data.clear`… */
    action: text("action").notNull(),
    /** What it was done to: an id or a name ("Gift cards", "order_status", an event id). */
    target: text("target"),
    /** The changed keys before the change (secrets as markers); null for a creation. */
    before: jsonb("before").$type<Record<string, unknown> | null>(),
    /** The changed keys after the change (secrets as markers); null for a deletion. */
    after: jsonb("after").$type<Record<string, unknown> | null>(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at, t.id),
    index("audit_log_action_idx").on(t.action, t.id),
    index("audit_log_actor_idx").on(t.actorId),
  ],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
