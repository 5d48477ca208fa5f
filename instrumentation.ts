// Runs once when a Next.js server process starts. The Node.js-only work lives in lib/start-server.ts so the
// Edge bundle never sees it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/start-server");
    await startServer();
  }
}
