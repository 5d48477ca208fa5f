import type { ChildProcess } from "node:child_process";

// `npm run demo` starts `next start` in a process group of its own (spawn's `detached`): Next.js names its server
// process `next-server`, and a signal sent to the group reaches it and anything else it started, where a signal to
// the one child it spawned may not.

/** Whether any process of the group led by `pid` is still there. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Gone already.
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops a child's whole process group: SIGTERM, so Next.js closes its server and the database; after `graceMs`,
 * SIGKILL for whatever is left. Resolves once no process of the group remains (or, for one that will not go, after
 * another five seconds).
 */
export async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (!groupAlive(pid)) return;
  signalGroup(pid, "SIGKILL");
  const last = Date.now() + 5_000;
  while (groupAlive(pid) && Date.now() < last) await sleep(100);
}
