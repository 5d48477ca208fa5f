// Creates a fresh database for the browser tests on the server named by TEST_DATABASE_URL, and writes its URL
// to test-results/e2e-database-url.
import { mkdirSync, writeFileSync } from "node:fs";
import postgres from "postgres";

async function main() {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists frontline_e2e with (force)");
  await admin.unsafe("create database frontline_e2e");
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = "/frontline_e2e";
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/e2e-database-url", url.toString());
  console.log(`fresh database: ${url.pathname.slice(1)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
