// Times a full sample-history generation on a fresh database and prints the distribution it laid down.
//   npx tsx bench/sample-history.ts [--days 30] [--sessions 3000] [--database-url postgres://…]
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/client";
import { clearSampleData, countSampleSessions } from "../lib/db/queries/sample-data";
import { seedSampleData } from "../lib/runtime";
import { generateSampleHistory } from "../lib/sample-data/generate";

const { values: flags } = parseArgs({
  options: {
    days: { type: "string", default: "30" },
    sessions: { type: "string", default: "3000" },
    seed: { type: "string" },
    chunk: { type: "string", default: "25" },
    "database-url": { type: "string" },
    "pglite-dir": { type: "string", default: "memory://" },
  },
});

async function main() {
  const opened = Date.now();
  const database = await openDatabase(
    flags["database-url"] ? { url: flags["database-url"] } : { pgliteDir: flags["pglite-dir"] },
  );
  await seedSampleData(database.db);
  console.log(`[bench] ${database.kind} open, migrated and seeded in ${Date.now() - opened} ms`);
  let lastLog = 0;
  const cpuBefore = process.cpuUsage();
  const summary = await generateSampleHistory(database.db, {
    days: Number(flags.days),
    sessions: Number(flags.sessions),
    seed: flags.seed,
    chunkSize: Number(flags.chunk),
    onProgress: ({ done, total, elapsedMs }) => {
      if (elapsedMs - lastLog < 5_000 && done < total) return;
      lastLog = elapsedMs;
      console.log(`[bench] ${done}/${total} sessions, ${(elapsedMs / 1000).toFixed(1)} s`);
    },
  });
  console.log(JSON.stringify(summary, null, 2));
  const cpu = process.cpuUsage(cpuBefore);
  console.log(`[bench] generation CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  console.log(
    `[bench] ${summary.sessions} sessions in ${(summary.elapsedMs / 1000).toFixed(1)} s (${(summary.elapsedMs / summary.sessions).toFixed(1)} ms each); count check: ${await countSampleSessions(database.db)}`,
  );
  const clearing = Date.now();
  const cleared = await clearSampleData(database.db);
  console.log(`[bench] cleared ${JSON.stringify(cleared)} in ${Date.now() - clearing} ms`);
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
