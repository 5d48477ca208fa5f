// `npm run user:create -- --email ann@example.com --password '…' [--name "Ann Lee"] [--role admin|viewer]`
// Creates an account against DATABASE_URL (or the PGlite in PGLITE_DIR: stop the app first, PGlite has one owner;
// while a live process holds the directory this refuses, and changes nothing).
// Prompts for nothing; refuses a password shorter than 10 characters and an email that already has an account.
import { parseArgs } from "node:util";
import { z } from "zod";
import { COMMAND_LINE_ACTOR } from "../lib/audit";
import { createAuth } from "../lib/auth/server";
import { loadAuthSecret } from "../lib/auth/secret";
import { createUserAccount, newUserSchema } from "../lib/auth/users";
import { ConfigError, getConfig } from "../lib/config";
import { openDatabase } from "../lib/db/client";
import { DatabaseInUseError } from "../lib/db/pglite-lock";

const USAGE =
  "usage: npm run user:create -- --email <email> --password <password> [--name <name>] [--role admin|viewer]";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        password: { type: "string" },
        name: { type: "string" },
        role: { type: "string", default: "viewer" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
  if (!values.email || !values.password) fail(`--email and --password are required\n${USAGE}`);
  const input = newUserSchema.safeParse(values);
  if (!input.success) fail(input.error.issues.map((issue) => `--${issue.path.join(".")} ${issue.message}`).join("\n"));

  const config = getConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR, maxConnections: 1 });
  try {
    const auth = createAuth({
      db: database.db,
      secret: loadAuthSecret({ envSecret: config.BETTER_AUTH_SECRET, dataDir: config.DATA_DIR }),
      appUrl: config.APP_URL,
    });
    const result = await createUserAccount(auth, input.data, { db: database.db, actor: COMMAND_LINE_ACTOR });
    if (result.status === "exists") {
      console.error(`${result.user.email} already has an account (${result.user.role}); nothing changed`);
      process.exitCode = 1;
    } else {
      console.log(`created ${result.user.role} ${result.user.email}`);
    }
  } finally {
    await database.close();
  }
}

/** Why an account cannot be added to a PGlite directory that a running app holds, and what to do instead. */
function inUseMessage(error: DatabaseInUseError): string {
  return [
    `The database in PGLITE_DIR (${error.dir}) is in use by process ${error.pid}, most likely the running Frontline app.`,
    "PGlite has one owner at a time: an account written beside it would not reach the running app. Nothing was changed.",
    "Stop the app (or the demo) and run this again, or run the app and this command against Postgres (DATABASE_URL).",
    `If no Frontline process is running, delete ${error.lockFile} and try again.`,
  ].join("\n");
}

main().catch((error) => {
  if (error instanceof DatabaseInUseError) fail(inUseMessage(error));
  if (error instanceof ConfigError) fail(error.message);
  if (error instanceof z.ZodError) fail(error.issues.map((issue) => issue.message).join("\n"));
  fail(`could not create the user: ${error instanceof Error ? error.message : String(error)}`);
});
