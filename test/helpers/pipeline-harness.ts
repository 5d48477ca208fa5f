import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, type SQL } from "drizzle-orm";
import type { LanguageModel } from "ai";
import { createLocalModel } from "@/lib/agent/local-model";
import type { Database } from "@/lib/db/client";
import { sessions, webhookEvents, type Session, type WebhookEvent } from "@/lib/db/schema";
import { FrontClient } from "@/lib/front/client";
import type { RateLimiter } from "@/lib/front/rate-limiter";
import {
  createFrontSimulator,
  DEFAULT_COMPANY_ID,
  SIM_PHONE_CHANNEL,
  SMS_CHANNEL_ADDRESS,
  SMS_CHANNEL_ID,
  type FrontSimulator,
} from "@/front-sim";
import type { RunningWorker } from "@/lib/jobs/worker";
import type { PipelineContext } from "@/lib/pipeline/context";
import { seedSampleData, startPipelineWorker } from "@/lib/runtime";
import { receiveFrontWebhook } from "@/lib/webhooks/receive";
import type { HttpAction } from "@/lib/actions/http-action";
import { DEFAULT_AGENT_SETTINGS, type AgentSettings } from "@/lib/settings/ai-settings";
import type { FrontSettings } from "@/lib/settings/front-settings";
import { createTestDatabase, type DbKind } from "./db";

export const SECRETS = {
  apiToken: "harness-token",
  appSecret: "harness-app-secret",
  ruleSecret: "harness-rule-secret",
};
export const AI_TEAMMATE = "tea_ai01";

/**
 * The Front settings a harness starts with; tests that change them restore a copy of these. The simulator's call
 * channel is picked as a phone channel, as the demo does, so its `custom` calls are calls.
 */
export const HARNESS_FRONT_SETTINGS: FrontSettings = {
  apiToken: SECRETS.apiToken,
  appSecret: SECRETS.appSecret,
  ruleSecret: SECRETS.ruleSecret,
  aiTeammateId: AI_TEAMMATE,
  handleUnassigned: false,
  enabled: true,
  channels: { voice: true, email: true, sms: true, whatsapp: true, web: true },
  archiveOnReply: false,
  phoneChannels: [{ ...SIM_PHONE_CHANNEL }],
};

/** The simulator's SMS channel, from which the harness texts callers back (Settings → AI → Delivery). */
export const SIM_TEXT_BACK_CHANNEL = { id: SMS_CHANNEL_ID, address: SMS_CHANNEL_ADDRESS, name: "SMS" };

/**
 * Settings → AI a harness starts with: the defaults, but calls are texted back from the simulator's SMS channel, so
 * a call's answer reaches the caller as most tests expect. Tests of the callback note clear `textBackChannel`.
 */
export const HARNESS_AGENT_SETTINGS: AgentSettings = {
  ...DEFAULT_AGENT_SETTINGS,
  delivery: { ...DEFAULT_AGENT_SETTINGS.delivery, voice: "reply" },
  textBackChannel: SIM_TEXT_BACK_CHANNEL,
};

/**
 * No client-side pacing: for a FrontClient shared by a whole test file, where the limiter (tested on its own in
 * front-rate-limit.test.ts) would only ration the budget and slow the file down.
 */
export const UNLIMITED_RATE: RateLimiter = { acquire: async () => {}, pauseUntil: () => {}, observe: () => {} };

export interface Harness {
  database: Database;
  sim: FrontSimulator;
  context: PipelineContext;
  /** The settings the pipeline reads on each event; change them to change what the next event does. */
  settings: FrontSettings;
  /** Settings → AI as the pipeline reads it on each run; change it to change the next run. */
  agentSettings: AgentSettings;
  /** The custom HTTP actions the next run may call. */
  actions: HttpAction[];
  worker: RunningWorker;
  webhookUrl: string;
  /** The Front company the endpoint is connected to (the simulator's); its application webhooks must name it. */
  company: { id: string };
  /** Waits until the worker has decided what to do with a Front event, and returns its row. */
  waitForEvent(frontEventId: string, timeoutMs?: number): Promise<WebhookEvent>;
  /** The same for a stored row by its id, e.g. a re-run's attempt (which has no `evt_` id of its own). */
  waitForAttempt(webhookEventId: number, timeoutMs?: number): Promise<WebhookEvent>;
  /** The session of a Front conversation, as stored now (undefined when there is none, as a row read by index). */
  sessionOf(conversationId: string): Promise<Session>;
  /** Puts the settings back as the harness started with them and clears the simulator's faults and request log. */
  reset(): void;
  close(): Promise<void>;
}

/** Replaces every key of `target` with a fresh copy of `initial` (a test may have added keys, not only changed them). */
function restore<T extends object>(target: T, initial: T): void {
  for (const key of Object.keys(target)) delete (target as Record<string, unknown>)[key];
  Object.assign(target, structuredClone(initial));
}

/** Serves the real webhook handler over HTTP, as Next.js does, so the simulator delivers to it for real. */
export async function serveWebhook(
  options: Parameters<typeof receiveFrontWebhook>[1],
): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = await receiveFrontWebhook(request, options);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/front` };
}

export async function startHarness(
  kind: DbKind,
  options: {
    handleUnassigned?: boolean;
    model?: LanguageModel;
    settings?: Partial<FrontSettings>;
    agentSettings?: Partial<AgentSettings>;
  } = {},
): Promise<Harness> {
  const database = await createTestDatabase(kind);
  await seedSampleData(database.db);
  // Connected to the simulator's company, as Settings → Front is after saving the token (GET /me).
  const company = { id: DEFAULT_COMPANY_ID };
  const { server, url } = await serveWebhook({
    db: database.db,
    appSecret: SECRETS.appSecret,
    ruleSecret: SECRETS.ruleSecret,
    connectedCompany: async () => ({ id: company.id }),
  });
  const sim = await createFrontSimulator({ ...SECRETS, webhookUrl: url });
  const settings: FrontSettings = {
    ...structuredClone(HARNESS_FRONT_SETTINGS),
    handleUnassigned: options.handleUnassigned ?? false,
    ...options.settings,
  };
  // A deep copy: tests change nested settings (agentSettings.delivery.email = "draft"), never the shared defaults.
  const agentSettings: AgentSettings = {
    ...structuredClone(HARNESS_AGENT_SETTINGS),
    ...(options.model ? { model: "openai-compatible:stand-in" } : {}),
    ...options.agentSettings,
  };
  const initial = { settings: structuredClone(settings), agentSettings: structuredClone(agentSettings) };
  const actions: HttpAction[] = [];
  const model = options.model ?? createLocalModel();
  const context: PipelineContext = {
    db: database.db,
    front: new FrontClient({ baseUrl: sim.url, token: SECRETS.apiToken, backoffMs: 10, maxRetries: 2 }),
    loadAgentSettings: async () => agentSettings,
    modelFor: () => model,
    loadActions: async () => actions,
    loadSettings: async () => settings,
    appUrl: "http://frontline.test",
  };
  const worker = startPipelineWorker(context, { concurrency: 2, pollMs: 25, retryDelayMs: () => 50 });

  async function waitForRow(where: SQL, label: string, timeoutMs: number): Promise<WebhookEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await database.db.select().from(webhookEvents).where(where);
      if (row && row.decision !== "queued") return row;
      if (Date.now() > deadline) throw new Error(`${label} still ${row?.decision ?? "missing"} after ${timeoutMs}ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  const waitForEvent = (frontEventId: string, timeoutMs = 15_000) =>
    waitForRow(eq(webhookEvents.frontEventId, frontEventId), `event ${frontEventId}`, timeoutMs);
  const waitForAttempt = (id: number, timeoutMs = 15_000) =>
    waitForRow(eq(webhookEvents.id, id), `attempt ${id}`, timeoutMs);

  return {
    database,
    sim,
    context,
    settings,
    agentSettings,
    actions,
    worker,
    webhookUrl: url,
    company,
    waitForEvent,
    waitForAttempt,
    async sessionOf(conversationId) {
      const [session] = await database.db
        .select()
        .from(sessions)
        .where(eq(sessions.frontConversationId, conversationId));
      return session;
    },
    reset() {
      restore(settings, initial.settings);
      restore(agentSettings, initial.agentSettings);
      company.id = DEFAULT_COMPANY_ID;
      sim.clearFaults();
      sim.clearRequests();
    },
    async close() {
      await worker.stop();
      await sim.close();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}
