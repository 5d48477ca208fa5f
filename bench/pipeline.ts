// Pipeline benchmark: conversations placed through the Front simulator (real HTTP both ways), acknowledged by
// `next start` with its embedded worker off, then processed by separate `npm run worker` processes with the
// offline model. Two phases; in each, the workers warm up on 50 conversations, are paused while the measured ones
// are placed, then drain the full queue, so the drain is measured alone:
//   isolated   one worker taking one job at a time: the cost of one session with nothing competing for the CPU;
//   throughput two workers at their default concurrency: sessions per second for the fleet.
// Overhead is everything but model time: a job's run time (claimed → done, from the queue) minus the time its
// agent run spent in the model (agent_steps.duration_ms of reasoning and text steps).
//   npx tsx bench/pipeline.ts [--conversations 1000] [--isolated 200] [--workers 2] [--port 3910] [--sim-port 4910]
// Needs Postgres (worker processes share it): BENCH_DATABASE_URL or TEST_DATABASE_URL. Build first: npx next build
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { AI_TEAMMATE_ID, createFrontSimulator, SAMPLE_CONVERSATIONS, type FrontSimulator } from "../front-sim";
import { freshPostgres, startApp } from "./lib/app";
import { percentile, printTable, writeResult, type Row } from "./lib/report";

const { values: flags } = parseArgs({
  options: {
    conversations: { type: "string", default: "1000" },
    isolated: { type: "string", default: "200" },
    workers: { type: "string", default: "2" },
    port: { type: "string", default: "3910" },
    "sim-port": { type: "string", default: "4910" },
    /** Write each worker's CPU profile (.cpuprofile, open in Chrome DevTools) under bench/results/profiles/. */
    profile: { type: "boolean", default: false },
  },
});

const SECRETS = { apiToken: "bench-front-token", appSecret: "bench-app-secret" };
/** Conversations each phase's workers process before the measured ones. */
const WARM_UP = 50;

/** Places `count` conversations, cycling through the sample calls and messages, a few at a time. */
async function placeConversations(sim: FrontSimulator, count: number): Promise<number> {
  let next = 0;
  let failedDeliveries = 0;
  const placeOne = async () => {
    for (let index = next++; index < count; index = next++) {
      const sample = SAMPLE_CONVERSATIONS[index % SAMPLE_CONVERSATIONS.length];
      const result = sample.kind === "call" ? await sim.placeCall(sample.call) : await sim.sendMessage(sample.message);
      if (result.delivery.status < 200 || result.delivery.status >= 300) failedDeliveries++;
    }
  };
  await Promise.all(Array.from({ length: 16 }, placeOne));
  return failedDeliveries;
}

/** `npm run worker` processes (node with tsx's loader, so a CPU profile covers the worker itself). */
function startWorkers(count: number, env: Record<string, string>, profileDir?: string): Promise<ChildProcess[]> {
  const profiling = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, [...profiling, "--import", "tsx", "scripts/worker.ts"], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "inherit"],
      });
      return new Promise<ChildProcess>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("processing Front events")) resolve(child);
        });
        child.once("exit", (code) => reject(new Error(`a worker exited with ${code} before it was ready`)));
      });
    }),
  );
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map((worker) => {
      if (worker.exitCode !== null) return Promise.resolve();
      worker.kill("SIGTERM");
      return new Promise((resolve) => worker.once("exit", resolve));
    }),
  );
}

interface JobTiming {
  startedAt: Date;
  finishedAt: Date;
  runMs: number;
  modelMs: number;
}

async function waitForDrain(sql: postgres.Sql, expected: number): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const [{ done, open }] = await sql<{ done: number; open: number }[]>`
      select count(*) filter (where state in ('done', 'failed'))::int as done, count(*) filter (where state in ('pending', 'active'))::int as open from jobs`;
    if (done >= expected && open === 0) return;
    if (Date.now() > deadline) throw new Error(`the queue did not drain: ${done}/${expected} done, ${open} open`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every job finished since `since`, with how long it ran and how much of that was the model. */
async function jobTimings(sql: postgres.Sql, sinceJobId: number): Promise<JobTiming[]> {
  const rows = await sql<{ started_at: Date; finished_at: Date; run_ms: number; model_ms: number }[]>`
    select j.started_at, j.finished_at,
      extract(epoch from (j.finished_at - j.started_at)) * 1000 as run_ms,
      coalesce((select sum(s.duration_ms) from agent_runs r join agent_steps s on s.run_id = r.id
                where r.webhook_event_id = (j.payload->>'webhookEventId')::int and s.kind in ('reasoning', 'text')), 0)::float as model_ms
    from jobs j where j.id > ${sinceJobId} and j.state = 'done'`;
  return rows.map((row) => ({
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    runMs: Number(row.run_ms),
    modelMs: Number(row.model_ms),
  }));
}

/** CPU time in ms: of the whole machine (every core) from /proc/stat, or of one process from /proc/<pid>/stat. */
function machineCpuMs(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + (fields[4] ?? 0);
  return ((fields.reduce((sum, value) => sum + value, 0) - idle) * 1000) / CLOCK_TICKS;
}

function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** USER_HZ: 100 on Linux. */
const CLOCK_TICKS = 100;

interface Phase {
  name: string;
  conversations: number;
  workers: number;
  concurrency: number;
}

async function main() {
  const databaseUrl = await freshPostgres("frontline_bench_pipeline");
  if (!databaseUrl)
    throw new Error(
      "The pipeline benchmark needs Postgres (worker processes share it): set BENCH_DATABASE_URL or TEST_DATABASE_URL.",
    );
  const port = Number(flags.port);
  const appUrl = `http://127.0.0.1:${port}`;
  const sim = await createFrontSimulator({
    port: Number(flags["sim-port"]),
    ...SECRETS,
    webhookUrl: `${appUrl}/api/webhooks/front`,
    rateLimitPerMinute: 100_000,
  });
  const env = {
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    FRONT_API_BASE_URL: sim.url,
    FRONT_API_TOKEN: SECRETS.apiToken,
    FRONT_APP_SECRET: SECRETS.appSecret,
    FRONT_AI_TEAMMATE_ID: AI_TEAMMATE_ID,
    FRONT_HANDLE_UNASSIGNED: "true",
    // The benchmark measures Frontline, not Front's per-company budget (which caps a real fleet: docs/deploy.md).
    FRONT_RATE_LIMIT_PER_MINUTE: "10000",
    AI_MODEL: "local",
  };
  // The sample knowledge base, so the offline model answers the questions it covers (no sample history).
  const app = await startApp({
    port,
    databaseUrl,
    env: { ...env, EMBEDDED_WORKER: "false", SEED_SAMPLE_DATA: "true", SAMPLE_HISTORY_DAYS: "0" },
  });
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const phases: Phase[] = [
    { name: "isolated", conversations: Number(flags.isolated), workers: 1, concurrency: 1 },
    { name: "throughput", conversations: Number(flags.conversations), workers: Number(flags.workers), concurrency: 4 },
  ];
  const rows: Row[] = [];
  const results: Record<string, unknown>[] = [];
  let workers: ChildProcess[] = [];
  try {
    for (const phase of phases) {
      const profileDir = flags.profile
        ? path.join(process.cwd(), "bench", "results", "profiles", phase.name)
        : undefined;
      workers = await startWorkers(
        phase.workers,
        { ...env, WORKER_CONCURRENCY: String(phase.concurrency) },
        profileDir,
      );
      // Warm-up: the workers' first sessions compile and optimise their code; they are not measured.
      const [{ before }] = await sql<{ before: number }[]>`select count(*)::int as before from jobs`;
      await placeConversations(sim, WARM_UP);
      await waitForDrain(sql, before + WARM_UP);
      // Paused while the measured conversations are placed, so the queue is full when they start: their drain is
      // measured alone, without the acks competing for the CPU.
      for (const worker of workers) worker.kill("SIGSTOP");
      const [{ last }] = await sql<{ last: number }[]>`select coalesce(max(id), 0)::int as last from jobs`;
      const placedAt = Date.now();
      const failedDeliveries = await placeConversations(sim, phase.conversations);
      const ackSeconds = (Date.now() - placedAt) / 1000;
      // Where the CPU goes while the queue drains: the workers, and everything (Postgres, the simulator, the rest).
      const machineBefore = machineCpuMs();
      const workersBefore = workers.map((worker) => processCpuMs(worker.pid!));
      for (const worker of workers) worker.kill("SIGCONT");
      await waitForDrain(sql, before + WARM_UP + phase.conversations);
      const machineMs = machineCpuMs() - machineBefore;
      const workerMs = workers.reduce(
        (sum, worker, index) => sum + processCpuMs(worker.pid!) - workersBefore[index],
        0,
      );
      await stopWorkers(workers);
      workers = [];

      const timings = await jobTimings(sql, last);
      const first = Math.min(...timings.map((timing) => timing.startedAt.getTime()));
      const lastDone = Math.max(...timings.map((timing) => timing.finishedAt.getTime()));
      const sessionsPerSecond = timings.length / ((lastDone - first) / 1000);
      const overhead = timings.map((timing) => Math.max(0, timing.runMs - timing.modelMs)).sort((a, b) => a - b);
      const model = timings.map((timing) => timing.modelMs).sort((a, b) => a - b);
      const row: Row = {
        phase: phase.name,
        workers: `${phase.workers} × ${phase.concurrency}`,
        sessions: timings.length,
        "sessions/s": Number(sessionsPerSecond.toFixed(1)),
        "overhead p50 ms": Number(percentile(overhead, 50).toFixed(1)),
        "overhead p99 ms": Number(percentile(overhead, 99).toFixed(1)),
        "model p50 ms": Number(percentile(model, 50).toFixed(1)),
        "worker CPU ms/session": Number((workerMs / timings.length).toFixed(1)),
        "all CPU ms/session": Number((machineMs / timings.length).toFixed(1)),
        "acks/s": Math.round(phase.conversations / ackSeconds),
        "failed acks": failedDeliveries,
      };
      rows.push(row);
      results.push(row);
    }

    // Exactly one outcome per conversation: never two replies, never two handoff comments.
    const counts = Object.values(sim.counts);
    const duplicated = counts.filter((count) => count.replies > 1 || count.comments > 1).length;
    const [{ failed }] = await sql<
      { failed: number }[]
    >`select count(*)::int as failed from jobs where state = 'failed'`;
    const outcomes = await sql<
      { status: string; sessions: number }[]
    >`select status, count(*)::int as sessions from sessions group by status order by status`;

    const [isolated, throughput] = rows;
    // Measured in the same run: how far the fleet's rate scales past one worker taking one job at a time.
    isolated["× isolated"] = 1;
    throughput["× isolated"] = Number((Number(throughput["sessions/s"]) / Number(isolated["sessions/s"])).toFixed(2));
    printTable("Pipeline on Postgres (next start acks, `npm run worker` processes, offline model)", rows);
    const verdicts: Row[] = [
      {
        check: "≥ 100 sessions/s with two workers",
        measured: `${throughput["sessions/s"]}/s`,
        met: Number(throughput["sessions/s"]) >= 100,
      },
      {
        check: "overhead p50 < 20 ms (isolated)",
        measured: `${isolated["overhead p50 ms"]} ms`,
        met: Number(isolated["overhead p50 ms"]) < 20,
      },
      {
        check: "no job failed, nothing posted twice",
        measured: `${failed} failed, ${duplicated} duplicated`,
        met: failed === 0 && duplicated === 0,
      },
    ];
    printTable("Targets", verdicts);
    printTable(
      "Sessions by status",
      outcomes.map((outcome) => ({ status: outcome.status, sessions: outcome.sessions })),
    );
    const file = writeResult("pipeline", {
      database: "postgres",
      phases: results,
      verdicts,
      outcomes,
      failedJobs: failed,
      duplicated,
    });
    console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await stopWorkers(workers);
    await sql.end();
    await app.stop();
    await sim.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
