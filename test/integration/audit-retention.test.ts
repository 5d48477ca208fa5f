import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, sql } from "drizzle-orm";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { purgeAuditLog } from "@/lib/audit/retention";
import { parseConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { createTestDatabase, dbKinds } from "../helpers/db";

// Audit-log retention (AUDIT_RETENTION_DAYS): the purge deletes exactly the rows older than the period and says so in
// the log; the log stays append-only for everything else, including a delete that names a cutoff of its own.

const DAY = 86_400_000;

/** Why the database refused `run` (drizzle wraps the database's error as its cause), or "not refused". */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const { cause, message } = error as Error & { cause?: Error };
    return cause?.message ?? message;
  }
  return "not refused";
}
const NOW = new Date("2026-06-01T12:00:00Z");

describe("AUDIT_RETENTION_DAYS", () => {
  it("is unset (kept for ever) by default, and at least 30 whole days", () => {
    expect(parseConfig({}).AUDIT_RETENTION_DAYS).toBeUndefined();
    expect(parseConfig({ AUDIT_RETENTION_DAYS: "365" }).AUDIT_RETENTION_DAYS).toBe(365);
    expect(() => parseConfig({ AUDIT_RETENTION_DAYS: "7" })).toThrow(/AUDIT_RETENTION_DAYS must be at least 30 days/);
    expect(() => parseConfig({ AUDIT_RETENTION_DAYS: "90.5" })).toThrow(/whole number of days/);
  });
});

describe.each(dbKinds())("audit-log retention on %s", (kind) => {
  let database: Database;
  const ages = [400, 366, 365.5, 364, 30, 1]; // days before NOW; a 365-day period deletes the first three

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(auditLog).values(
      ages.map((days) => ({
        at: new Date(NOW.getTime() - days * DAY),
        actorName: "Test",
        action: "settings.ai.update",
        target: `${days} days old`,
        after: { days },
      })),
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  const targets = async () =>
    (await database.db.select({ target: auditLog.target }).from(auditLog).orderBy(asc(auditLog.id))).map(
      (row) => row.target,
    );

  it("refuses a delete outside the purge, and a delete of rows newer than the declared cutoff", async () => {
    expect(
      await refusal(() => database.db.execute(sql`delete from audit_log where at < now() - interval '300 days'`)),
    ).toMatch(/append-only/);
    // A cutoff declared, but the rows asked for are newer than it: still refused, and nothing goes.
    const cutoff = new Date(NOW.getTime() - 365 * DAY).toISOString();
    expect(
      await refusal(() =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('frontline.audit_purge_before', ${cutoff}, true)`);
          await tx.execute(sql`delete from audit_log`);
        }),
      ),
    ).toMatch(/append-only/);
    expect(await refusal(() => database.db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
    // A cutoff nearer than 30 days is refused whatever rows it names: no cutoff can empty the recent log.
    const tooNear = new Date(Date.now() - 86_400_000).toISOString();
    expect(
      await refusal(() =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('frontline.audit_purge_before', ${tooNear}, true)`);
          await tx.execute(sql`delete from audit_log where at < ${cutoff}::timestamptz`);
        }),
      ),
    ).toMatch(/append-only/);
    await expect(purgeAuditLog(database.db, { days: 1 })).rejects.toThrow(/at least 30 days/);
    expect(await targets()).toHaveLength(ages.length);
  });

  it("deletes exactly the rows older than the period, in batches, and records that it did", async () => {
    expect(await purgeAuditLog(database.db, { days: 365, now: NOW, batch: 2 })).toBe(3);
    const left = await targets();
    expect(left.slice(0, 3)).toEqual(["364 days old", "30 days old", "1 days old"]);
    const [purge] = await database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'audit.purge'`);
    expect(purge).toMatchObject({
      actorId: null,
      actorName: SYSTEM_ACTOR.name,
      after: { deleted: 3, olderThan: new Date(NOW.getTime() - 365 * DAY).toISOString(), retentionDays: 365 },
    });

    // Nothing more to delete: no second purge row.
    expect(await purgeAuditLog(database.db, { days: 365, now: NOW })).toBe(0);
    expect(
      await database.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.action} = 'audit.purge'`),
    ).toHaveLength(1);
    // The declared cutoff lasted only for the purge's own transactions.
    expect(await refusal(() => database.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
  });
});
