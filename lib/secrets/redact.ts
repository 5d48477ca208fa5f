/** What a secret is replaced with in text shown or stored. */
export const REDACTED = "[redacted]";

/** Shorter values (a header set to "1") would redact ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** The forms a secret takes in text a server echoes back: as is, URL-encoded, escaped in JSON. */
function formsOf(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

/**
 * `text` with every secret replaced by REDACTED. For what other servers send back (a model provider's "Incorrect
 * API key provided: sk-…", an API that reflects its request headers): it must not reach the model, the database,
 * the logs or a page.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of formsOf(secret)) redacted = redacted.split(form).join(REDACTED);
  }
  return redacted;
}

/**
 * Redacts an error's message, stack and response body in place, so its class (which retry logic checks) stays.
 * Returns the error, for `throw redactErrorSecrets(error, secrets)`.
 */
export function redactErrorSecrets<T>(error: T, secrets: readonly (string | undefined)[]): T {
  if (!(error instanceof Error)) return error;
  for (const field of ["message", "stack", "responseBody"] as const) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === "string")
      Object.defineProperty(error, field, { value: redactSecrets(value, secrets), writable: true, configurable: true });
  }
  if (error.cause !== undefined) redactErrorSecrets(error.cause, secrets);
  return error;
}
