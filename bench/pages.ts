// Pages benchmark: first contentful paint and "data on screen" of every page in headless Chromium on localhost,
// against `next start` with 30 days of sample history, and the JavaScript each route ships (over the wire and
// unpacked). Each load is cold (a new browser context: no cache) and is repeated; the table shows medians.
//   npx tsx bench/pages.ts [--loads 5] [--port 3920] [--database-url postgres://…  (an existing database, e.g. the
//   data-scale one; otherwise a fresh one with sample history)]
// Postgres when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server, PGlite otherwise. Build first: npx next build
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "@playwright/test";
import { openDatabase } from "../lib/db/client";
import { seedSampleData } from "../lib/runtime";
import { generateSampleHistory } from "../lib/sample-data/generate";
import { freshPostgres, startApp } from "./lib/app";
import { printTable, writeResult, type Row } from "./lib/report";

const { values: flags } = parseArgs({
  options: {
    loads: { type: "string", default: "5" },
    port: { type: "string", default: "3920" },
    "database-url": { type: "string" },
  },
});

const ADMIN = { email: "bench-admin@frontline.local", password: "bench-admin-password-1" };
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** Each page, and what on it shows that its data has arrived. */
function pages(sessionId: string): Array<{ route: string; url: string; ready: string }> {
  return [
    { route: "/login", url: "/login", ready: "button[type=submit]" },
    { route: "/inbox", url: "/inbox", ready: `a[href^="/inbox/"]` },
    { route: "/inbox/[id]", url: `/inbox/${sessionId}`, ready: "main h1" },
    { route: "/reports", url: "/reports", ready: ".recharts-surface" },
    { route: "/troubleshooting", url: "/troubleshooting", ready: "main h1" },
    { route: "/settings/front", url: "/settings/front", ready: "form" },
    { route: "/settings/ai", url: "/settings/ai", ready: "form" },
    { route: "/settings/knowledge", url: "/settings/knowledge", ready: "main h1" },
    { route: "/settings/actions", url: "/settings/actions", ready: "main h1" },
    { route: "/settings/console", url: "/settings/console", ready: "main h1" },
  ];
}

interface Load {
  fcpMs: number;
  readyMs: number;
  scripts: number;
  jsWireKiB: number;
  jsKiB: number;
}

async function measure(page: Page, url: string, ready: string): Promise<Load> {
  await page.goto(url, { waitUntil: "load" });
  await page.locator(ready).first().waitFor({ state: "visible", timeout: 30_000 });
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter(
      (entry) => entry.initiatorType === "script" || entry.name.endsWith(".js"),
    );
    return {
      fcpMs: fcp,
      readyMs: performance.now(),
      scripts: scripts.length,
      jsWireKiB: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0) / 1024,
      jsKiB: scripts.reduce((sum, entry) => sum + entry.decodedBodySize, 0) / 1024,
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function signedInState(
  browser: Browser,
  baseURL: string,
): Promise<Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>> {
  const context = await browser.newContext({ baseURL });
  const response = await context.request.post("/api/auth/sign-in/email", { data: ADMIN });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function main() {
  const existing = flags["database-url"] ?? null;
  const databaseUrl = existing ?? (await freshPostgres("frontline_bench_pages"));
  let pgliteDir: string | undefined;
  if (!existing) {
    // Sample history written before the app starts, so every load sees the same data.
    const database = await openDatabase(
      databaseUrl
        ? { url: databaseUrl }
        : { pgliteDir: (pgliteDir = path.join(process.cwd(), ".data", "bench-pages")) },
    );
    await seedSampleData(database.db);
    await generateSampleHistory(database.db, { days: 30 });
    await database.close();
  }
  const app = await startApp({
    port: Number(flags.port),
    databaseUrl,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...(pgliteDir ? { PGLITE_DIR: pgliteDir } : {}) },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const storageState = await signedInState(browser, app.url);
    const probe = await browser.newContext({ baseURL: app.url, storageState });
    const list = await probe.request.get("/api/sessions?limit=1");
    const sessionId = ((await list.json()) as { sessions: Array<{ id: string }> }).sessions[0]?.id;
    await probe.close();
    if (!sessionId) throw new Error("no session to open");

    const loads = Number(flags.loads);
    const rows: Row[] = [];
    for (const { route, url, ready } of pages(sessionId)) {
      const samples: Load[] = [];
      // One warm-up load per page (the server's first render of a route reads its modules), then the measured ones.
      for (let index = 0; index <= loads; index++) {
        const context = await browser.newContext({
          baseURL: app.url,
          storageState: route === "/login" ? undefined : storageState,
        });
        const page = await context.newPage();
        const load = await measure(page, url, ready);
        if (index > 0) samples.push(load);
        await context.close();
      }
      const fcp = median(samples.map((sample) => sample.fcpMs));
      rows.push({
        route,
        "FCP ms": Math.round(fcp),
        "data shown ms": Math.round(median(samples.map((sample) => sample.readyMs))),
        scripts: samples[0].scripts,
        "JS KiB (gzip)": Math.round(samples[0].jsWireKiB),
        "JS KiB": Math.round(samples[0].jsKiB),
        "FCP < 1 s": fcp < 1000,
      });
    }
    // The sign-in page (no data, the smallest bundle) as the yardstick measured in the same run.
    const loginFcp = Number(rows[0]["FCP ms"]);
    for (const row of rows) row["FCP × /login"] = Number((Number(row["FCP ms"]) / loginFcp).toFixed(2));
    printTable(
      `Pages: cold loads in headless Chromium, medians of ${loads} (next start on ${databaseUrl ? "Postgres" : "PGlite"})`,
      rows,
    );
    const file = writeResult("pages", { database: databaseUrl ? "postgres" : "pglite", loads, rows });
    console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
