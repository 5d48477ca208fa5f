import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

/** The one database type the queries take: the same code runs on PGlite and on Postgres. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; when absent an embedded PGlite is used. */
  url?: string;
  /** Where PGlite keeps its files; "memory://" (or undefined) keeps everything in memory. */
  pgliteDir?: string;
  /** Connections in the postgres pool. */
  maxConnections?: number;
}

const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * drizzle sends every query unprepared, and postgres-js then asks the server to describe it before running it: two
 * round trips for each query. As named prepared statements (kept per connection) a repeated query takes one, and a
 * worker runs some twenty queries per event. A pooler that cannot keep them can turn them off with `?prepare=false` in
 * DATABASE_URL: postgres-js reads that setting for the whole client, and it overrides this.
 */
function preparedByDefault(client: postgres.Sql | postgres.TransactionSql): void {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query: string, args?: unknown, options?: postgres.UnsafeQueryOptions) => {
    // unsafe(query, options) is also a valid call.
    const [values, given] = Array.isArray(args)
      ? [args, options]
      : [[], args as postgres.UnsafeQueryOptions | undefined];
    return unsafe(query, values as never, { ...given, prepare: true });
  }) as typeof client.unsafe;
  // A transaction (and a savepoint inside one) runs its queries through a client of its own.
  const scoped = client as { begin?: (...args: unknown[]) => unknown; savepoint?: (...args: unknown[]) => unknown };
  for (const method of ["begin", "savepoint"] as const) {
    const original = scoped[method]?.bind(client);
    if (!original) continue;
    scoped[method] = (...args: unknown[]) => {
      const callback = args.pop() as (inner: postgres.TransactionSql) => unknown;
      return original(...args, (inner: postgres.TransactionSql) => {
        preparedByDefault(inner);
        return callback(inner);
      });
    };
  }
}

/**
 * The extensions the migrations create, which PGlite must load to run them: pg_trgm backs the Inbox's "contains"
 * search on contacts (migration 0006), as on Postgres.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** Opens the database and brings its schema up to date with the committed migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    await migratePostgresOnce(options.url);
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // Every execution planned for its own parameters, as unprepared queries are: a prepared statement's generic
      // plan, fixed after five runs, can be made while the job queue is empty and then crawl through a burst.
      connection: { plan_cache_mode: "force_custom_plan" },
    });
    preparedByDefault(client);
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const dir = options.pgliteDir && options.pgliteDir !== "memory://" ? path.resolve(options.pgliteDir) : undefined;
  if (dir) mkdirSync(dir, { recursive: true });
  // One process at a time (see pglite-lock.ts): a second one would work on a copy that the first never sees.
  const release = dir ? acquirePgliteLock(dir) : () => {};
  try {
    const client = new PGlite({ dataDir: dir, extensions: PGLITE_EXTENSIONS });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder });
    return {
      db,
      kind: "pglite",
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Any fixed number: the advisory lock that lets one process at a time migrate a shared Postgres. */
const MIGRATION_LOCK_ID = 4_815_162_342;

/**
 * Every process migrates on start, and web processes and workers often start together. Unlocked, they would run the
 * same DDL at once and fail (or hang) on each other's tables; with a session lock on one connection they take turns,
 * and the later ones find nothing left to do.
 */
async function migratePostgresOnce(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres(client, { schema }) as never, { migrationsFolder });
  } finally {
    // Ending the session releases the lock, also when a migration failed.
    await client.end({ timeout: 5 });
  }
}

/** Rows from `db.execute`, whose result shape differs between the two drivers. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Runs `work` in one transaction, handing it the transaction as the Db the queries take. */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}
