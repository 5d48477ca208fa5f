import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET, or `<dataDir>/auth.secret`, generated on first start
 * (logged once). Replacing it signs everyone out; it is not needed to read the database.
 */
export function loadAuthSecret(options: {
  envSecret?: string;
  dataDir: string;
  log?: (message: string) => void;
}): string {
  if (options.envSecret) return options.envSecret;
  const file = path.resolve(options.dataDir, "auth.secret");
  if (existsSync(file)) {
    const saved = readFileSync(file, "utf8").trim();
    if (saved.length >= 32) return saved;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  (options.log ?? console.log)(`[frontline] BETTER_AUTH_SECRET is not set: generated one in ${file}`);
  return secret;
}
