// `npm run demo`: builds and starts Frontline on its embedded defaults (PGlite, the offline model) next to the
// Front simulator, then places sample calls and emails so the Inbox fills within a minute.
//
// Flags: --port 3000  --sim-port 4010  --data-dir .data/demo  --database-url postgres://…  --no-build
//        --no-samples  --no-history (skip the 30 days of sample history)  --keep-data (reuse the data directory instead of starting fresh)
//        --unconfigured (leave Settings → Front empty, to connect the simulator by hand)
// Before it builds or deletes anything it checks that both ports are free and that no live process holds the data
// directory, and refuses otherwise (naming the flag to change). Ctrl-C, SIGTERM or a kill of `npm run demo` stops
// Next.js's `next-server` process and the simulator, so the ports are free once the demo has exited.
// Sign in as admin@frontline.local / frontline-demo (ADMIN_EMAIL / ADMIN_PASSWORD, made by the app at start) or as
// viewer@frontline.local / frontline-viewer (VIEWER_EMAIL / VIEWER_PASSWORD, made here with the user:create code).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createAuth } from "../lib/auth/server";
import { loadAuthSecret } from "../lib/auth/secret";
import { COMMAND_LINE_ACTOR } from "../lib/audit";
import { createUserAccount } from "../lib/auth/users";
import { openDatabase } from "../lib/db/client";
import { pgliteHolder, pgliteLockFile } from "../lib/db/pglite-lock";
import { createFrontSimulator, SIM_PHONE_CHANNEL, SMS_CHANNEL_ADDRESS, SMS_CHANNEL_ID } from "../front-sim";
import { placeSamples } from "../front-sim/samples";
import { nextFreePort, portInUse } from "./lib/ports";
import { stopChild } from "./lib/stop-child";

const { values: flags } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    "sim-port": { type: "string", default: "4010" },
    "data-dir": { type: "string", default: ".data/demo" },
    "database-url": { type: "string" },
    "no-build": { type: "boolean", default: false },
    "no-samples": { type: "boolean", default: false },
    "no-history": { type: "boolean", default: false },
    "keep-data": { type: "boolean", default: false },
    unconfigured: { type: "boolean", default: false },
  },
});

// npm runs scripts from the project root.
const root = process.cwd();
const appPort = Number(flags.port);
const simPort = Number(flags["sim-port"]);
const appUrl = `http://localhost:${appPort}`;
const secrets = { apiToken: "demo-front-token", appSecret: "demo-app-secret", ruleSecret: "demo-rule-secret" };
/** The demo's sign-ins; the environment may name others. */
const admin = {
  email: process.env.ADMIN_EMAIL || "admin@frontline.local",
  password: process.env.ADMIN_PASSWORD || "frontline-demo",
};
const viewer = {
  email: process.env.VIEWER_EMAIL || "viewer@frontline.local",
  password: process.env.VIEWER_PASSWORD || "frontline-viewer",
};

/** True when the production build is missing or older than the sources. */
function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return !entry.name.startsWith(".") && entry.name !== "node_modules" && newer(full);
      return statSync(full).mtimeMs > builtAt;
    });
  return ["app", "components", "lib"].some((dir) => existsSync(path.join(root, dir)) && newer(path.join(root, dir)));
}

/** Stops the demo with a message on stderr, before anything was built, deleted or started. */
function refuse(lines: string[]): never {
  for (const line of lines) console.error(`[demo] ${line}`);
  process.exit(1);
}

/**
 * Everything that would make this start fail or harm another demo, checked before anything is built, deleted or
 * started: both ports free, and the data directory held by no live process (another demo on other ports).
 */
async function refuseWhatWouldClash(): Promise<void> {
  for (const [flag, port] of [
    ["--port", appPort],
    ["--sim-port", simPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      refuse([`${flag} ${flags[flag === "--port" ? "port" : "sim-port"]} is not a port number (1–65535).`]);
  }
  if (appPort === simPort)
    refuse([`--port and --sim-port are both ${appPort}: the app and the Front simulator need a port each.`]);
  const busy = [];
  if (await portInUse(appPort)) busy.push({ flag: "--port", port: appPort, what: "the app" });
  if (await portInUse(simPort)) busy.push({ flag: "--sim-port", port: simPort, what: "the Front simulator" });
  if (busy.length > 0) {
    const freeApp = busy.some((entry) => entry.flag === "--port")
      ? await nextFreePort(appPort + 1, [simPort])
      : appPort;
    const freeSim = busy.some((entry) => entry.flag === "--sim-port")
      ? await nextFreePort(simPort + 1, [freeApp])
      : simPort;
    const suggestion = busy.map((entry) => `${entry.flag} ${entry.flag === "--port" ? freeApp : freeSim}`).join(" ");
    refuse([
      ...busy.map(
        (entry) =>
          `Port ${entry.port} (${entry.what}, ${entry.flag}) is already in use: is a demo or another server running on it?`,
      ),
      "Nothing was built, deleted or started.",
      `Stop what holds it, or start this demo on free ports: npm run demo -- ${suggestion}${flags["database-url"] ? "" : " --data-dir .data/demo-2"}`,
    ]);
  }
  if (!flags["database-url"]) {
    const pgliteDir = path.join(path.resolve(root, flags["data-dir"]), "pglite");
    const holder = pgliteHolder(pgliteDir);
    if (holder !== null) {
      refuse([
        `The data directory ${flags["data-dir"]} is in use by process ${holder} (another demo or app on other ports?).`,
        "Nothing was built, deleted or started.",
        `Stop it, or give this demo a directory of its own: --data-dir .data/demo-2 (if no such process is running, delete ${pgliteLockFile(pgliteDir)}).`,
      ]);
    }
  }
}

async function waitForHealth(url: string, app: { exitCode: number | null }, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the app did not become healthy within ${timeoutMs / 1000}s`);
}

/** The viewer account, made before the app starts (PGlite has one owner at a time) with `npm run user:create`'s code. */
async function createViewer(store: { url?: string; pgliteDir?: string }, dataDir: string): Promise<void> {
  const database = await openDatabase({ url: store.url, pgliteDir: store.pgliteDir, maxConnections: 1 });
  try {
    const auth = createAuth({
      db: database.db,
      secret: loadAuthSecret({ envSecret: process.env.BETTER_AUTH_SECRET, dataDir }),
      appUrl,
    });
    const result = await createUserAccount(
      auth,
      { ...viewer, name: "Demo viewer", role: "viewer" },
      { db: database.db, actor: COMMAND_LINE_ACTOR },
    );
    if (result.status === "created") console.log(`[demo] created viewer ${result.user.email}`);
  } finally {
    await database.close();
  }
}

/**
 * Signs in as the admin through the sign-in API, as the browser does (with the app's origin: Node's fetch sends
 * fetch-metadata headers, so better-auth's CSRF check wants one), and returns the session cookie.
 */
async function signInAsAdmin(appBase: string): Promise<string> {
  const response = await fetch(`${appBase}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl },
    body: JSON.stringify(admin),
  });
  if (!response.ok) throw new Error(`could not sign in as ${admin.email}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Connects the app to the simulator through Settings → Front's own API, as an admin would in the page. */
async function connectFront(appBase: string): Promise<void> {
  const cookie = await signInAsAdmin(appBase);
  const response = await fetch(`${appBase}/api/settings/front`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      apiToken: secrets.apiToken,
      appSecret: secrets.appSecret,
      ruleSecret: secrets.ruleSecret,
      aiTeammateId: "tea_ai01",
      handleUnassigned: true,
      // The simulator's call channel is an application channel: its `custom` messages are calls once it is picked.
      phoneChannels: [SIM_PHONE_CHANNEL],
    }),
  });
  if (!response.ok) throw new Error(`could not save the Front settings: ${response.status} ${await response.text()}`);
  // Calls are answered by SMS from the simulator's SMS channel (Settings → AI → Delivery), as an admin would pick.
  const ai = await fetch(`${appBase}/api/settings/ai`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      delivery: { voice: "reply" },
      textBackChannel: { id: SMS_CHANNEL_ID, address: SMS_CHANNEL_ADDRESS, name: "SMS" },
    }),
  });
  if (!ai.ok) throw new Error(`could not save the AI settings: ${ai.status} ${await ai.text()}`);
  // Done with this session (the origin is the app's own, as better-auth asks of a signed-in POST).
  await fetch(`${appBase}/api/auth/sign-out`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: appUrl },
    body: "{}",
  }).catch(() => {});
}

/** Set once the app runs: stops it and the simulator, for a start that fails midway. */
let stopStarted: (() => Promise<void>) | null = null;

async function main() {
  await refuseWhatWouldClash();
  if (!flags["no-build"] && buildIsStale()) {
    console.log("[demo] building the app (next build)…");
    const build = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const dataDir = path.resolve(root, flags["data-dir"]);
  if (!flags["database-url"] && !flags["keep-data"]) rmSync(dataDir, { recursive: true, force: true });
  const pgliteDir = path.join(dataDir, "pglite");
  const appDataDir = flags["database-url"] ? path.resolve(root, ".data") : dataDir;
  await createViewer(flags["database-url"] ? { url: flags["database-url"] } : { pgliteDir }, appDataDir);

  const sim = await createFrontSimulator({
    port: simPort,
    ...secrets,
    webhookUrl: `http://127.0.0.1:${appPort}/api/webhooks/front`,
    emitEventsForApiWrites: true,
  });
  console.log(`[demo] Front simulator on ${sim.url}`);

  // Next.js's bin run by node itself: this child is the `next-server` process that holds the port (with `npx next`,
  // a SIGTERM stopped npx and left next-server running). See scripts/lib/stop-child.ts.
  const app = spawn(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(appPort)],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        APP_URL: appUrl,
        ...(flags["database-url"]
          ? { DATABASE_URL: flags["database-url"] }
          : { PGLITE_DIR: pgliteDir, DATABASE_URL: "" }),
        DATA_DIR: appDataDir,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        FRONT_API_BASE_URL: sim.url,
        SEED_SAMPLE_DATA: "true",
        ...(flags["no-history"] ? { SAMPLE_HISTORY_DAYS: "0" } : {}),
      },
    },
  );
  let stopping = false;
  /** Stops the app and the simulator: the ports are free when the demo exits. */
  stopStarted = async () => {
    stopping = true;
    await stopChild(app);
    await sim.close().catch(() => {});
  };
  const stop = async (code: number) => {
    if (stopping) return;
    await stopStarted?.();
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`[demo] ${signal}: stopping the app and the Front simulator…`);
    void stop(0);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
  // `kill <pid of npm run demo>`: npm passes the signal to the shell it ran this script with, and the shell dies without
  // passing it on. This process is then left to init: its parent changed, and it stops as for a signal.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) onSignal("SIGHUP");
  }, 500).unref();
  app.once("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[demo] the app exited (${signal ?? code})`);
    void stop(code || 1);
  });

  await waitForHealth(`http://127.0.0.1:${appPort}`, app);
  if (flags.unconfigured) {
    console.log(
      `[demo] Settings → Front is empty. Connect the simulator: token ${secrets.apiToken}, app secret ${secrets.appSecret}, AI teammate "Frontline AI".`,
    );
  } else {
    // A demo that cannot connect Front stops whole: the app is not left running without its simulator.
    await connectFront(`http://127.0.0.1:${appPort}`);
  }
  if (!flags["no-samples"]) {
    const placed = await placeSamples(sim);
    console.log(`[demo] placed ${placed.length} sample conversations through the simulator`);
  }
  console.log(
    [
      "",
      `  Frontline is running: ${appUrl}/inbox`,
      `  Sign in as admin:     ${admin.email} / ${admin.password}`,
      `  or as a viewer:       ${viewer.email} / ${viewer.password}`,
      `  Front simulator:      ${sim.url} (place more calls with POST ${sim.url}/_sim/calls)`,
      "",
    ].join("\n"),
  );
}

main().catch(async (error) => {
  console.error("[demo]", error instanceof Error ? error.message : error);
  // A demo that cannot finish starting stops whole: the app is not left running without its simulator.
  await stopStarted?.();
  process.exit(1);
});
