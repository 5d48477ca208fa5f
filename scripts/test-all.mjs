// `npm test`: every suite — lint, types, unit and database tests (PGlite, and Postgres when TEST_DATABASE_URL is
// set), the production build, the fault tests against real processes (Postgres only), and the browser tests —
// then one line: `N passed, N failed, N skipped`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
const env = { ...process.env, CI: process.env.CI ?? "true" };

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  return { ok: result.status === 0, seconds };
}

/** A check without its own test count (lint, types, build) counts as one test. */
function check(label, command, args) {
  const { ok, seconds } = run(label, command, args);
  totals[ok ? "passed" : "failed"] += 1;
  summary.push(`${label}: ${ok ? "ok" : "FAILED"} (${seconds}s)`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return true;
  console.log("\n=== installing Chromium from Debian's packages (apt-get)");
  const apt = (args) =>
    spawnSync("apt-get", args, { stdio: "inherit", env: { ...env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  if (!apt(["update"]) || !apt(["install", "-y", "--no-install-recommends", "chromium"])) {
    console.error("Could not install chromium: run `apt-get install chromium` as root, or set CHROMIUM_PATH.");
    return false;
  }
  return existsSync(path);
}

/** A vitest run whose counts join the totals; `name` labels its line in the summary and its JSON report. */
function vitestSuite(label, name, args) {
  const report = `test-results/${name}.json`;
  rmSync(report, { force: true });
  const result = run(label, "npx", [
    "vitest",
    "run",
    ...args,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  const counts = readJson(report);
  if (counts) {
    totals.passed += counts.numPassedTests;
    totals.failed += counts.numFailedTests;
    totals.skipped += counts.numPendingTests + (counts.numTodoTests ?? 0);
    summary.push(
      `${name}: ${counts.numPassedTests} passed, ${counts.numFailedTests} failed, ${counts.numPendingTests} skipped (${result.seconds}s)`,
    );
  }
  if (!result.ok && (!counts || counts.numFailedTests === 0)) {
    totals.failed += 1;
    summary.push(`${name}: FAILED to run`);
  }
}

async function main() {
  mkdirSync("test-results", { recursive: true });
  check("lint", "npx", ["eslint", "."]);
  check("format", "npx", ["prettier", "--check", "."]);
  check("typecheck", "npx", ["tsc", "--noEmit"]);

  vitestSuite("unit and database tests", "vitest", []);
  const built = check("build", "npx", ["next", "build"]);
  // Real processes (npm run worker, next start) killed mid-run on Postgres; the app's test needs the build.
  vitestSuite("fault tests (real processes)", "faults", ["--config", "vitest.faults.config.mts"]);
  if (built && ensureChromium()) {
    let e2eDatabase;
    if (process.env.TEST_DATABASE_URL) {
      const reset = run("fresh e2e database", "npx", ["tsx", "scripts/reset-e2e-database.ts"]);
      if (reset.ok) e2eDatabase = readFileSync("test-results/e2e-database-url", "utf8").trim();
    }
    const e2eReport = "test-results/e2e.json";
    rmSync(e2eReport, { force: true });
    const e2e = run("browser tests", "npx", ["playwright", "test"], {
      CI: "true",
      ...(e2eDatabase ? { E2E_DATABASE_URL: e2eDatabase } : {}),
    });
    const report = readJson(e2eReport);
    if (report?.stats) {
      const { expected, unexpected, skipped, flaky } = report.stats;
      totals.passed += expected + flaky;
      totals.failed += unexpected;
      totals.skipped += skipped;
      summary.push(`playwright: ${expected + flaky} passed, ${unexpected} failed (${e2e.seconds}s)`);
    }
    if (!e2e.ok && (!report?.stats || report.stats.unexpected === 0)) {
      totals.failed += 1;
      summary.push("playwright: FAILED to run");
    }
  } else {
    totals.failed += 1;
    summary.push("playwright: not run (no build or no Chromium)");
  }

  console.log(`\n=== summary\n${summary.map((line) => `  ${line}`).join("\n")}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

main();
