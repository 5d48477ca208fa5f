// Webhook ack benchmark: signed Front deliveries against `next start`, side by side with GET /api/health on the
// same server. A fixed 200 req/s for 30 s (open loop, evenly paced: bench/lib/paced-load.ts), then closed-loop
// saturation with many connections (autocannon). Checks that every 2xx'd delivery is in the database.
//   npx tsx bench/webhook-ack.ts [--duration 30] [--saturation-duration 15] [--connections 64] [--port 3900]
// Postgres when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server, PGlite otherwise. Build first: npx next build
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type Result } from "autocannon";
import postgres from "postgres";
import { createFrontSimulator } from "../front-sim";
import { freshPostgres, startApp } from "./lib/app";
import { pacedLoad, type PacedResult } from "./lib/paced-load";
import { printTable, writeResult, type Row } from "./lib/report";

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "30" },
    "saturation-duration": { type: "string", default: "15" },
    connections: { type: "string", default: "64" },
    rate: { type: "string", default: "200" },
    port: { type: "string", default: "3900" },
  },
});

const APP_SECRET = "bench-app-secret";
const API_TOKEN = "bench-api-token";
const FIXTURE = readFileSync(
  path.join(process.cwd(), "test", "fixtures", "front", "fixtures", "app-inbound-call-question.json"),
  "utf8",
);

/** A new event (its own evt_ and cnv_ ids), signed as Front signs application webhooks. */
function signedDelivery(): { body: string; headers: Record<string, string> } {
  const id = randomUUID().replaceAll("-", "").slice(0, 20);
  const body = FIXTURE.replaceAll("evt_call002", `evt_${id}`).replaceAll("cnv_call002", `cnv_${id}`);
  const timestamp = String(Date.now());
  const signature = createHmac("sha256", APP_SECRET).update(`${timestamp}:${body}`).digest("base64");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-front-request-timestamp": timestamp,
      "x-front-signature": signature,
    },
  };
}

/** Front event ids the app acknowledged with a 2xx (its answer names the event): each must be in the database. */
const ackedEventIds = new Set<string>();

function recordAck(status: number, body: string): void {
  if (status < 200 || status >= 300) return;
  const id = (JSON.parse(body) as { id?: string }).id;
  if (id) ackedEventIds.add(id);
}

/** Evenly paced at `rate` per second, each answer timed from when its request was due. */
function paced(url: string, target: "webhook" | "health", rate: number, durationSeconds: number): Promise<PacedResult> {
  return pacedLoad(url, {
    rate,
    durationSeconds,
    request: () =>
      target === "webhook"
        ? { method: "POST", path: "/api/webhooks/front", ...signedDelivery() }
        : { method: "GET", path: "/api/health" },
    onResponse: target === "webhook" ? recordAck : undefined,
  });
}

/** Closed loop: `connections` clients each sending their next request as soon as the last is answered. */
async function load(
  url: string,
  target: "webhook" | "health",
  options: { connections: number; duration: number },
): Promise<Result> {
  const webhook = target === "webhook";
  return autocannon({
    url: `${url}${webhook ? "/api/webhooks/front" : "/api/health"}`,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    requests: [
      webhook
        ? {
            method: "POST",
            setupRequest: (request) => ({ ...request, method: "POST", ...signedDelivery() }),
            onResponse: recordAck,
          }
        : { method: "GET" },
    ],
  });
}

function row(name: string, result: Result | PacedResult, target?: number): Row {
  return {
    run: name,
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    "max ms": result.latency.max,
    "2xx": result["2xx"],
    "non-2xx": result.non2xx,
    errors: result.errors + result.timeouts,
    target: target === undefined ? "" : `p99 < ${target} ms`,
  };
}

async function main() {
  const databaseUrl = await freshPostgres("frontline_bench_ack");
  // Acks only: the embedded worker is off so processing does not share the CPU being measured (production runs
  // workers as their own processes, see docs/deploy.md).
  // A simulator answers GET /me only: an application webhook is taken for the company of the API token, which the
  // first delivery asks once (the fixture's authorization.id is the simulator's company).
  const sim = await createFrontSimulator({ apiToken: API_TOKEN, appSecret: APP_SECRET });
  const app = await startApp({
    port: Number(flags.port),
    databaseUrl,
    env: {
      FRONT_APP_SECRET: APP_SECRET,
      FRONT_API_TOKEN: API_TOKEN,
      FRONT_API_BASE_URL: sim.url,
      EMBEDDED_WORKER: "false",
    },
  });
  const duration = Number(flags.duration);
  const saturationDuration = Number(flags["saturation-duration"]);
  const connections = Number(flags.connections);
  const rate = Number(flags.rate);
  try {
    // Warm up the routes (first requests compile nothing in production, but open connections and caches).
    await load(app.url, "webhook", { connections: 4, duration: 3 });
    await load(app.url, "health", { connections: 4, duration: 2 });

    const fixedWebhook = await paced(app.url, "webhook", rate, duration);
    const fixedHealth = await paced(app.url, "health", rate, duration);
    const saturatedWebhook = await load(app.url, "webhook", { connections, duration: saturationDuration });
    const saturatedHealth = await load(app.url, "health", { connections, duration: saturationDuration });

    const acked = ackedEventIds.size;
    let stored: number | null = null;
    if (databaseUrl) {
      const sql = postgres(databaseUrl, { max: 1 });
      const [{ count }] = await sql<{ count: number }[]>`
        select count(*)::int as count from webhook_events where decision = 'queued' and front_event_id = any(${[...ackedEventIds]})`;
      stored = count;
      await sql.end();
    }
    const ratio = saturatedWebhook.requests.average / saturatedHealth.requests.average;
    const rows = [
      row(`webhook @ ${rate}/s`, fixedWebhook, 50),
      row(`health @ ${rate}/s`, fixedHealth),
      row(`webhook saturated (${connections} conn)`, saturatedWebhook),
      row(`health saturated (${connections} conn)`, saturatedHealth),
    ];
    printTable(`Webhook ack on ${databaseUrl ? "Postgres" : "PGlite"} (next start, worker off)`, rows);
    const verdicts: Row[] = [
      {
        check: `p99 at ${rate}/s < 50 ms`,
        measured: `${fixedWebhook.latency.p99} ms`,
        met: fixedWebhook.latency.p99 < 50,
      },
      { check: "saturation ≥ 50% of health", measured: `${(ratio * 100).toFixed(0)}%`, met: ratio >= 0.5 },
      {
        check: "no 2xx'd delivery lost",
        measured: stored === null ? "not checked (PGlite)" : `${stored} of ${acked} acked are stored`,
        met: stored === null ? null : stored === acked,
      },
    ];
    printTable("Targets", verdicts);
    const file = writeResult("webhook-ack", {
      database: databaseUrl ? "postgres" : "pglite",
      rate,
      duration,
      saturationDuration,
      connections,
      rows,
      verdicts,
      acked,
      stored,
    });
    console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await app.stop();
    await sim.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
