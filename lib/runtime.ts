import { getAuth } from "./auth/server";
import { ensureFirstAdmin } from "./auth/users";
import { getConfig, type Config } from "./config";
import { getDatabase } from "./db";
import type { Db } from "./db/client";
import { countKnowledgeArticles } from "./db/queries/knowledge";
import { compactWeeklyHistograms } from "./db/queries/report-rollups";
import { ensureKnowledgeChunks, insertKnowledgeArticles } from "./knowledge/articles";
import { PIPELINE_QUEUE } from "./db/queries/webhook-events";
import { createModel } from "./agent/model";
import { FrontClient } from "./front/client";
import { SharedRateLimiter } from "./front/shared-rate-limiter";
import { startWorker, type RunningWorker } from "./jobs/worker";
import { SAMPLE_ARTICLES } from "./knowledge/sample-articles";
import { startSampleHistory } from "./sample-data";
import { markEventFailed } from "./pipeline/failures";
import type { PipelineContext } from "./pipeline/context";
import { processWebhookEvent } from "./pipeline/process-event";
import { loadEncryptionKey } from "./secrets/encryption";
import { ActionsStore } from "./settings/actions-store";
import { AgentSettingsStore } from "./settings/ai-settings";
import { FrontSettingsStore } from "./settings/front-settings";
import { purgeExpired } from "./retention";
import { purgeAuditLog } from "./audit/retention";

/**
 * One Front client for the process. Its token is read from the settings, and its rate budget is shared through
 * the database with every other Frontline process, since Front's limit is per company.
 */
export function createFrontClient(db: Db, config: Config, settings: FrontSettingsStore): FrontClient {
  return new FrontClient({
    baseUrl: config.FRONT_API_BASE_URL,
    token: async () => (await settings.get()).values.apiToken ?? "",
    rateLimiter: new SharedRateLimiter({ db, key: "company", requestsPerMinute: config.FRONT_RATE_LIMIT_PER_MINUTE }),
  });
}

/** The pipeline's dependencies, built from the configuration and the saved settings. */
export function createPipelineContext({
  db,
  config,
  settings,
  agentSettings,
  actions,
  front,
}: AppServices): PipelineContext {
  return {
    db,
    front,
    loadAgentSettings: async () => (await agentSettings.get()).values,
    modelFor: (agent) => createModel({ model: agent.model, baseUrl: agent.baseUrl, apiKey: agent.apiKey }),
    loadActions: () => actions.list(),
    loadSettings: async () => (await settings.get()).values,
    appUrl: config.APP_URL,
  };
}

/** Starts a worker that processes Front events from the queue. */
export function startPipelineWorker(
  context: PipelineContext,
  options: {
    concurrency: number;
    pollMs?: number;
    leaseMs?: number;
    retryDelayMs?: (attempt: number) => number;
    retentionDays?: number;
    auditRetentionDays?: number;
    maintenanceEveryMs?: number;
  },
): RunningWorker {
  const { retentionDays, auditRetentionDays } = options;
  return startWorker({
    db: context.db,
    queue: PIPELINE_QUEUE,
    concurrency: options.concurrency,
    pollMs: options.pollMs,
    leaseMs: options.leaseMs,
    retryDelayMs: options.retryDelayMs,
    maintenanceEveryMs: options.maintenanceEveryMs,
    maintenance: async () => {
      // The retention periods: texts older than RETENTION_DAYS and audit rows older than AUDIT_RETENTION_DAYS are
      // deleted; unset keeps everything.
      if (retentionDays) {
        const deleted = await purgeExpired(context.db, { days: retentionDays });
        if (deleted.sessions > 0)
          console.log(
            `[retention] deleted the texts of ${deleted.sessions} session(s) older than ${retentionDays} days`,
          );
      }
      if (auditRetentionDays) {
        const deleted = await purgeAuditLog(context.db, { days: auditRetentionDays });
        if (deleted > 0)
          console.log(`[retention] deleted ${deleted} audit entries older than ${auditRetentionDays} days`);
      }
      // The weekly wait histograms gather rows between foldings; the reports read fewer once folded.
      await compactWeeklyHistograms(context.db);
    },
    handler: {
      // Each Front write first checks that this worker still holds the job: one that stalled past its lease stops.
      run: (job, lease) =>
        processWebhookEvent({ ...context, beforeFrontWrite: lease.assertHeld }, Number(job.payload.webhookEventId)),
      onFailed: (job, error) => markEventFailed(context.db, Number(job.payload.webhookEventId), error),
    },
  });
}

/** Loads the sample knowledge base, chunked for search, into an empty database (the demo turns this on). */
export async function seedSampleData(db: Db): Promise<boolean> {
  if ((await countKnowledgeArticles(db)) > 0) return false;
  await insertKnowledgeArticles(db, SAMPLE_ARTICLES);
  return true;
}

export interface AppServices {
  db: Db;
  config: Config;
  settings: FrontSettingsStore;
  agentSettings: AgentSettingsStore;
  /** Settings → Actions: the team's custom HTTP actions. */
  actions: ActionsStore;
  front: FrontClient;
}

const globalForRuntime = globalThis as typeof globalThis & {
  __frontlineServices?: Promise<AppServices>;
  __frontlineWorker?: Promise<RunningWorker | null>;
};

/** The process's shared services: database, settings, the one Front client. */
export function getServices(): Promise<AppServices> {
  globalForRuntime.__frontlineServices ??= (async () => {
    const config = getConfig();
    const { db } = await getDatabase();
    const key = loadEncryptionKey({ envKey: config.ENCRYPTION_KEY, dataDir: config.DATA_DIR });
    const settings = new FrontSettingsStore(db, config, key);
    const agentSettings = new AgentSettingsStore(db, config, key);
    const actions = new ActionsStore(db, key);
    return { db, config, settings, agentSettings, actions, front: createFrontClient(db, config, settings) };
  })().catch((error) => {
    globalForRuntime.__frontlineServices = undefined;
    throw error;
  });
  return globalForRuntime.__frontlineServices;
}

/**
 * Called once per server process (from instrumentation.ts): migrates the database, creates the first admin from
 * ADMIN_EMAIL / ADMIN_PASSWORD, seeds the demo data when asked, and runs the embedded worker so `npm start` alone
 * processes events.
 */
export function startEmbeddedRuntime(): Promise<RunningWorker | null> {
  globalForRuntime.__frontlineWorker ??= (async () => {
    const services = await getServices();
    const { config, db } = services;
    const { kind } = await getDatabase();
    console.log(`[frontline] database ready (${kind === "pglite" ? `PGlite at ${config.PGLITE_DIR}` : "Postgres"})`);
    await ensureFirstAdmin(await getAuth(), db, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
    const chunked = await ensureKnowledgeChunks(db);
    if (chunked > 0) console.log(`[frontline] chunked ${chunked} knowledge article(s) written before search by chunk`);
    if (config.SEED_SAMPLE_DATA && (await seedSampleData(db)))
      console.log("[frontline] loaded the sample knowledge base");
    // Weeks of demo history for the Inbox and reports, written in the background: the app serves meanwhile.
    if (config.SEED_SAMPLE_DATA && config.SAMPLE_HISTORY_DAYS > 0)
      void startSampleHistory(db, { appUrl: config.APP_URL, days: config.SAMPLE_HISTORY_DAYS });
    if (!config.EMBEDDED_WORKER) return null;
    const worker = startPipelineWorker(createPipelineContext(services), {
      concurrency: config.WORKER_CONCURRENCY,
      leaseMs: config.WORKER_LEASE_MS,
      retentionDays: config.RETENTION_DAYS,
      auditRetentionDays: config.AUDIT_RETENTION_DAYS,
    });
    console.log(
      `[frontline] embedded worker started (${config.WORKER_CONCURRENCY} at once, model ${(await services.agentSettings.get()).values.model})`,
    );
    return worker;
  })();
  return globalForRuntime.__frontlineWorker;
}
