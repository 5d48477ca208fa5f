import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Server } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgliteLockFile } from "@/lib/db/pglite-lock";
import { freePort, holdPort, runScript } from "../helpers/scripts";

// `npm run demo` started while another demo runs: it refuses before it builds, deletes or starts anything, and says
// which flag to change. (Issue 14: a second demo used to delete the first one's database and key, then fail on the
// port.) No build is needed: the refusal comes first.

let dir: string;
let dataDir: string;
const servers: Server[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "frontline-demo-"));
  dataDir = path.join(dir, "demo");
  // What a running demo has in its data directory: the database, the encryption key.
  mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
  writeFileSync(path.join(dataDir, "pglite", "PG_VERSION"), "17\n");
  writeFileSync(path.join(dataDir, "encryption.key"), "the running demo's key\n");
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

async function taken(): Promise<number> {
  const { port, server } = await holdPort();
  servers.push(server);
  return port;
}

function expectUntouched(): void {
  expect(existsSync(path.join(dataDir, "pglite", "PG_VERSION"))).toBe(true);
  expect(existsSync(path.join(dataDir, "encryption.key"))).toBe(true);
}

describe("npm run demo refuses what would clash with a running demo", () => {
  it("a busy app port: refuses naming --port, and deletes nothing", async () => {
    const appPort = await taken();
    const result = await runScript("scripts/demo.ts", [
      "--port",
      String(appPort),
      "--sim-port",
      String(await freePort()),
      "--data-dir",
      dataDir,
    ]);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`Port ${appPort} (the app, --port) is already in use`);
    expect(result.output).toMatch(/npm run demo -- --port \d+/);
    expect(result.output).toContain("Nothing was built, deleted or started.");
    expect(result.output).not.toContain("building the app");
    expectUntouched();
  });

  it("a busy simulator port: refuses naming --sim-port, and deletes nothing", async () => {
    const simPort = await taken();
    const result = await runScript("scripts/demo.ts", [
      "--port",
      String(await freePort()),
      "--sim-port",
      String(simPort),
      "--data-dir",
      dataDir,
    ]);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`Port ${simPort} (the Front simulator, --sim-port) is already in use`);
    expect(result.output).toMatch(/npm run demo -- --sim-port \d+/);
    expectUntouched();
  });

  it("a data directory a live process holds (another demo on other ports): refuses naming --data-dir, and deletes nothing", async () => {
    // This test's process stands for the running demo's app.
    writeFileSync(pgliteLockFile(path.join(dataDir, "pglite")), `${process.pid}\n`);
    const result = await runScript("scripts/demo.ts", [
      "--port",
      String(await freePort()),
      "--sim-port",
      String(await freePort()),
      "--data-dir",
      dataDir,
    ]);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`is in use by process ${process.pid}`);
    expect(result.output).toContain("--data-dir");
    expectUntouched();
  });
});
