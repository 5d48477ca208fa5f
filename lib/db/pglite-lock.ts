import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// PGlite runs inside the process that opens it: two processes on one data directory each see their own copy and
// overwrite each other's files, and what one writes the other never sees. So the process that opens a directory
// writes its pid beside it (`<dir>.pid`, e.g. .data/demo/pglite.pid), and another process that finds a live pid
// there refuses to open it. A pid whose process is gone (a kill -9) is taken over.

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly lockFile: string,
  ) {
    super(`the PGlite database in ${dir} is in use by process ${pid} (${lockFile})`);
  }
}

/** The file that names the process holding a PGlite directory. */
export function pgliteLockFile(dir: string): string {
  return `${path.resolve(dir).replace(/[\\/]+$/, "")}.pid`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function pidIn(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The live process, other than this one, that holds the directory; null when none does. */
export function pgliteHolder(dir: string): number | null {
  const pid = pidIn(pgliteLockFile(dir));
  return pid !== null && pid !== process.pid && isAlive(pid) ? pid : null;
}

// Kept on globalThis: Next.js may load this module more than once in a process.
const globalForLocks = globalThis as typeof globalThis & { __frontlinePgliteLocks?: Map<string, number> };
const held = (globalForLocks.__frontlinePgliteLocks ??= new Map<string, number>());

function releaseFile(file: string): void {
  if (pidIn(file) === process.pid) rmSync(file, { force: true });
}

let exitHookInstalled = false;

/**
 * Claims a PGlite directory for this process, or throws DatabaseInUseError when a live process holds it. Returns the
 * release; the claim is counted, so one process may open the directory more than once, and is dropped on exit.
 */
export function acquirePgliteLock(dir: string): () => void {
  const file = pgliteLockFile(dir);
  const count = held.get(file) ?? 0;
  if (count === 0) {
    const holder = pgliteHolder(dir);
    if (holder !== null) throw new DatabaseInUseError(path.resolve(dir), holder, file);
    writeFileSync(file, `${process.pid}\n`);
  }
  held.set(file, count + 1);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const lock of held.keys()) releaseFile(lock);
    });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(file) ?? 1) - 1;
    if (left > 0) held.set(file, left);
    else {
      held.delete(file);
      releaseFile(file);
    }
  };
}
