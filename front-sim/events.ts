import { newId, unixSeconds } from "./directory";
import type { FrontShapes } from "./serialize";
import type { SimState, StoredConversation, StoredMessage } from "./state";
import type { ApplicationEnvelope, FrontEvent, FrontEventSide, SendingFailureKind } from "./types";

// Builds Front Event objects (fixtures/app-*.json payloads) and their envelope / preview forms.

/** Who did it, for assign/unassign/archive events. */
export type EventActor = { teammateId: string } | "rule" | "api";

/** The rule shown as the source of simulated automatic assignments (as in fixtures/app-assign.json). */
export const SIM_RULE = {
  id: "rul_58xhq",
  name: "Route calls to AI",
  actions: ["Assign to Frontline AI"],
  is_private: false,
};

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

export function envelope(
  companyId: string,
  event: FrontEvent,
  type = envelopeTypeFor(event.type),
): ApplicationEnvelope {
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

  /** A new outbound message (a teammate writing in Front). */
  outbound(conversation: StoredConversation, message: StoredMessage): FrontEvent {
    return this.messageEvent("outbound", conversation, message);
  }

  /** A reply on an existing conversation, as the app's replies through the Core API are. */
  outReply(conversation: StoredConversation, message: StoredMessage): FrontEvent {
    return this.messageEvent("out_reply", conversation, message);
  }

  /** A call's transcript (or voicemail transcript) arrived after the call: the target is the updated message. */
  callTranscript(conversation: StoredConversation, message: StoredMessage, voicemail: boolean): FrontEvent {
    return this.messageEvent(
      voicemail ? "call_voicemail_transcript_added" : "call_transcript_added",
      conversation,
      message,
    );
  }

  /** A sent message failed (or bounced): the source is the recipient it did not reach, the target the message. */
  sendingFailure(conversation: StoredConversation, message: StoredMessage, kind: SendingFailureKind): FrontEvent {
    const recipient = message.recipients.find((candidate) => candidate.role === "to") ?? conversation.recipient;
    const source: FrontEventSide = {
      _meta: { type: "recipient" },
      data: this.shapes.recipient({ ...recipient, role: "to" }),
    };
    return this.record(kind, source, this.messageSide(message), conversation);
  }

  /**
   * Conversations merged into `survivor`. Front's EventResponse names the target type `deleted_conversation_ids` but
   * gives no schema for its data: the ids of the conversations that were merged away.
   */
  conversationsMerged(survivor: StoredConversation, deletedIds: string[], actor: EventActor): FrontEvent {
    const target: FrontEventSide = { _meta: { type: "deleted_conversation_ids" }, data: [...deletedIds] };
    return this.record("conversations_merged", this.source(actor), target, survivor);
  }

  trash(conversation: StoredConversation, actor: EventActor): FrontEvent {
    return this.record("trash", this.source(actor), undefined, conversation);
  }

  archive(conversation: StoredConversation, actor: EventActor): FrontEvent {
    return this.record("archive", this.source(actor), undefined, conversation);
  }

  reopen(conversation: StoredConversation, actor: EventActor): FrontEvent {
    return this.record("reopen", this.source(actor), undefined, conversation);
  }

  /** assign when the conversation has an assignee now, unassign otherwise. */
  assignment(conversation: StoredConversation, actor: EventActor): FrontEvent {
    const assignee = this.shapes.teammate(conversation.assigneeId);
    if (!assignee) return this.record("unassign", this.source(actor), undefined, conversation);
    return this.record("assign", this.source(actor), { _meta: { type: "teammate" }, data: assignee }, conversation);
  }

  private messageEvent(type: string, conversation: StoredConversation, message: StoredMessage): FrontEvent {
    const inbox = this.shapes.inbox(conversation.inboxId);
    const source: FrontEventSide = { _meta: { type: "inboxes" }, data: inbox ? [inbox] : [] };
    return this.record(type, source, this.messageSide(message), conversation);
  }

  private messageSide(message: StoredMessage): FrontEventSide {
    return { _meta: { type: "message" }, data: this.shapes.message(message) };
  }

  private source(actor: EventActor): FrontEventSide {
    if (actor === "rule") return { _meta: { type: "rule" }, data: this.rule() };
    if (actor === "api") return { _meta: { type: "api" }, data: { id: "api", name: "API" } };
    return { _meta: { type: "teammate" }, data: this.shapes.teammate(actor.teammateId) };
  }

  private rule() {
    return {
      _links: { self: this.shapes.link(`/rules/${SIM_RULE.id}`), related: { owner: null } },
      ...SIM_RULE,
      actions: [...SIM_RULE.actions],
    };
  }

  /** Snapshots the conversation as it is now and remembers the event for GET /events/{id}. */
  private record(
    type: string,
    source: FrontEventSide,
    target: FrontEventSide | undefined,
    conversation: StoredConversation,
  ): FrontEvent {
    const id = newId("evt");
    const event: FrontEvent = {
      _links: { self: this.shapes.link(`/events/${id}`) },
      id,
      type,
      emitted_at: unixSeconds(),
      source,
      // No target key at all when there is none, as in Front's archive and unassign bodies.
      ...(target ? { target } : {}),
      conversation: this.shapes.conversation(conversation),
    };
    this.state.events.set(id, event);
    return event;
  }
}

/** Where a preview's `_links.self` points, per `_meta.type`; other sides (recipient, api, ids) are not resources. */
const PREVIEW_LINK_PATHS: Record<string, string> = {
  inboxes: "inboxes",
  teammate: "teammates",
  rule: "rules",
  message: "messages",
  comment: "comments",
  tag: "tags",
};

type PreviewSide = { _meta: { type: string }; _links: { self: string }; id: string } | FrontEventSide;

/**
 * One side in the preview form: `{_meta:{type}, _links:{self}, id}`, no `data`, as in Front's published example.
 * An `inboxes` source is an array in the full form; its preview names the first inbox, the one the message arrived
 * in (a message event has one inbox in practice, and the shared rule-inbound-preview fixture has this form): a
 * single `_links`/`id` pair is what every preview side has. Sides that are not linkable resources (a recipient, an
 * API source, merged conversation ids) have no id to point at, so they keep their data.
 */
function previewSide(side: FrontEventSide, baseUrl: string): PreviewSide {
  const kind = side._meta.type;
  const linkPath = PREVIEW_LINK_PATHS[kind];
  const resource = (Array.isArray(side.data) ? side.data[0] : side.data) as
    { id?: unknown; _links?: { self?: string } } | null | undefined;
  if (!linkPath || typeof resource?.id !== "string") return structuredClone(side);
  const self = resource._links?.self ?? `${baseUrl}/${linkPath}/${resource.id}`;
  return { _meta: { type: kind }, _links: { self }, id: resource.id };
}

/** The rule-webhook preview ("Send Full Event Data" off): sides become ids and _links, the conversation too. */
export function toPreviewEvent(event: FrontEvent, baseUrl: string): Record<string, unknown> {
  return {
    _links: { ...event._links },
    id: event.id,
    type: event.type,
    emitted_at: event.emitted_at,
    source: previewSide(event.source, baseUrl),
    ...(event.target ? { target: previewSide(event.target, baseUrl) } : {}),
    conversation: { _links: { self: event.conversation._links.self }, id: event.conversation.id },
  };
}
