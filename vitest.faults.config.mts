import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The fault tests: real Frontline processes (npm run worker, next start) killed mid-run against one Postgres. Run
// after `next build` (scripts/test-all.mjs does), one file at a time: each starts several processes of its own.
export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    include: ["test/faults/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: false,
  },
});
