// `npm run demo` stopped with SIGTERM, SIGINT, a kill of npm, or a SIGKILL of its process group (as Playwright's
// webServer teardown does): Next.js's `next-server` process does not outlive it holding the port (issue 14), and the
// app lets go of its PGlite directory. Real demos on spare ports, after the build; no Postgres needed.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { pgliteHolder } from "@/lib/db/pglite-lock";
import { portInUse } from "../../scripts/lib/ports";
import { freePort, startProcess, waitUntil } from "./processes";

const BUILT = existsSync(fileURLToPath(new URL("../../.next/BUILD_ID", import.meta.url)));
const NPM_CLI = path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js");
const skipReason = BUILT ? "" : "needs the production build: run `npx next build` first (npm test does)";

describe.skipIf(!BUILT)(`npm run demo and SIGTERM${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "frontline-demo-stop-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const demoFlags = (appPort: number, simPort: number, dir: string) => [
    "--no-build",
    "--no-samples",
    "--no-history",
    "--port",
    String(appPort),
    "--sim-port",
    String(simPort),
    "--data-dir",
    dir,
  ];
  const cases: { name: string; signal: NodeJS.Signals; viaNpm: boolean; group: boolean }[] = [
    { name: "SIGTERM to the demo's own process", signal: "SIGTERM", viaNpm: false, group: false },
    { name: "SIGINT to the demo's own process", signal: "SIGINT", viaNpm: false, group: false },
    { name: "SIGKILL to the demo's process group", signal: "SIGKILL", viaNpm: false, group: true },
    // npm passes the signal to its shell, which dies without passing it on: the demo notices it was left behind.
    ...(existsSync(NPM_CLI)
      ? [{ name: "SIGTERM to `npm run demo`", signal: "SIGTERM" as const, viaNpm: true, group: false }]
      : []),
  ];

  for (const { name, signal, viaNpm, group } of cases) {
    it(`${name} frees both ports and the database`, async () => {
      const appPort = await freePort();
      let simPort = await freePort();
      while (simPort === appPort) simPort = await freePort();
      const pgliteDir = path.join(dataDir, `${signal}${viaNpm ? "-npm" : ""}`, "pglite");
      const flags = demoFlags(appPort, simPort, path.dirname(pgliteDir));
      const demo = startProcess(
        `demo-${signal.toLowerCase()}${viaNpm ? "-npm" : ""}`,
        viaNpm ? [NPM_CLI, "run", "demo", "--", ...flags] : ["--import", "tsx", "scripts/demo.ts", ...flags],
        { NEXT_TELEMETRY_DISABLED: "1" },
      );
      await demo.waitForOutput(/Frontline is running/, 120_000);
      expect(await portInUse(appPort)).toBe(true);
      expect(await portInUse(simPort)).toBe(true);
      expect(pgliteHolder(pgliteDir)).not.toBeNull();

      // As `kill <pid>` does: that one process, not its group; or the whole group, as Playwright does.
      if (group) demo.kill(signal);
      else process.kill(demo.pid, signal);
      if (viaNpm || group) {
        await demo.exited;
        await waitUntil(
          "the demo has stopped the app and the simulator",
          async () => !(await portInUse(appPort)) && !(await portInUse(simPort)),
          20_000,
        );
      } else {
        expect(await demo.exited).toBe("0");
        // Once the demo has exited, nothing of it listens any more.
        expect(await portInUse(appPort)).toBe(false);
        expect(await portInUse(simPort)).toBe(false);
      }
      await waitUntil("the app let go of its database", async () => pgliteHolder(pgliteDir) === null, 5_000);
    }, 180_000);
  }
});
