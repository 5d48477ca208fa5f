// `npm run front-sim`: runs the Front simulator as a standalone server for the demo.
import { createFrontSimulator } from "../front-sim";

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.FRONT_SIM_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`FRONT_SIM_PORT is not a port: ${env.FRONT_SIM_PORT}`);
  const webhookUrl = env.FRONT_SIM_WEBHOOK_URL ?? "http://127.0.0.1:3000/api/webhooks/front";
  const sim = await createFrontSimulator({
    port,
    host: env.FRONT_SIM_HOST ?? "127.0.0.1",
    apiToken: env.FRONT_API_TOKEN ?? "sim-token",
    appSecret: env.FRONT_APP_SECRET ?? "sim-app-secret",
    ruleSecret: env.FRONT_RULE_WEBHOOK_SECRET ?? "sim-rule-secret",
    webhookUrl,
  });
  console.log(`Front simulator listening on ${sim.url} (webhooks to ${webhookUrl}; controls under ${sim.url}/_sim)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sim.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(`front-sim failed to start: ${(error as Error).message}`);
  process.exit(1);
});
