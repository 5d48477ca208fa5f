// `npm run bench`: builds the app, then runs each benchmark in turn; each prints its table and writes
// bench/results/<name>.json. Run on a quiet machine: the numbers are only comparable within one run.
//   npm run bench [-- --only webhook-ack]
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const BENCHMARKS: { name: string; script: string; args?: string[]; needsBuild: boolean }[] = [
  { name: "webhook-ack", script: "bench/webhook-ack.ts", needsBuild: true },
  { name: "pipeline", script: "bench/pipeline.ts", needsBuild: true },
  { name: "pages", script: "bench/pages.ts", needsBuild: true },
  { name: "sample-history", script: "bench/sample-history.ts", needsBuild: false },
  { name: "evals", script: "bench/evals.ts", needsBuild: false },
  // Seeds a million sessions (minutes) unless frontline_scale already holds them: --reuse keeps it.
  { name: "data-scale", script: "bench/data-scale.ts", args: ["--reuse"], needsBuild: false },
];

const { values: flags } = parseArgs({
  options: { only: { type: "string" }, "no-build": { type: "boolean", default: false } },
});
const chosen = BENCHMARKS.filter((bench) => !flags.only || bench.name === flags.only);
if (chosen.length === 0) {
  console.error(`unknown benchmark '${flags.only}'; one of: ${BENCHMARKS.map((bench) => bench.name).join(", ")}`);
  process.exit(1);
}
if (!flags["no-build"] && chosen.some((bench) => bench.needsBuild)) {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
let failed = 0;
for (const bench of chosen) {
  console.log(`\n=== ${bench.name}`);
  const run = spawnSync("npx", ["tsx", bench.script, ...(bench.args ?? [])], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
// bench/results/README.md: the latest tables of every benchmark, on one page the README links.
spawnSync("npx", ["tsx", "bench/summary.ts"], { stdio: "inherit" });
process.exit(failed ? 1 : 0);
