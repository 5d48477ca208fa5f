// Runs once when a Next.js server process starts: configuration check, migrations, the embedded worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig, ConfigError } = await import("./lib/config");
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { startEmbeddedRuntime } = await import("./lib/runtime");
  await startEmbeddedRuntime();
}
