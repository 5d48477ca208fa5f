import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { createTestDatabase } from "../helpers/db";

// Postgres only: PGlite runs in the process, with no round trips to save.
describe.skipIf(!process.env.TEST_DATABASE_URL)("the Postgres client", () => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  /** The statements this connection has prepared and kept (one connection in the pool, so always the same one). */
  async function preparedOn(db: Database["db"]): Promise<string[]> {
    return rowsOf<{ statement: string }>(await db.execute(sql`select statement from pg_prepared_statements`)).map(
      (row) => row.statement,
    );
  }

  it("runs drizzle's queries as prepared statements, inside transactions too", async () => {
    database = await createTestDatabase("postgres", { maxConnections: 1 });
    const { db } = database;
    await db
      .select()
      .from(sessions)
      .where(sql`${sessions.channel} = ${"voice"}`);
    await db.transaction(async (tx) => {
      await tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(sql`${sessions.status} = ${"answered"}`);
    });
    const prepared = await preparedOn(db);
    expect(prepared.some((statement) => statement.includes(`"channel" = $1`))).toBe(true);
    expect(prepared.some((statement) => statement.includes(`"status" = $1`))).toBe(true);
  });

  it("plans each execution for its parameters, never with a generic plan made on other data", async () => {
    // A generic plan of the queue's claim, made while the queue was empty, halved the workers' rate in a burst.
    database = await createTestDatabase("postgres", { maxConnections: 1 });
    const [setting] = rowsOf<{ plan_cache_mode: string }>(await database.db.execute(sql`show plan_cache_mode`));
    expect(setting.plan_cache_mode).toBe("force_custom_plan");
  });

  it("leaves them off when DATABASE_URL says prepare=false (for poolers that cannot keep them)", async () => {
    database = await createTestDatabase("postgres", { maxConnections: 1, urlParams: { prepare: "false" } });
    const { db } = database;
    await db
      .select()
      .from(sessions)
      .where(sql`${sessions.channel} = ${"voice"}`);
    expect(await preparedOn(db)).toEqual([]);
  });
});
