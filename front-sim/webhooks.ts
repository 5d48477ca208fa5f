import { signApplicationWebhook, signRuleWebhook } from "./signing";
import type { DeliveryResult, SignatureMode, WebhookKind } from "./types";

// Signs and POSTs webhook bodies to the app the way Front does, and keeps every delivery for tests.

export type DeliveryKind = WebhookKind | "sync";

export interface DeliveryRecord {
  /** The event id (payload.id); null for sync handshakes. */
  eventId: string | null;
  kind: DeliveryKind;
  url: string | null;
  /** The body a valid signature covers; redelivery resends exactly these bytes. */
  rawBody: string;
  /** The bytes actually sent (differ from rawBody when the signature mode is "tampered"). */
  sentBody: string;
  headers: Record<string, string>;
  signature: SignatureMode;
  redelivery: boolean;
  atMs: number;
  result: DeliveryResult;
}

export interface SendRequest {
  eventId: string | null;
  kind: DeliveryKind;
  rawBody: string;
  signature?: SignatureMode;
  timestampMs?: number;
  extraHeaders?: Record<string, string>;
  redelivery?: boolean;
}

export interface WebhookSenderConfig {
  webhookUrl: () => string | undefined;
  appSecret: string;
  ruleSecret?: string;
  timeoutMs: number;
}

export class WebhookSender {
  records: DeliveryRecord[] = [];

  constructor(private readonly config: WebhookSenderConfig) {}

  async send(request: SendRequest): Promise<DeliveryRecord> {
    const signature = request.signature ?? "valid";
    const sentBody = signature === "tampered" ? tamper(request.rawBody) : request.rawBody;
    const headers = {
      "content-type": "application/json",
      ...this.signatureHeaders(request, signature),
      ...request.extraHeaders,
    };
    const url = this.config.webhookUrl() ?? null;
    const atMs = Date.now();
    const result = url
      ? await post(url, headers, sentBody, this.config.timeoutMs)
      : failed("No webhook URL configured", 0);
    const record: DeliveryRecord = {
      eventId: request.eventId,
      kind: request.kind,
      url,
      rawBody: request.rawBody,
      sentBody,
      headers,
      signature,
      redelivery: request.redelivery ?? false,
      atMs,
      result,
    };
    this.records.push(record);
    return record;
  }

  /** The most recent delivery of an event, for redelivery. */
  lastFor(eventId: string): DeliveryRecord | undefined {
    return this.records.findLast((record) => record.eventId === eventId);
  }

  private signatureHeaders(request: SendRequest, mode: SignatureMode): Record<string, string> {
    const wrong = mode === "wrong-secret";
    if (request.kind === "rule") {
      if (mode === "missing") return {};
      if (this.config.ruleSecret === undefined)
        throw new Error("ruleSecret is not configured: cannot sign a rule webhook");
      const secret = wrong ? `${this.config.ruleSecret}-wrong` : this.config.ruleSecret;
      // Rule webhooks spell the header this way; HTTP header names are case-insensitive anyway.
      return { "X-Front-Signature": signRuleWebhook(secret, request.rawBody) };
    }
    const timestampMs = request.timestampMs ?? Date.now();
    const timestampHeader = { "x-front-request-timestamp": String(timestampMs) };
    if (mode === "missing") return timestampHeader;
    const secret = wrong ? `${this.config.appSecret}-wrong` : this.config.appSecret;
    return { ...timestampHeader, "x-front-signature": signApplicationWebhook(secret, timestampMs, request.rawBody) };
  }
}

/** Alters the body after signing, the way a man in the middle would. */
function tamper(rawBody: string): string {
  const altered = rawBody.replace('"id":"evt_', '"id":"evt_x');
  return altered !== rawBody ? altered : `${rawBody} `;
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<DeliveryResult> {
  const startedAt = Date.now();
  try {
    const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return {
      status: response.status,
      body: parseMaybeJson(text),
      text,
      headers: Object.fromEntries(response.headers.entries()),
      durationMs: Date.now() - startedAt,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const name = (error as Error).name;
    const message =
      name === "TimeoutError"
        ? `No answer within ${timeoutMs} ms`
        : `${(error as Error).message}${cause ? ` (${cause})` : ""}`;
    return failed(message, Date.now() - startedAt);
  }
}

function failed(error: string, durationMs: number): DeliveryResult {
  return { status: 0, body: "", text: "", headers: {}, durationMs, error };
}

function parseMaybeJson(text: string): unknown {
  if (text === "") return "";
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
