// Shared by the fault tests: a fresh Postgres database, the Front simulator over real HTTP, real Frontline processes
// (`npm run worker`, `next start`) started in their own process groups so a kill -9 takes the whole process and
// nothing outlives the test, and the checks that every event was processed exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { expect } from "vitest";
import { openDatabase, rowsOf, type Database } from "@/lib/db/client";
import { agentRuns, jobs, webhookEvents } from "@/lib/db/schema";
import { createFrontSimulator, type FrontSimulator } from "@/front-sim";
import { seedSampleData } from "@/lib/runtime";
import { serveWebhook } from "../helpers/pipeline-harness";

export const SERVER_URL = process.env.TEST_DATABASE_URL;
export const NEEDS_POSTGRES =
  "fault tests run real processes that share a database: set TEST_DATABASE_URL (.ci/run does)";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LOG_DIR = path.join(ROOT, "test-results", "faults");
const SECRETS = { apiToken: "faults-token", appSecret: "faults-app-secret", ruleSecret: "faults-rule-secret" };
export const AI_TEAMMATE = "tea_ai01";

/** What the offline model does with each: answers it, or hands the conversation to a person. */
export const REPLY_QUESTIONS = [
  "Hi, how do I reset my password? The reset email never arrives.",
  "How do I change the billing email on my account?",
  "How can I track my order and when will it arrive?",
  "What are your opening hours?",
  "How do I update my payment card?",
];
export const WANTS_A_PERSON =
  "I was charged twice for my March invoice. I want to talk to a real person right now, this is ridiculous.";

// ---- processes ----

export interface RunningProcess {
  name: string;
  pid: number;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
  /** Resolves when a line of output matches. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Signals the whole process group (tsx, Next.js and anything they started). */
  kill(signal: NodeJS.Signals): void;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Every process a test started, killed: afterAll calls this, and so does the test process's exit. */
export function killAllProcesses(): void {
  for (const child of running) killGroup(child, "SIGKILL");
}
process.once("exit", killAllProcesses);

/** Only what the test gives (and PATH, HOME): nothing from the runner's environment leaks into the process. */
function processEnvOf(env: Record<string, string>): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? tmpdir(),
  };
  return Object.assign(childEnv, env);
}

export function startProcess(name: string, args: string[], env: Record<string, string>): RunningProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(path.join(LOG_DIR, `${name}.log`));
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // Its own process group: a kill reaches every process under it, and a test-runner Ctrl-C does not race us.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: processEnvOf(env),
  });
  running.add(child);
  const watchers = new Set<{ pattern: RegExp; resolve: () => void }>();
  let output = "";
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString("utf8")).slice(-20_000);
    for (const watcher of watchers) if (watcher.pattern.test(output)) watcher.resolve();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      log.end();
      resolve(signal ?? String(code));
    });
  });
  return {
    name,
    pid: child.pid!,
    exited,
    kill: (signal) => killGroup(child, signal),
    waitForOutput(pattern, timeoutMs = 60_000) {
      if (pattern.test(output)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const watcher = {
          pattern,
          resolve: () => {
            clearTimeout(timer);
            watchers.delete(watcher);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          watchers.delete(watcher);
          reject(
            new Error(
              `${name} did not print ${pattern} within ${timeoutMs}ms; its output ends:\n${output.slice(-2_000)}`,
            ),
          );
        }, timeoutMs);
        watchers.add(watcher);
        void exited.then((how) => {
          if (!watchers.has(watcher)) return;
          clearTimeout(timer);
          watchers.delete(watcher);
          reject(
            new Error(`${name} exited (${how}) before printing ${pattern}; its output ends:\n${output.slice(-2_000)}`),
          );
        });
      });
    },
  };
}

/** A free port in 5600–5699, the range these tests may use on a shared machine. */
export async function freePort(): Promise<number> {
  const start = 5600 + Math.floor(Math.random() * 100);
  for (let offset = 0; offset < 100; offset++) {
    const port = 5600 + ((start - 5600 + offset) % 100);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("no free port in 5600-5699");
}

// ---- the environment: database, simulator, the settings every Frontline process gets ----

export interface FaultEnvironment {
  database: Database;
  databaseUrl: string;
  sim: FrontSimulator;
  /** The environment a Frontline process runs with (add APP_URL, PORT, ... per process). */
  processEnv(extra?: Record<string, string>): Record<string, string>;
  /** Serves the webhook in this test process (for tests whose subject is the worker, not the web process). */
  serveIngestHere(): Promise<void>;
  startWorker(name: string, leaseMs: number): RunningProcess;
  close(): Promise<void>;
}

export async function startFaultEnvironment(): Promise<FaultEnvironment> {
  const name = `frontline_faults_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(SERVER_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL!);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = await openDatabase({ url: databaseUrl, maxConnections: 3 });
  await seedSampleData(database.db);

  // Front's rate limit has its own tests: here the simulator announces a budget that never gets in the way.
  const sim = await createFrontSimulator({ ...SECRETS, rateLimitPerMinute: 100_000 });
  const dataDir = mkdtempSync(path.join(tmpdir(), "frontline-faults-"));
  const encryptionKey = randomBytes(32).toString("hex");
  let ingest: Server | undefined;

  const processEnv = (extra: Record<string, string> = {}) => ({
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: encryptionKey,
    BETTER_AUTH_SECRET: "faults-auth-secret-faults-auth-secret-0123",
    FRONT_API_BASE_URL: sim.url,
    FRONT_API_TOKEN: SECRETS.apiToken,
    FRONT_APP_SECRET: SECRETS.appSecret,
    FRONT_RULE_WEBHOOK_SECRET: SECRETS.ruleSecret,
    FRONT_AI_TEAMMATE_ID: AI_TEAMMATE,
    FRONT_RATE_LIMIT_PER_MINUTE: "10000",
    AI_MODEL: "local",
    WORKER_CONCURRENCY: "4",
    ...extra,
  });

  return {
    database,
    databaseUrl,
    sim,
    processEnv,
    async serveIngestHere() {
      const served = await serveWebhook({
        db: database.db,
        appSecret: SECRETS.appSecret,
        ruleSecret: SECRETS.ruleSecret,
        connectedCompany: async () => ({ id: sim.companyId }),
      });
      ingest = served.server;
      sim.configure({ webhookUrl: served.url });
    },
    startWorker(processName, leaseMs) {
      return startProcess(
        processName,
        ["--import", "tsx", "scripts/worker.ts"],
        processEnv({ WORKER_LEASE_MS: String(leaseMs) }),
      );
    },
    async close() {
      killAllProcesses();
      await sim.close();
      if (ingest) await new Promise((resolve) => ingest!.close(resolve));
      await database.close();
      const cleanup = postgres(SERVER_URL!, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- load ----

export interface PlacedConversation {
  conversationId: string;
  /** What the offline model does with it. */
  expected: "reply" | "handoff";
  /** The customer's messages, oldest first. */
  messageIds: string[];
  eventIds: string[];
}

/** Conversations of one or more customer messages; every fourth single-message one asks for a person. */
export function planConversations(count: number, messagesEach: (index: number) => number = () => 1) {
  return Array.from({ length: count }, (_, index) => {
    const messages = messagesEach(index);
    const handoff = messages === 1 && index % 4 === 3;
    const texts = handoff
      ? [WANTS_A_PERSON]
      : Array.from({ length: messages }, (_, turn) => REPLY_QUESTIONS[(index + turn) % REPLY_QUESTIONS.length]);
    return { index, expected: handoff ? ("handoff" as const) : ("reply" as const), texts };
  });
}

/**
 * Customers write in through the simulator, `parallel` conversations at a time (each lane pausing `pauseMs` between
 * conversations); each conversation's messages are sent in a row. Deliveries that fail (the app is down) are left for the test to redeliver, as Front would retry.
 */
export async function placeConversations(
  sim: FrontSimulator,
  plan: ReturnType<typeof planConversations>,
  { parallel = 8, pauseMs = 0 }: { parallel?: number; pauseMs?: number } = {},
): Promise<PlacedConversation[]> {
  const placed: PlacedConversation[] = [];
  let next = 0;
  async function lane() {
    while (next < plan.length) {
      const { index, expected, texts } = plan[next++];
      let conversationId: string | undefined;
      const conversation: PlacedConversation = { conversationId: "", expected, messageIds: [], eventIds: [] };
      for (const text of texts) {
        const result = await sim.sendMessage({
          messageType: "email",
          conversationId,
          from: `customer${index}@example.com`,
          subject: `Question ${index}`,
          text,
        });
        conversationId = result.conversationId;
        conversation.conversationId = conversationId;
        conversation.messageIds.push(result.messageId!);
        conversation.eventIds.push(result.eventId);
      }
      placed.push(conversation);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  await Promise.all(Array.from({ length: parallel }, () => lane()));
  return placed;
}

/** Events the simulator sent whose last delivery was not answered 2xx. */
export function unacknowledgedEvents(sim: FrontSimulator): string[] {
  const last = new Map<string, number>();
  for (const delivery of sim.deliveries) if (delivery.eventId) last.set(delivery.eventId, delivery.result.status);
  return [...last].filter(([, status]) => status < 200 || status >= 300).map(([eventId]) => eventId);
}

// ---- progress and checks ----

export async function countDecided(database: Database): Promise<number> {
  const [row] = rowsOf<{ count: string | number }>(
    await database.db.execute(
      sql`select count(*) as count from webhook_events where signature_result = 'valid' and decision <> 'queued'`,
    ),
  );
  return Number(row.count);
}

export async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until every job is finished (done or failed): nothing pending, nothing held by a worker. */
export async function waitForQuietQueue(database: Database, expectedJobs: number, timeoutMs: number): Promise<void> {
  await waitUntil(
    `all ${expectedJobs} jobs are finished`,
    async () => {
      const [row] = rowsOf<{ total: string | number; open: string | number }>(
        await database.db.execute(
          sql`select count(*) as total, count(*) filter (where state in ('pending', 'active')) as open from jobs`,
        ),
      );
      return Number(row.total) >= expectedJobs && Number(row.open) === 0;
    },
    timeoutMs,
  );
}

/**
 * Exactly once, from both sides: in Front (the simulator) each conversation has exactly one outcome per customer
 * message, a reply each, or one handoff comment and one unassign; in the database every accepted event was
 * stored once, its job finished once, and there is one delivered run per customer message.
 */
export async function expectEachEventProcessedOnce(
  database: Database,
  sim: FrontSimulator,
  placed: PlacedConversation[],
): Promise<void> {
  const outcomes = placed.map(({ conversationId, expected, messageIds }) => {
    const view = sim.getConversation(conversationId)!;
    // Changes that changed something: a retried unassign of an already unassigned conversation leaves Front as it was.
    const unassigns = view.assigneeChanges.filter(
      (change) => change.via === "api" && change.toId === null && change.fromId !== null,
    ).length;
    return {
      conversationId,
      expected,
      outcome: { replies: view.replies.length, comments: view.comments.length, unassigns, drafts: view.drafts.length },
      wanted:
        expected === "reply"
          ? { replies: messageIds.length, comments: 0, unassigns: 0, drafts: 0 }
          : { replies: 0, comments: 1, unassigns: 1, drafts: 0 },
    };
  });
  expect(outcomes.filter((row) => JSON.stringify(row.outcome) !== JSON.stringify(row.wanted))).toEqual([]);

  const eventIds = placed.flatMap((conversation) => conversation.eventIds);
  const events = await database.db.select().from(webhookEvents).where(eq(webhookEvents.signatureResult, "valid"));
  expect(events.map((event) => event.frontEventId).sort()).toEqual([...eventIds].sort());
  expect(
    events
      .filter((event) => event.decision !== "processed")
      .map((event) => `${event.frontEventId}: ${event.decision} ${event.error ?? ""}`),
  ).toEqual([]);

  const allJobs = await database.db.select().from(jobs);
  expect(
    allJobs.filter((job) => job.state !== "done").map((job) => `${job.id}: ${job.state} ${job.lastError ?? ""}`),
  ).toEqual([]);
  expect(allJobs).toHaveLength(eventIds.length);

  const runs = await database.db.select().from(agentRuns).orderBy(asc(agentRuns.startedAt));
  const messageIds = placed.flatMap((conversation) => conversation.messageIds);
  expect(runs.map((run) => run.triggerMessageId).sort()).toEqual([...messageIds].sort());
  expect(runs.filter((run) => run.deliveryStatus !== "delivered")).toEqual([]);
}
