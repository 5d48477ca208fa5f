import { getConfig } from "../config";
import { openDatabase, type Database } from "./client";

export type { Db, Database } from "./client";

// Kept on globalThis: Next.js may load this module more than once (instrumentation, route bundles), and an
// embedded PGlite must be opened by exactly one owner in the process.
const globalForDb = globalThis as typeof globalThis & { __frontlineDatabase?: Promise<Database> };

/** The process's database, opened (and migrated) on first use from DATABASE_URL or PGLITE_DIR. */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.__frontlineDatabase) {
    const config = getConfig();
    globalForDb.__frontlineDatabase = openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR }).catch(
      (error) => {
        globalForDb.__frontlineDatabase = undefined;
        throw error;
      },
    );
  }
  return globalForDb.__frontlineDatabase;
}

export async function getDb() {
  return (await getDatabase()).db;
}
