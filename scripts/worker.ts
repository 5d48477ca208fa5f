// `npm run worker`: a processing-only process against a shared Postgres (DATABASE_URL), for scaling out.
import { ConfigError, getConfig } from "../lib/config";
import { getDatabase } from "../lib/db";
import { createPipelineContext, getServices, startPipelineWorker } from "../lib/runtime";

async function main() {
  const config = getConfig();
  if (!config.DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL: extra workers share a Postgres server with the web process (PGlite is embedded in one process).",
    );
    process.exit(1);
  }
  const services = await getServices();
  const worker = startPipelineWorker(createPipelineContext(services), {
    concurrency: config.WORKER_CONCURRENCY,
    leaseMs: config.WORKER_LEASE_MS,
    retentionDays: config.RETENTION_DAYS,
    auditRetentionDays: config.AUDIT_RETENTION_DAYS,
  });
  console.log(
    `[worker] ${worker.id} processing Front events (${config.WORKER_CONCURRENCY} at once, model ${(await services.agentSettings.get()).values.model})`,
  );
  const stop = async (signal: string) => {
    console.log(`[worker] ${signal}: finishing the jobs in hand`);
    await worker.stop();
    await (await getDatabase()).close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
