// Benchmarks print a table and write JSON under bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type Row = Record<string, string | number | boolean | null>;

/** The nearest-rank percentile (lib/stats.ts), for the benchmarks that import it from here. */
export { percentile } from "../../lib/stats";

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const cell = (value: Row[string]) =>
    typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : String(value ?? "");
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]) => `| ${values.map((value, index) => value.padEnd(widths[index])).join(" | ")} |`;
  console.log(line(columns));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of rows) console.log(line(columns.map((column) => cell(row[column]))));
}

export function writeResult(name: string, result: Record<string, unknown>): string {
  const dir = path.join(process.cwd(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(
    file,
    `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine, ...result }, null, 2)}\n`,
  );
  return file;
}
