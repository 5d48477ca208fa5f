// Web processes and workers start together against one Postgres, and each migrates on start: they must take turns.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { openDatabase, rowsOf } from "@/lib/db/client";
import { sql } from "drizzle-orm";

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("migrations on a shared Postgres (needs TEST_DATABASE_URL)", () => {
  it("lets several processes open (and migrate) a fresh database at the same time", async () => {
    const name = `frontline_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    try {
      const opened = await Promise.allSettled(
        [1, 2, 3, 4].map(() => openDatabase({ url: url.toString(), maxConnections: 1 })),
      );
      const failures = opened.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
      for (const result of opened) if (result.status === "fulfilled") await result.value.close();
      expect(failures).toEqual([]);

      const check = await openDatabase({ url: url.toString(), maxConnections: 1 });
      const applied = rowsOf<{ count: string | number }>(
        await check.db.execute(sql`select count(*) as count from drizzle.__drizzle_migrations`),
      );
      await check.close();
      expect(Number(applied[0].count)).toBeGreaterThan(0);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
