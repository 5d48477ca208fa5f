import type { ChildProcess } from "node:child_process";

// How `npm run demo` stops `next start`. The demo runs Next.js's bin with node itself (no npx, npm or shell in
// between), so the child is the `next-server` process that holds the port, and a signal sent to it is the one Next.js
// handles. It stays in the demo's process group: whatever kills that group (a terminal's Ctrl-C, Playwright's
// webServer teardown, which SIGKILLs the group) reaches it too.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * SIGTERM, so Next.js closes its server and the database; SIGKILL if it is still there after `graceMs`. Resolves once
 * the process has exited (or, for one that will not go, five seconds after the SIGKILL).
 */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.pid === undefined || exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  if (await Promise.race([gone.then(() => true), sleep(graceMs).then(() => false)])) return;
  child.kill("SIGKILL");
  await Promise.race([gone, sleep(5_000)]);
}
