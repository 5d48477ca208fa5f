// A large, realistic session history for the "data at scale" benchmark (see scripts/lib/seed-scale.ts).
//   npm run seed:scale -- --sessions 1000000 --database-url postgres://postgres@127.0.0.1:5432/frontline_scale [--days 90] [--force]
// Without --database-url it uses DATABASE_URL, else PGlite in --pglite-dir. Migrations are applied first.
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/client";
import { SeedRefused, seedScale } from "./lib/seed-scale";

const { values: flags } = parseArgs({
  options: {
    sessions: { type: "string", default: "1000000" },
    days: { type: "string", default: "90" },
    chunk: { type: "string", default: "50000" },
    force: { type: "boolean", default: false },
    "database-url": { type: "string" },
    "pglite-dir": { type: "string", default: ".data/pglite" },
  },
});

async function main() {
  const url = flags["database-url"] ?? process.env.DATABASE_URL;
  const database = await openDatabase(url ? { url, maxConnections: 1 } : { pgliteDir: flags["pglite-dir"] });
  console.log(`[seed:scale] ${database.kind} open and migrated`);
  try {
    const summary = await seedScale(database.db, {
      sessions: Number(flags.sessions),
      days: Number(flags.days),
      chunkSize: Number(flags.chunk),
      force: flags.force,
      deferIndexes: true,
      onProgress: ({ done, total, elapsedMs, phase }) =>
        console.log(`[seed:scale] ${done}/${total} sessions (${phase}), ${(elapsedMs / 1000).toFixed(1)} s`),
    });
    console.log(JSON.stringify(summary, null, 2));
  } catch (error) {
    if (error instanceof SeedRefused) {
      console.error(`[seed:scale] refused: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
