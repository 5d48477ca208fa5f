import { defineConfig } from "@playwright/test";

// Each project runs against its own app + Front simulator started by the demo script: PGlite always, the
// Postgres server too when TEST_DATABASE_URL is set. The app must be built first (`npm run build`).
const postgresUrl = process.env.E2E_DATABASE_URL;
// "setup" is an app with Settings → Front left empty, where the settings flow connects the simulator by hand.
const targets = [
  { name: "pglite", appPort: 3100, simPort: 4110, extra: ["--data-dir", ".data/e2e-pglite"], testIgnore: /settings-flow/ },
  ...(postgresUrl ? [{ name: "postgres", appPort: 3200, simPort: 4210, extra: ["--database-url", postgresUrl], testIgnore: /settings-flow/ }] : []),
  { name: "setup", appPort: 3300, simPort: 4310, extra: ["--data-dir", ".data/e2e-setup", "--unconfigured"], testMatch: /settings-flow/ },
];

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : [["list"]],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  projects: targets.map((target) => ({
    name: target.name,
    ...("testMatch" in target ? { testMatch: target.testMatch } : { testIgnore: target.testIgnore }),
    use: { baseURL: `http://localhost:${target.appPort}`, simUrl: `http://127.0.0.1:${target.simPort}` } as never,
  })),
  webServer: targets.map((target) => ({
    command: ["npx", "tsx", "scripts/demo.ts", "--no-build", "--no-samples", "--port", String(target.appPort), "--sim-port", String(target.simPort), ...target.extra].join(" "),
    url: `http://127.0.0.1:${target.appPort}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  })),
});
