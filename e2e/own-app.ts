import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type Db } from "../lib/db/client";

// A real app (`next start`) of a spec's own, on a database of its own laid down before it starts: for data the
// shared apps cannot hold (sessions backdated by days, which no live flow can make), on the spec's project's kind
// of database (PGlite has one owner at a time, so the rows go in before the app opens it).

const ROOT = process.cwd();

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function runToLog(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<number | null> {
  const log = openSync(logFile, "a");
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", log, log] });
  return new Promise((resolve) => child.once("exit", (code) => (closeSync(log), resolve(code))));
}

/** A database of the project's kind for an app of a spec's own: a PGlite directory, or a fresh Postgres database. */
export async function ownDatabase(
  project: string,
  name: string,
  dataDir: string,
): Promise<{ databaseUrl: string | undefined; pgliteDir: string }> {
  const pgliteDir = path.join(dataDir, "pglite");
  if (project !== "postgres") return { databaseUrl: undefined, pgliteDir };
  const server = new URL(process.env.E2E_DATABASE_URL!);
  const database = `${server.pathname.slice(1)}_${name.replace(/\W/g, "_")}`;
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.unsafe(`create database "${database}"`);
  await admin.end();
  server.pathname = `/${database}`;
  return { databaseUrl: server.toString(), pgliteDir };
}

export interface OwnApp {
  url: string;
  adminEmail: string;
  adminPassword: string;
  logFile: string;
  close(): Promise<void>;
}

/**
 * Starts an app of the spec's own with Front not connected and no sample data, after `seed` has written its rows.
 * The admin account is made by the app from ADMIN_EMAIL and ADMIN_PASSWORD.
 */
export async function startOwnApp(options: {
  project: string;
  name: string;
  seed?: (db: Db) => Promise<void>;
}): Promise<OwnApp> {
  const dataDir = path.join(ROOT, ".data", `e2e-${options.name}-${options.project}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, "app.log");
  const { databaseUrl, pgliteDir } = await ownDatabase(options.project, options.name, dataDir);
  if (options.seed) {
    const database = await openDatabase(databaseUrl ? { url: databaseUrl, maxConnections: 1 } : { pgliteDir });
    try {
      await options.seed(database.db);
    } finally {
      await database.close();
    }
  }
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const adminEmail = `${options.name}-admin@frontline.local`;
  const adminPassword = `pw-${randomBytes(12).toString("base64url")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    APP_URL: url,
    DATABASE_URL: databaseUrl ?? "",
    PGLITE_DIR: pgliteDir,
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: randomBytes(32).toString("base64url"),
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    FRONT_API_TOKEN: "",
    FRONT_APP_SECRET: "",
    FRONT_RULE_WEBHOOK_SECRET: "",
    FRONT_AI_TEAMMATE_ID: "",
    AI_MODEL: "",
    SEED_SAMPLE_DATA: "false",
    SAMPLE_HISTORY_DAYS: "0",
  };
  const log = openSync(logFile, "a");
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    { cwd: ROOT, env, stdio: ["ignore", log, log] },
  );
  closeSync(log);
  const close = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  try {
    await waitFor("the app's health check", async () => ((await fetch(`${url}/api/health`)).ok ? true : undefined));
    // The first admin is made in the background after the server starts listening.
    await waitFor("the app's runtime", async () =>
      readFileSync(logFile, "utf8").includes("embedded worker started") ? true : undefined,
    );
  } catch (error) {
    await close();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n${readFileSync(logFile, "utf8").slice(-4000)}`,
    );
  }
  return { url, adminEmail, adminPassword, logFile, close };
}
