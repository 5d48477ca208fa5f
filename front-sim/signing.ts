import { createHmac } from "node:crypto";

// Implemented here on purpose, independent of the app's verifier, so tests catch a bug on either side.

/** Application webhook: base64(HMAC-SHA256(appSecret, `${timestampMs}:${rawBody}`)). */
export function signApplicationWebhook(secret: string, timestampMs: number | string, rawBody: string | Buffer): string {
  return createHmac("sha256", secret).update(`${timestampMs}:`).update(rawBody).digest("base64");
}

/** Rule webhook: base64(HMAC-SHA1(ruleSecret, rawBody)); no timestamp. */
export function signRuleWebhook(secret: string, rawBody: string | Buffer): string {
  return createHmac("sha1", secret).update(rawBody).digest("base64");
}
