import { randomBytes } from "node:crypto";
import { envelope, isEnvelope, toPreviewEvent } from "./events";
import type { WebhookSender } from "./webhooks";
import type { DeliverEventOptions, DeliveryResult, FrontEvent, WebhookKind } from "./types";

// Decides what body goes on the wire for an event (envelope, bare, preview) and hands it to the sender.

export interface DispatchSettings {
  companyId: string;
  baseUrl: string;
  webhookKind: WebhookKind;
  rulePreview: boolean;
}

export interface EventDelivery {
  eventId: string | null;
  delivery: DeliveryResult;
}

export interface SyncResult {
  challenge: string;
  delivery: DeliveryResult;
  /** Whether the app echoed the challenge back as Front requires. */
  ok: boolean;
}

export class EventDispatcher {
  constructor(
    private readonly sender: WebhookSender,
    readonly settings: DispatchSettings,
  ) {}

  /** Delivers a freshly emitted event the way the simulator is configured (application or rule). */
  async emit(event: FrontEvent): Promise<DeliveryResult> {
    const kind = this.settings.webhookKind;
    const preview = kind === "rule" && this.settings.rulePreview;
    return (await this.deliver(event, { kind, preview })).delivery;
  }

  /**
   * Delivers any body: a bare Event, an application envelope, or a raw string sent byte for byte.
   * Envelopes are unwrapped for rule webhooks; bare events are wrapped for application webhooks.
   */
  async deliver(
    event: FrontEvent | Record<string, unknown> | string,
    options: DeliverEventOptions = {},
  ): Promise<EventDelivery> {
    const kind = options.kind ?? "application";
    const rawBody = typeof event === "string" ? event : JSON.stringify(this.bodyFor(event, kind, options));
    const eventId = eventIdOf(rawBody);
    const record = await this.sender.send({
      eventId,
      kind,
      rawBody,
      signature: options.signature,
      timestampMs: options.timestampMs,
    });
    return { eventId, delivery: record.result };
  }

  /** Front's retry: the identical bytes of the last delivery, with a fresh valid signature. */
  async redeliver(eventId: string): Promise<EventDelivery> {
    const last = this.sender.lastFor(eventId);
    if (!last || last.kind === "sync") throw new Error(`Event ${eventId} was never delivered`);
    const record = await this.sender.send({ eventId, kind: last.kind, rawBody: last.rawBody, redelivery: true });
    return { eventId, delivery: record.result };
  }

  /** The handshake Front sends when a webhook is saved: the app must echo x-front-challenge. */
  async sync(): Promise<SyncResult> {
    const challenge = randomBytes(16).toString("hex");
    const rawBody = JSON.stringify({ type: "sync", authorization: { id: this.settings.companyId } });
    const record = await this.sender.send({
      eventId: null,
      kind: "sync",
      rawBody,
      extraHeaders: { "x-front-challenge": challenge },
    });
    const answer = record.result.body as { challenge?: unknown } | undefined;
    const ok = record.result.status === 200 && typeof answer === "object" && answer?.challenge === challenge;
    return { challenge, delivery: record.result, ok };
  }

  private bodyFor(
    event: FrontEvent | Record<string, unknown>,
    kind: WebhookKind,
    options: DeliverEventOptions,
  ): unknown {
    const bare = (isEnvelope(event) ? event.payload : event) as FrontEvent;
    const payload = options.preview ? toPreviewEvent(bare, this.settings.baseUrl) : bare;
    if (kind === "rule") return payload;
    if (isEnvelope(event) && !options.preview && !options.envelopeType) return event;
    const type = options.envelopeType ?? (isEnvelope(event) ? event.type : undefined);
    return envelope(this.settings.companyId, payload as FrontEvent, type);
  }
}

/** payload.id of an envelope, or id of a bare event; null when the body is not such JSON. */
function eventIdOf(rawBody: string): string | null {
  try {
    const parsed = JSON.parse(rawBody) as { id?: unknown; payload?: { id?: unknown } };
    const id = parsed.payload?.id ?? parsed.id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
