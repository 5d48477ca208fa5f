import { ConfigError, getConfig } from "./config";
import { startEmbeddedRuntime } from "./runtime";

/** Configuration check (one clear line per problem, then exit), migrations, the embedded worker. */
export async function startServer(): Promise<void> {
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await startEmbeddedRuntime();
}
