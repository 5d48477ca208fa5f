import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "@/lib/db/client";

export type DbKind = "pglite" | "postgres";

/** PGlite always; Postgres too when TEST_DATABASE_URL names a server. */
export function dbKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * A fresh, migrated database of the given kind: in-memory PGlite, or a new database on the Postgres server (with
 * `postgres` options such as the pool size, and extra URL parameters).
 */
export async function createTestDatabase(
  kind: DbKind,
  options: { maxConnections?: number; urlParams?: Record<string, string> } = {},
): Promise<Database> {
  if (kind === "pglite") return openDatabase({ pgliteDir: "memory://" });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `frontline_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  for (const [key, value] of Object.entries(options.urlParams ?? {})) url.searchParams.set(key, value);
  const database = await openDatabase({ url: url.toString(), maxConnections: options.maxConnections ?? 5 });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
