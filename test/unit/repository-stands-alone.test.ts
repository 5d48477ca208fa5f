// The repository stands alone (issue 14): someone who clones it from its public home has nothing beside it, so no
// file may read a path outside the repository (a sibling folder beside the clone, or one machine's absolute path).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(__dirname, "../..");
/** Built, installed or generated here; not part of the repository. */
const SKIPPED = new Set([
  ".git",
  "node_modules",
  ".next",
  ".data",
  "test-results",
  "playwright-report",
  "eval-results",
]);
const TEXT = /\.(ts|tsx|mts|mjs|js|json|jsonl|md|sql|sh|yml|yaml|css)$|^run$/;
/**
 * A path out of the repository: a sibling folder, or an absolute path of one machine. Written from its parts, so
 * this file does not itself hold the paths it looks for.
 */
const UP = ["", "", ""].join(".") + "/";
const OUTSIDE = new RegExp(
  [
    `(?:${escape(UP)})+shared\\b`,
    `${escape("/" + "work" + "/")}(?:shared|main)\\b`,
    "/home/[a-z]+/",
    "/Users/[A-Za-z]+/",
  ].join("|"),
);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) return [];
    if (stat.isDirectory()) return files(full);
    return TEXT.test(name) && stat.size < 5_000_000 ? [full] : [];
  });
}

describe("the repository", () => {
  it("refers to no path outside itself", () => {
    const offenders = files(ROOT).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) =>
          OUTSIDE.test(line) ? [`${path.relative(ROOT, file)}:${index + 1}: ${line.trim().slice(0, 120)}`] : [],
        ),
    );
    expect(offenders).toEqual([]);
  });
});
