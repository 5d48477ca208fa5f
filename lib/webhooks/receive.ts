import type { Db } from "../db/client";
import { recordRejectedDelivery, storeVerifiedEvent, PIPELINE_QUEUE } from "../db/queries/webhook-events";
import { parseDelivery, verifyFrontWebhook } from "../front/webhook";
import { signalJobEnqueued } from "../jobs/signals";

/** Front's bodies are small; anything larger is refused before it is read in full. */
export const MAX_BODY_BYTES = 1024 * 1024;

const HEADERS_KEPT = ["content-type", "content-length", "user-agent", "x-front-signature", "x-front-request-timestamp", "x-front-challenge"];

/** A body still arriving after this long is a slow-drip client holding a connection open: answered 408. */
export const BODY_READ_TIMEOUT_MS = 10_000;

export interface ReceiveOptions {
  db: Db;
  appSecret?: string;
  ruleSecret?: string;
  now?: number;
  bodyReadTimeoutMs?: number;
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of HEADERS_KEPT) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

class BodyTooLargeError extends Error {}
class BodyTimeoutError extends Error {}

async function readBody(request: Request, timeoutMs: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new BodyTooLargeError();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeoutError()), timeoutMs);
  });
  deadline.catch(() => {});
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]).catch(async (error: unknown) => {
        if (error instanceof BodyTimeoutError) await reader.cancel().catch(() => {});
        throw error;
      });
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw new BodyTooLargeError();
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

/** The conversation a refused delivery names, so "why didn't the AI reply?" can point at it. Never acted on. */
function conversationIdForTroubleshooting(rawBody: Buffer): string | null {
  try {
    const body = JSON.parse(rawBody.toString("utf8")) as { payload?: { conversation?: { id?: unknown } }; conversation?: { id?: unknown } };
    const id = body?.payload?.conversation?.id ?? body?.conversation?.id;
    return typeof id === "string" && /^cnv_[A-Za-z0-9]{1,64}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * The webhook endpoint's whole job: verify, store once, enqueue, answer. Processing happens in the worker, so
 * Front gets its 2xx well inside its 5-second limit.
 */
export async function receiveFrontWebhook(request: Request, options: ReceiveOptions): Promise<Response> {
  let rawBody: Buffer;
  try {
    rawBody = await readBody(request, options.bodyReadTimeoutMs ?? BODY_READ_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
    if (error instanceof BodyTimeoutError) return json(408, { error: `body not received within ${options.bodyReadTimeoutMs ?? BODY_READ_TIMEOUT_MS} ms` });
    return json(400, { error: "could not read the request body" });
  }

  const headers = keptHeaders(request.headers);
  const verification = verifyFrontWebhook({
    rawBody,
    headers: request.headers,
    appSecret: options.appSecret,
    ruleSecret: options.ruleSecret,
    now: options.now,
  });
  if (verification.result !== "valid") {
    const reason = verification.reason ?? `signature ${verification.result}`;
    await recordRejectedDelivery(options.db, {
      kind: verification.kind,
      frontConversationId: conversationIdForTroubleshooting(rawBody),
      headers,
      signatureResult: verification.result,
      reason,
    });
    return json(401, { error: `invalid signature: ${reason}` });
  }

  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return json(400, { error: "body is not valid JSON" });
  }

  const delivery = parseDelivery(verification.kind, body);
  if (delivery.type === "invalid") return json(400, { error: delivery.reason });
  if (delivery.type === "sync") {
    const challenge = request.headers.get("x-front-challenge");
    return challenge ? json(200, { challenge }) : json(200, { status: "ok" });
  }

  const { event } = delivery;
  const stored = await storeVerifiedEvent(options.db, {
    frontEventId: event.id,
    kind: verification.kind,
    envelopeType: delivery.envelopeType,
    eventType: event.type,
    frontConversationId: event.conversation?.id ?? null,
    headers,
    body,
  });
  if (!stored.duplicate) signalJobEnqueued(PIPELINE_QUEUE);
  return json(200, { status: stored.duplicate ? "duplicate" : "queued", id: event.id });
}
