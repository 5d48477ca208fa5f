// Writes bench/results/README.md: every benchmark's latest tables and verdicts, read from bench/results/*.json, so
// the README can link one page that is always the latest run. `npm run bench` runs it last.
//   npx tsx bench/summary.ts
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type Cell = string | number | boolean | null | undefined;
type Row = Record<string, Cell>;

const RESULTS = path.join(process.cwd(), "bench", "results");
/** In the order a reader wants them, with the arrays of rows each one's JSON holds. */
const BENCHMARKS: Array<{ name: string; title: string; tables: string[]; notes?: string }> = [
  { name: "webhook-ack", title: "Webhook ack", tables: ["rows", "verdicts"] },
  { name: "pipeline", title: "Pipeline", tables: ["phases", "verdicts", "outcomes"] },
  { name: "data-scale", title: "Data at scale", tables: ["results"], notes: "../notes/data-scale-summary.md" },
  { name: "pages", title: "Pages", tables: ["rows"] },
  { name: "evals-public", title: "Public test set (evaluations)", tables: ["verdicts", "rows"] },
  { name: "evals-holdout", title: "Held-out test set (evaluations; never tuned on)", tables: ["rows"] },
];

function cell(value: Cell): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(1);
  if (typeof value === "boolean") return value ? "yes" : "**no**";
  return String(value ?? "").replaceAll("|", "\\|");
}

function table(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((column) =>
    rows.some((row) => typeof row[column] !== "object" || row[column] === null),
  );
  const lines = [`| ${columns.join(" | ")} |`, `|${columns.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${columns.map((column) => cell(row[column])).join(" | ")} |`);
  return lines.join("\n");
}

function section(benchmark: (typeof BENCHMARKS)[number]): string {
  const file = path.join(RESULTS, `${benchmark.name}.json`);
  if (!existsSync(file))
    return `## ${benchmark.title}\n\nNot run yet: \`npm run bench -- --only ${benchmark.name}\`.\n`;
  const result = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown> & {
    at: string;
    machine: Record<string, Cell>;
  };
  const machine = `${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}`;
  const parts = [
    `## ${benchmark.title}`,
    `Run ${result.at} on ${machine}${result.database ? `, ${String(result.database)}` : ""}. Raw: [\`${benchmark.name}.json\`](${benchmark.name}.json).`,
  ];
  if (benchmark.notes)
    parts.push(`Notes, plans and what changed: [${path.basename(benchmark.notes)}](${benchmark.notes}).`);
  for (const key of benchmark.tables) {
    const rows = result[key];
    if (Array.isArray(rows) && rows.length > 0) parts.push(table(rows as Row[]));
  }
  return `${parts.join("\n\n")}\n`;
}

const page = [
  "# Latest benchmark results",
  "",
  "Written by `npm run bench` (bench/summary.ts) from the JSON beside this file. What each benchmark measures, how, and",
  "what dominates each miss: [bench/README.md](../README.md). Absolute times drift between runs on a shared machine;",
  "compare the ratios measured in the same run.",
  "",
  ...BENCHMARKS.map(section),
].join("\n");
writeFileSync(path.join(RESULTS, "README.md"), page);
console.log(`wrote ${path.relative(process.cwd(), path.join(RESULTS, "README.md"))}`);
