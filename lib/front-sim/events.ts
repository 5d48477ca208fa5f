import { newId, unixSeconds } from "./directory";
import type { FrontShapes } from "./serialize";
import type { SimState, StoredConversation, StoredMessage } from "./state";
import type { ApplicationEnvelope, FrontEvent, FrontEventSide } from "./types";

// Builds Front Event objects (fixtures/app-*.json payloads) and their envelope / preview forms.

/** Who did it, for assign/unassign/archive events. */
export type EventActor = { teammateId: string } | "rule" | "api";

/** The rule shown as the source of simulated automatic assignments (as in fixtures/app-assign.json). */
export const SIM_RULE = { id: "rul_58xhq", name: "Route calls to AI", is_private: false };

/** Application-webhook envelope names; captured ones first, the rest from third-party specs. */
const ENVELOPE_TYPES: Record<string, string> = {
  inbound: "inbound_received",
  archive: "conversation_archived",
  outbound: "outbound_sent",
  out_reply: "outbound_reply_sent",
  assign: "assignee_changed",
  unassign: "assignee_changed",
  comment: "new_comment_added",
  reopen: "conversation_reopened",
  tag: "tag_added",
  untag: "tag_removed",
};

export function envelopeTypeFor(eventType: string): string {
  return ENVELOPE_TYPES[eventType] ?? eventType;
}

export function envelope(companyId: string, event: FrontEvent, type = envelopeTypeFor(event.type)): ApplicationEnvelope {
  return { type, authorization: { id: companyId }, payload: event };
}

export function isEnvelope(value: unknown): value is ApplicationEnvelope {
  return typeof value === "object" && value !== null && "payload" in value && "authorization" in value;
}

export class EventFactory {
  constructor(
    private readonly state: SimState,
    private readonly shapes: FrontShapes,
  ) {}

  inbound(conversation: StoredConversation, message: StoredMessage): FrontEvent {
    return this.messageEvent("inbound", conversation, message);
  }

  outbound(conversation: StoredConversation, message: StoredMessage): FrontEvent {
    return this.messageEvent("outbound", conversation, message);
  }

  /** A call's transcript (or voicemail transcript) arrived after the call: the target is the updated message. */
  callTranscript(conversation: StoredConversation, message: StoredMessage, voicemail: boolean): FrontEvent {
    return this.messageEvent(voicemail ? "call_voicemail_transcript_added" : "call_transcript_added", conversation, message);
  }

  trash(conversation: StoredConversation, actor: EventActor): FrontEvent {
    return this.record("trash", this.source(actor), null, conversation);
  }

  archive(conversation: StoredConversation, actor: EventActor): FrontEvent {
    return this.record("archive", this.source(actor), null, conversation);
  }

  reopen(conversation: StoredConversation, actor: EventActor): FrontEvent {
    return this.record("reopen", this.source(actor), null, conversation);
  }

  /** assign when the conversation has an assignee now, unassign otherwise. */
  assignment(conversation: StoredConversation, actor: EventActor): FrontEvent {
    const assignee = this.shapes.teammate(conversation.assigneeId);
    if (!assignee) return this.record("unassign", this.source(actor), null, conversation);
    return this.record("assign", this.source(actor), { _meta: { type: "teammate" }, data: assignee }, conversation);
  }

  private messageEvent(type: string, conversation: StoredConversation, message: StoredMessage): FrontEvent {
    const inbox = this.shapes.inbox(conversation.inboxId);
    const source: FrontEventSide = { _meta: { type: "inboxes" }, data: inbox ? [{ ...inbox }] : [] };
    const target: FrontEventSide = { _meta: { type: "message" }, data: this.shapes.message(message) };
    return this.record(type, source, target, conversation);
  }

  private source(actor: EventActor): FrontEventSide {
    if (actor === "rule") return { _meta: { type: "rule" }, data: { ...SIM_RULE } };
    if (actor === "api") return { _meta: { type: "api" }, data: { id: "api", name: "API" } };
    return { _meta: { type: "teammate" }, data: this.shapes.teammate(actor.teammateId) };
  }

  /** Snapshots the conversation as it is now and remembers the event for GET /events/{id}. */
  private record(type: string, source: FrontEventSide, target: FrontEventSide | null, conversation: StoredConversation): FrontEvent {
    const id = newId("evt");
    const event: FrontEvent = {
      _links: { self: this.shapes.link(`/events/${id}`) },
      id,
      type,
      emitted_at: unixSeconds(),
      source,
      target,
      conversation: this.shapes.conversation(conversation),
    };
    this.state.events.set(id, event);
    return event;
  }
}

const PREVIEW_LINK_PATHS: Record<string, string> = {
  inboxes: "inboxes",
  teammate: "teammates",
  rule: "rules",
  message: "messages",
  comment: "comments",
  tag: "tags",
};

/** The rule-webhook preview ("Send Full Event Data" off): only ids, _links and _meta remain. */
export function toPreviewEvent(event: FrontEvent, baseUrl: string): Record<string, unknown> {
  const idOnly = (kind: string, data: unknown): unknown => {
    if (typeof data !== "object" || data === null || !("id" in data)) return data;
    const withLinks = data as { id: string; _links?: { self?: string } };
    const self = withLinks._links?.self ?? `${baseUrl}/${PREVIEW_LINK_PATHS[kind] ?? kind}/${withLinks.id}`;
    return { _links: { self }, id: withLinks.id };
  };
  const side = (value: FrontEventSide | null) => {
    if (!value) return null;
    const data = Array.isArray(value.data)
      ? value.data.map((item) => idOnly(value._meta.type, item))
      : idOnly(value._meta.type, value.data);
    return { _meta: { ...value._meta }, data };
  };
  return {
    _links: { ...event._links },
    id: event.id,
    type: event.type,
    emitted_at: event.emitted_at,
    source: side(event.source),
    target: side(event.target),
    conversation: { _links: { self: event.conversation._links.self }, id: event.conversation.id },
  };
}
