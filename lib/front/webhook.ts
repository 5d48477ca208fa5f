import { createHmac, timingSafeEqual } from "node:crypto";
import { applicationEnvelopeSchema, frontEventSchema, type FrontEvent } from "./types";

export type WebhookKind = "application" | "rule";
export type SignatureResult = "valid" | "invalid" | "missing" | "stale" | "not_configured";

/** Front's advice: refuse timestamps more than five minutes away from now, which blocks replays. */
export const MAX_TIMESTAMP_SKEW_MS = 5 * 60 * 1000;

export interface VerifyInput {
  rawBody: Buffer;
  headers: Headers;
  appSecret?: string;
  ruleSecret?: string;
  now?: number;
}

export interface Verification {
  kind: WebhookKind;
  result: SignatureResult;
  /** Why a delivery was refused, in words an on-call engineer can act on. */
  reason?: string;
}

/** base64(HMAC-SHA256(app secret, `<timestamp>:<raw body>`)), as Front signs application webhooks. */
export function signApplicationBody(secret: string, timestamp: string, rawBody: Buffer): string {
  return createHmac("sha256", secret).update(`${timestamp}:`).update(rawBody).digest("base64");
}

/** base64(HMAC-SHA1(rule-webhook secret, raw body)), as Front signs rule webhooks. */
export function signRuleBody(secret: string, rawBody: Buffer): string {
  return createHmac("sha1", secret).update(rawBody).digest("base64");
}

function safeEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a delivery's signature over the raw bytes as received. Application webhooks carry a millisecond
 * timestamp header; rule webhooks do not, which is how the two are told apart.
 */
export function verifyFrontWebhook(input: VerifyInput): Verification {
  const signature = input.headers.get("x-front-signature");
  const timestamp = input.headers.get("x-front-request-timestamp");
  const kind: WebhookKind = timestamp !== null ? "application" : "rule";
  if (!signature) return { kind, result: "missing", reason: "no x-front-signature header" };

  if (kind === "application") {
    if (!input.appSecret) return { kind, result: "not_configured", reason: "FRONT_APP_SECRET is not set" };
    const sentAt = Number(timestamp);
    if (!/^\d+$/.test(timestamp ?? "") || !Number.isSafeInteger(sentAt)) {
      return { kind, result: "invalid", reason: "x-front-request-timestamp is not a number of milliseconds" };
    }
    const skew = Math.abs((input.now ?? Date.now()) - sentAt);
    if (skew > MAX_TIMESTAMP_SKEW_MS) {
      return { kind, result: "stale", reason: `timestamp is ${Math.round(skew / 1000)}s away from now (limit 300s)` };
    }
    const expected = signApplicationBody(input.appSecret, timestamp!, input.rawBody);
    return safeEqual(expected, signature)
      ? { kind, result: "valid" }
      : { kind, result: "invalid", reason: "signature does not match FRONT_APP_SECRET" };
  }

  if (!input.ruleSecret) return { kind, result: "not_configured", reason: "FRONT_RULE_WEBHOOK_SECRET is not set" };
  const expected = signRuleBody(input.ruleSecret, input.rawBody);
  return safeEqual(expected, signature)
    ? { kind, result: "valid" }
    : { kind, result: "invalid", reason: "signature does not match FRONT_RULE_WEBHOOK_SECRET" };
}

/** `companyId`: the application envelope's `authorization.id` (`cmp_…`), the company it was sent for; null for a rule webhook. */
export type ParsedDelivery =
  | { type: "sync"; envelopeType: "sync"; companyId: string | null }
  | { type: "event"; envelopeType: string | null; event: FrontEvent; companyId: string | null }
  | { type: "invalid"; reason: string };

/** Reads a verified body: an application envelope, its sync handshake, or a bare rule-webhook event. */
export function parseDelivery(kind: WebhookKind, body: unknown): ParsedDelivery {
  if (kind === "application") {
    const envelope = applicationEnvelopeSchema.safeParse(body);
    if (!envelope.success) return { type: "invalid", reason: "not a Front application webhook envelope" };
    const companyId = envelope.data.authorization?.id ?? null;
    if (envelope.data.type === "sync") return { type: "sync", envelopeType: "sync", companyId };
    if (!envelope.data.payload) return { type: "invalid", reason: "envelope has no payload event" };
    return { type: "event", envelopeType: envelope.data.type, event: envelope.data.payload, companyId };
  }
  const event = frontEventSchema.safeParse(body);
  if (!event.success) return { type: "invalid", reason: "not a Front event (needs an evt_ id and a type)" };
  return { type: "event", envelopeType: null, event: event.data, companyId: null };
}
