import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import { ADMIN, adminStorageStatePath, VIEWER } from "./e2e/accounts";

// Each project runs against its own app + Front simulator started by the demo script: PGlite always, the
// Postgres server too when TEST_DATABASE_URL is set. The app must be built first (`npm run build`).
// Every project starts signed in as the admin: a "<name>-sign-in" project (e2e/auth.setup.ts) signs in first and
// saves the cookie as the project's storageState. Specs that need to be signed out (e2e/auth.spec.ts) reset it.
// E2E_PORT_OFFSET moves every port (apps 3100/3200/3300, simulators 4110/4210/4310), e.g. for a second checkout.
const postgresUrl = process.env.E2E_DATABASE_URL;
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;
// "setup" is an app with Settings → Front left empty, where the settings flow connects the simulator by hand.
const targets = [
  {
    name: "pglite",
    appPort: 3100,
    simPort: 4110,
    extra: ["--data-dir", ".data/e2e-pglite"],
    testIgnore: /settings-flow/,
  },
  ...(postgresUrl
    ? [
        {
          name: "postgres",
          appPort: 3200,
          simPort: 4210,
          extra: ["--database-url", postgresUrl],
          testIgnore: /settings-flow/,
        },
      ]
    : []),
  {
    name: "setup",
    appPort: 3300,
    simPort: 4310,
    extra: ["--data-dir", ".data/e2e-setup", "--unconfigured"],
    testMatch: /settings-flow/,
  },
].map((target) => ({ ...target, appPort: target.appPort + offset, simPort: target.simPort + offset }));

const projects: NonNullable<PlaywrightTestConfig["projects"]> = targets.flatMap((target) => {
  const shared = { baseURL: `http://localhost:${target.appPort}`, simUrl: `http://127.0.0.1:${target.simPort}` };
  const signIn = `${target.name}-sign-in`;
  return [
    {
      name: signIn,
      testMatch: /auth\.setup\.ts/,
      use: shared as never,
      metadata: { storageState: adminStorageStatePath(target.name) },
    },
    {
      name: target.name,
      dependencies: [signIn],
      ...("testMatch" in target
        ? { testMatch: target.testMatch }
        : { testIgnore: [target.testIgnore, /auth\.setup\.ts/] }),
      use: { ...shared, storageState: adminStorageStatePath(target.name) } as never,
    },
  ];
});

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
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  projects,
  webServer: targets.map((target) => ({
    command: [
      "npx",
      "tsx",
      "scripts/demo.ts",
      "--no-build",
      "--no-samples",
      "--no-history",
      "--port",
      String(target.appPort),
      "--sim-port",
      String(target.simPort),
      ...target.extra,
    ].join(" "),
    url: `http://127.0.0.1:${target.appPort}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: {
      ...(process.env as Record<string, string>),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      VIEWER_EMAIL: VIEWER.email,
      VIEWER_PASSWORD: VIEWER.password,
      // The specs' stand-in servers (e2e/actions.spec.ts) are on loopback, which custom actions may reach only when allowed.
      ACTIONS_ALLOWED_HOSTS: "127.0.0.1",
    },
  })),
});
