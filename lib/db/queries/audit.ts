import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, type AuditLogRow } from "../schema";

export interface AuditFilters {
  /** An action or the start of one at a dot: "settings" matches settings.ai.update and settings.front.update. */
  action?: string;
  /** Part of the actor's email or name, or their user id. */
  actor?: string;
  /** Rows at or after this instant. */
  from?: Date;
  /** Rows before this instant. */
  to?: Date;
  /** Paging, newest first: rows older than this id (the previous page's nextCursor). */
  cursor?: number;
  limit?: number;
}

export interface AuditPage {
  entries: AuditLogRow[];
  /** The cursor of the next (older) page; null on the last one. */
  nextCursor: number | null;
}

function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The audit log, newest first, filtered. Reads only: nothing in the app updates or deletes its rows. */
export async function listAuditEntries(db: Db, filters: AuditFilters = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(filters.limit ?? 50, 1), 200);
  const where: SQL[] = [];
  const action = filters.action?.trim().replace(/\.+$/, "");
  if (action) where.push(or(eq(auditLog.action, action), sql`${auditLog.action} like ${`${likeLiteral(action)}.%`}`)!);
  const actor = filters.actor?.trim();
  if (actor) {
    const pattern = `%${likeLiteral(actor)}%`;
    where.push(
      or(eq(auditLog.actorId, actor), ilike(auditLog.actorEmail, pattern), ilike(auditLog.actorName, pattern))!,
    );
  }
  if (filters.from) where.push(gte(auditLog.at, filters.from));
  if (filters.to) where.push(lt(auditLog.at, filters.to));
  if (filters.cursor !== undefined) where.push(lt(auditLog.id, filters.cursor));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1].id : null };
}

/**
 * Deletes up to `batch` audit rows older than `cutoff`, oldest first, in one transaction that declares the cutoff to
 * the append-only trigger (migration 0012): the trigger lets through deletes of older rows only.
 */
export async function deleteAuditEntriesBefore(db: Db, cutoff: Date, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('frontline.audit_purge_before', ${cutoff.toISOString()}, true)`);
    const oldest = tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(lt(auditLog.at, cutoff))
      .orderBy(asc(auditLog.id))
      .limit(batch);
    const deleted = await tx.delete(auditLog).where(inArray(auditLog.id, oldest)).returning({ id: auditLog.id });
    return deleted.length;
  });
}
