// Starts the built app (`next start`) on a fresh database for a benchmark, and stops it afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

export interface BenchApp {
  url: string;
  databaseUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A new database on the Postgres server named by BENCH_DATABASE_URL or TEST_DATABASE_URL, or null for PGlite. */
export async function freshPostgres(name: string): Promise<string | null> {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) return null;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startApp(options: {
  port: number;
  databaseUrl: string | null;
  env?: Record<string, string>;
}): Promise<BenchApp> {
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID")))
    throw new Error("Build the app first: npx next build");
  const dataDir = mkdtempSync(path.join(tmpdir(), "frontline-bench-"));
  // Its own process group: npx starts next-server as a child, and stopping must stop both.
  const child = spawn("npx", ["next", "start", "-p", String(options.port)], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      APP_URL: `http://127.0.0.1:${options.port}`,
      DATA_DIR: dataDir,
      ...(options.databaseUrl
        ? { DATABASE_URL: options.databaseUrl }
        : { DATABASE_URL: "", PGLITE_DIR: path.join(dataDir, "pglite") }),
      SEED_SAMPLE_DATA: "",
      ...options.env,
    },
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    const healthy = await fetch(`${url}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) break;
    if (Date.now() > deadline) throw new Error("the app did not become healthy within 120 s");
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    url,
    databaseUrl: options.databaseUrl,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}
