import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** AES-256-GCM: secrets at rest are unreadable without the key and tamper-evident. */
const ALGORITHM = "aes-256-gcm";
const VERSION = "v1";

/** A 32-byte key from base64 or hex; any other string is stretched with SHA-256 (so a passphrase works too). */
export function parseEncryptionKey(value: string): Buffer {
  const trimmed = value.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, "hex");
  const base64 = Buffer.from(trimmed, "base64");
  if (base64.length === 32 && /^[A-Za-z0-9+/=_-]+$/.test(trimmed)) return base64;
  return createHash("sha256").update(trimmed).digest();
}

/**
 * The key from ENCRYPTION_KEY, or from `<dataDir>/encryption.key`, generated on first start (logged once).
 * Keep that file (or set ENCRYPTION_KEY) when moving the database: secrets cannot be read without it.
 */
export function loadEncryptionKey(options: {
  envKey?: string;
  dataDir: string;
  log?: (message: string) => void;
}): Buffer {
  if (options.envKey) return parseEncryptionKey(options.envKey);
  const file = path.resolve(options.dataDir, "encryption.key");
  if (existsSync(file)) return parseEncryptionKey(readFileSync(file, "utf8"));
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600 });
  (options.log ?? console.log)(
    `[frontline] ENCRYPTION_KEY is not set: generated a key in ${file} (keep it with the database)`,
  );
  return key;
}

export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(
    ":",
  );
}

export function decryptSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("not an encrypted secret");
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}

/** How a secret is shown after saving: never in full. */
export function maskSecret(secret: string | undefined): string | null {
  if (!secret) return null;
  return secret.length <= 8 ? "••••" : `••••${secret.slice(-4)}`;
}
