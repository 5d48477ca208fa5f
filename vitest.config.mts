import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    include: ["lib/**/*.test.ts", "front-sim/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    // Real processes, after the build: vitest.faults.config.mts.
    exclude: ["test/faults/**", "**/node_modules/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database tests create their own PGlite instance or Postgres database per file, so files can run in parallel.
    pool: "forks",
  },
});
