import type { Db } from "../db/client";
import { deleteAuditEntriesBefore } from "../db/queries/audit";
import { recordAudit, SYSTEM_ACTOR } from "./index";

const DAY_MS = 86_400_000;
/** AUDIT_RETENTION_DAYS' minimum, which the append-only trigger holds too. */
export const MIN_AUDIT_RETENTION_DAYS = 30;
/** Rows per transaction, so a first purge of years of log never holds a lock for long. */
const BATCH = 1_000;

/**
 * Audit-log retention (AUDIT_RETENTION_DAYS; unset: kept for ever): deletes the rows older than `days` and writes
 * one row saying how many went and up to when, so the log itself shows that it was shortened and by whom.
 */
export async function purgeAuditLog(db: Db, options: { days: number; now?: Date; batch?: number }): Promise<number> {
  // The database refuses a nearer cutoff anyway (migration 0012); saying so here names the mistake.
  if (!(options.days >= MIN_AUDIT_RETENTION_DAYS))
    throw new Error(`Audit retention must be at least ${MIN_AUDIT_RETENTION_DAYS} days.`);
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.days * DAY_MS);
  let deleted = 0;
  for (;;) {
    const part = await deleteAuditEntriesBefore(db, cutoff, options.batch ?? BATCH);
    deleted += part;
    if (part === 0) break;
  }
  if (deleted > 0) {
    await recordAudit(db, {
      actor: SYSTEM_ACTOR,
      action: "audit.purge",
      after: { deleted, olderThan: cutoff.toISOString(), retentionDays: options.days },
    });
  }
  return deleted;
}
