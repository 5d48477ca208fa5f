// `npm run demo`: builds and starts Frontline on its embedded defaults (PGlite, the offline model) next to the
// Front simulator, then places sample calls and emails so the Inbox fills within a minute.
//
// Flags: --port 3000  --sim-port 4010  --data-dir .data/demo  --database-url postgres://…  --no-build
//        --no-samples  --keep-data (reuse the data directory instead of starting fresh)
//        --unconfigured (leave Settings → Front empty, to connect the simulator by hand)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createFrontSimulator } from "../lib/front-sim";
import { placeSamples } from "../lib/front-sim/samples";

const { values: flags } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    "sim-port": { type: "string", default: "4010" },
    "data-dir": { type: "string", default: ".data/demo" },
    "database-url": { type: "string" },
    "no-build": { type: "boolean", default: false },
    "no-samples": { type: "boolean", default: false },
    "keep-data": { type: "boolean", default: false },
    unconfigured: { type: "boolean", default: false },
  },
});

// npm runs scripts from the project root.
const root = process.cwd();
const appPort = Number(flags.port);
const appUrl = `http://localhost:${appPort}`;
const secrets = { apiToken: "demo-front-token", appSecret: "demo-app-secret", ruleSecret: "demo-rule-secret" };

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

async function waitForHealth(url: string, app: ChildProcess, timeoutMs = 120_000): Promise<void> {
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

/** Connects the app to the simulator through Settings → Front's own API, as an admin would in the page. */
async function connectFront(appBase: string): Promise<void> {
  const response = await fetch(`${appBase}/api/settings/front`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      apiToken: secrets.apiToken,
      appSecret: secrets.appSecret,
      ruleSecret: secrets.ruleSecret,
      aiTeammateId: "tea_ai01",
      handleUnassigned: true,
    }),
  });
  if (!response.ok) throw new Error(`could not save the Front settings: ${response.status} ${await response.text()}`);
}

async function main() {
  if (!flags["no-build"] && buildIsStale()) {
    console.log("[demo] building the app (next build)…");
    const build = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const dataDir = path.resolve(root, flags["data-dir"]);
  if (!flags["database-url"] && !flags["keep-data"]) rmSync(dataDir, { recursive: true, force: true });

  const sim = await createFrontSimulator({
    port: Number(flags["sim-port"]),
    ...secrets,
    webhookUrl: `http://127.0.0.1:${appPort}/api/webhooks/front`,
    emitEventsForApiWrites: true,
  });
  console.log(`[demo] Front simulator on ${sim.url}`);

  const app = spawn("npx", ["next", "start", "-p", String(appPort)], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      APP_URL: appUrl,
      ...(flags["database-url"] ? { DATABASE_URL: flags["database-url"] } : { PGLITE_DIR: path.join(dataDir, "pglite"), DATABASE_URL: "" }),
      DATA_DIR: flags["database-url"] ? path.resolve(root, ".data") : dataDir,
      AI_MODEL: "local",
      FRONT_API_BASE_URL: sim.url,
      SEED_SAMPLE_DATA: "true",
    },
  });
  const shutdown = async () => {
    app.kill("SIGTERM");
    await sim.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  app.once("exit", (code) => {
    console.error(`[demo] the app exited (${code})`);
    void sim.close().then(() => process.exit(code ?? 1));
  });

  await waitForHealth(`http://127.0.0.1:${appPort}`, app);
  if (flags.unconfigured) {
    console.log(`[demo] Settings → Front is empty. Connect the simulator: token ${secrets.apiToken}, app secret ${secrets.appSecret}, AI teammate "Frontline AI".`);
  } else {
    await connectFront(`http://127.0.0.1:${appPort}`);
  }
  if (!flags["no-samples"]) {
    const placed = await placeSamples(sim);
    console.log(`[demo] placed ${placed.length} sample conversations through the simulator`);
  }
  console.log(`\n  Frontline is running: ${appUrl}/inbox\n  Front simulator:      ${sim.url} (place more calls with POST ${sim.url}/_sim/calls)\n`);
}

main().catch((error) => {
  console.error("[demo]", error instanceof Error ? error.message : error);
  process.exit(1);
});
