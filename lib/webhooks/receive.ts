import type { Db } from "../db/client";
import { recordRejectedDelivery, storeVerifiedEvent, PIPELINE_QUEUE } from "../db/queries/webhook-events";
import { parseDelivery, verifyFrontWebhook } from "../front/webhook";
import { signalJobEnqueued } from "../jobs/signals";
import { BodyTimeoutError, BodyTooLargeError, readBody } from "../api/read-body";

/** Front's bodies are small; anything larger is refused before it is read in full. */
export const MAX_BODY_BYTES = 1024 * 1024;

const HEADERS_KEPT = [
  "content-type",
  "content-length",
  "user-agent",
  "x-front-signature",
  "x-front-request-timestamp",
  "x-front-challenge",
];

/** A body still arriving after this long is a slow-drip client holding a connection open: answered 408. */
export const BODY_READ_TIMEOUT_MS = 10_000;

/** The Front company Frontline is connected to (GET /me with the API token), or why it is not known. */
export type ConnectedCompany = { id: string } | { id: null; reason: string };

export interface ReceiveOptions {
  db: Db;
  appSecret?: string;
  ruleSecret?: string;
  /**
   * Asked for each signed application delivery (events and the sync handshake), whose `authorization.id` must be
   * this company: one for another company is refused with 403, and while the company is not known with 503 (Front
   * retries), recorded either way and never queued. Rule webhooks name no company and are not checked.
   */
  connectedCompany: () => Promise<ConnectedCompany>;
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

/** The conversation a refused delivery names, so "why didn't the AI reply?" can point at it. Never acted on. */
function conversationIdForTroubleshooting(rawBody: Buffer): string | null {
  try {
    const body = JSON.parse(rawBody.toString("utf8")) as {
      payload?: { conversation?: { id?: unknown } };
      conversation?: { id?: unknown };
    };
    const id = body?.payload?.conversation?.id ?? body?.conversation?.id;
    return typeof id === "string" && /^cnv_[A-Za-z0-9]{1,64}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * Why a signed application delivery for `companyId` is not taken, or null when it is for the connected company.
 * The app secret is the app's, not the company's: an app installed in several Front companies signs every one's
 * deliveries with it, so the signature alone does not say the event is about this workspace's conversations.
 */
async function companyRefusal(
  companyId: string | null,
  connectedCompany: ReceiveOptions["connectedCompany"],
): Promise<{ status: 403 | 503; reason: string } | null> {
  let connected: ConnectedCompany;
  try {
    connected = await connectedCompany();
  } catch (error) {
    connected = { id: null, reason: `could not look it up: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (companyId === connected.id && companyId !== null) return null;
  // Signed, but still Front's text: shown only when it looks like a company id.
  const named =
    companyId === null ? "missing" : /^cmp_[A-Za-z0-9]{1,64}$/.test(companyId) ? companyId : "not a company id";
  if (connected.id === null) {
    return {
      status: 503,
      reason: `the connected Front company is not known yet (${connected.reason}), so a delivery for company ${named} cannot be checked`,
    };
  }
  return {
    status: 403,
    reason: `delivery for another Front company: authorization.id is ${named}, Frontline is connected to ${connected.id}`,
  };
}

/**
 * The webhook endpoint's whole job: verify, store once, enqueue, answer. Processing happens in the worker, so
 * Front gets its 2xx well inside its 5-second limit.
 */
export async function receiveFrontWebhook(request: Request, options: ReceiveOptions): Promise<Response> {
  let rawBody: Buffer;
  try {
    rawBody = await readBody(request, {
      maxBytes: MAX_BODY_BYTES,
      timeoutMs: options.bodyReadTimeoutMs ?? BODY_READ_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
    if (error instanceof BodyTimeoutError)
      return json(408, { error: `body not received within ${options.bodyReadTimeoutMs ?? BODY_READ_TIMEOUT_MS} ms` });
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

  if (verification.kind === "application") {
    const refusal = await companyRefusal(delivery.companyId, options.connectedCompany);
    if (refusal) {
      await recordRejectedDelivery(options.db, {
        kind: verification.kind,
        frontConversationId: conversationIdForTroubleshooting(rawBody),
        headers,
        signatureResult: verification.result,
        reason: refusal.reason,
      });
      return json(refusal.status, { error: refusal.reason });
    }
  }
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
