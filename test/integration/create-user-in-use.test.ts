import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { DatabaseInUseError, pgliteLockFile } from "@/lib/db/pglite-lock";
import { users } from "@/lib/db/schema";
import { runScript } from "../helpers/scripts";

// `npm run user:create` against a PGlite directory that a running app holds: PGlite lives inside its process, so an
// account written by a second process would not reach the app (issue 14: it reported success, and the account did
// not work until a restart). It refuses, says what to do instead, and changes nothing.

let dir: string;
let pgliteDir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "frontline-user-"));
  pgliteDir = path.join(dir, "pglite");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function createUser(email: string) {
  return runScript("scripts/create-user.ts", ["--email", email, "--password", "a-long-enough-password"], {
    PGLITE_DIR: pgliteDir,
    DATA_DIR: dir,
  });
}

async function accounts(database: Database): Promise<string[]> {
  return (await database.db.select({ email: users.email }).from(users)).map((row) => row.email);
}

describe("npm run user:create and a PGlite directory in use", () => {
  it("refuses while another process holds the directory, then works once it is free", async () => {
    // This test's process stands for the running app.
    const app = await openDatabase({ pgliteDir });
    try {
      expect(existsSync(pgliteLockFile(pgliteDir))).toBe(true);
      const refused = await createUser("ann@example.com");
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(`is in use by process ${process.pid}`);
      expect(refused.output).toContain("Nothing was changed.");
      expect(refused.output).toMatch(/Stop the app.*DATABASE_URL/s);
      expect(refused.output).not.toMatch(/^created /m);
      expect(await accounts(app)).not.toContain("ann@example.com");
    } finally {
      // The app stops: its claim goes with it.
      await app.close();
    }
    expect(existsSync(pgliteLockFile(pgliteDir))).toBe(false);
    const created = await createUser("ann@example.com");
    expect(created.output).toContain("created viewer ann@example.com");
    expect(created.code).toBe(0);

    const reopened = await openDatabase({ pgliteDir });
    try {
      expect(await accounts(reopened)).toContain("ann@example.com");
    } finally {
      await reopened.close();
    }
  }, 120_000);

  it("one process may open it twice (Next.js loads modules more than once); the last close frees it", async () => {
    const first = await openDatabase({ pgliteDir });
    const again = await openDatabase({ pgliteDir: path.join(pgliteDir, "..", "pglite") });
    await again.close();
    // Still held: the first is open.
    expect(existsSync(pgliteLockFile(pgliteDir))).toBe(true);
    await first.close();
    expect(existsSync(pgliteLockFile(pgliteDir))).toBe(false);
  }, 60_000);

  it("names the process that holds it", () => {
    const error = new DatabaseInUseError("/x/pglite", 42, "/x/pglite.pid");
    expect(error.message).toBe("the PGlite database in /x/pglite is in use by process 42 (/x/pglite.pid)");
    expect(error.name).toBe("DatabaseInUseError");
  });
});
