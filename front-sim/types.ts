// Front's wire shapes (as in the shared Front fixtures), the simulator's own input types, and the simulator itself.
import type { EventDelivery, SyncResult } from "./dispatch";
import type { ActiveFault, FaultSpec, RequestLogEntry } from "./faults";
import type { ConversationCounts, ConversationView } from "./serialize";
import type { DeliveryRecord } from "./webhooks";

/** A teammate as the simulator is given it; the wire form adds `_links`. */
export interface Teammate {
  id: string;
  email: string;
  username: string;
  first_name: string;
  last_name: string;
  is_admin: boolean;
  is_available: boolean;
  is_blocked: boolean;
  type: string;
  custom_fields: Record<string, unknown>;
}

/**
 * Front's teammate object. Front's spec also requires `license_type` (without saying what it holds); no captured
 * body has it, so the simulator leaves it out and the app must not need it.
 */
export interface FrontTeammate extends Teammate {
  _links: { self: string; related: { inboxes: string; conversations: string } };
}

/** An inbox as the simulator's directory lists it; the wire form adds `_links`. */
export interface InboxRecord {
  id: string;
  name: string;
  is_private: boolean;
}

export interface FrontInbox extends InboxRecord {
  _links: { self: string; related: { teammates: string; conversations: string; channels: string } };
  is_public: boolean;
}

/** Front's ChannelResponse. */
export interface FrontChannel {
  _links: { self: string; related: { inbox: string | null } };
  id: string;
  name: string;
  address: string;
  type: string;
  send_as: string;
  settings: { undo_send_time: number; all_teammates_can_reply: boolean };
  is_private: boolean;
  is_valid: boolean;
}

/** A recipient as stored; the wire form adds `_links`. */
export interface RecipientRecord {
  name: string | null;
  handle: string;
  role: "from" | "to" | "cc" | "bcc" | "reply-to";
}

export interface FrontRecipient extends RecipientRecord {
  _links: { related: { contact: string | null } };
}

export interface FrontAttachment {
  id: string;
  filename: string;
  url: string;
  content_type: string;
  size: number;
  metadata: { is_inline: boolean };
}

export interface FrontMessage {
  _links: { self: string; related: { conversation: string } };
  id: string;
  message_uid: string;
  type: string;
  is_inbound: boolean;
  draft_mode: "private" | "shared" | null;
  created_at: number;
  subject: string | null;
  blurb: string;
  body: string;
  text: string;
  author: FrontTeammate | null;
  attachments: FrontAttachment[];
  recipients: FrontRecipient[];
  metadata: Record<string, unknown>;
}

export interface FrontTag {
  _links: {
    self: string;
    related: { conversations: string; owner: string | null; parent_tag: string | null; children: string | null };
  };
  id: string;
  name: string;
  description: string | null;
  highlight: string | null;
  is_private: boolean;
  is_visible_in_conversation_lists: boolean;
}

export interface FrontConversation {
  _links: {
    self: string;
    related: {
      events: string;
      followers: string;
      messages: string;
      comments: string;
      inboxes: string;
      last_message: string;
    };
  };
  id: string;
  type: "conversation";
  subject: string;
  status: ConversationStatus;
  ticket_ids: string[];
  assignee: FrontTeammate | null;
  recipient: FrontRecipient | null;
  tags: FrontTag[];
  links: unknown[];
  custom_fields: Record<string, unknown>;
  created_at: number;
  updated_at: number;
  is_private: boolean;
  scheduled_reminders: unknown[];
  metadata: Record<string, unknown>;
}

export type ConversationStatus = "assigned" | "unassigned" | "archived" | "deleted";

export interface FrontComment {
  _links: { self: string; related: { conversation: string; mentions: string } };
  id: string;
  author: FrontTeammate | null;
  body: string;
  posted_at: number;
  attachments: unknown[];
  is_pinned: boolean;
}

export interface FrontEventSide {
  _meta: { type: string };
  data: unknown;
}

/** Front's Event object: the payload of an application webhook, the whole body of a rule webhook. */
export interface FrontEvent {
  _links: { self: string };
  id: string;
  type: string;
  emitted_at: number;
  source: FrontEventSide;
  /** Absent (the key, not null) for events without one: archive, unassign, reopen, trash, restore. */
  target?: FrontEventSide;
  conversation: FrontConversation;
}

export interface ApplicationEnvelope {
  type: string;
  authorization: { id: string };
  payload: FrontEvent;
}

export interface FrontError {
  _error: { status: number; title: string; message: string; details: unknown[] };
}

// ---- Simulator inputs ----

export interface FrontSimulatorOptions {
  /** 0 picks a free port (default). */
  port?: number;
  host?: string;
  apiToken: string;
  appSecret: string;
  ruleSecret?: string;
  webhookUrl?: string;
  /** "application" (default): envelope + SHA-256 signature; "rule": bare event + SHA-1 signature. */
  webhookKind?: WebhookKind;
  /** Rule webhooks only: send previews (ids and _links) instead of full events. */
  rulePreview?: boolean;
  companyId?: string;
  companyName?: string;
  teammates?: Teammate[];
  /** Front gives up on a delivery after 5 s. */
  deliveryTimeoutMs?: number;
  /** Also emit outbound/archive/assign events for writes the app makes through the Core API, like Front does. */
  emitEventsForApiWrites?: boolean;
  /** Value of x-ratelimit-limit (informational; use faults to force 429s). */
  rateLimitPerMinute?: number;
  /**
   * The scopes the API token holds (default: every scope). A request to an endpoint needing one it lacks gets
   * Front's 403. FRONT_SCOPES_BY_ENDPOINT lists what each endpoint needs.
   */
  tokenScopes?: string[];
}

/** How a reply fails after Front accepted it. */
export type SendingFailureKind = "sending_error" | "message_bounce_error";

export interface FailNextReplyOptions {
  /** Only a reply on this conversation; the next reply anywhere when omitted. */
  conversationId?: string;
  /** Default sending_error. */
  kind?: SendingFailureKind;
}

export interface SendingErrorOptions {
  /** Default sending_error. */
  kind?: SendingFailureKind;
}

export interface MergeOptions {
  /** The teammate who merged; a rule when omitted. */
  by?: string;
}

export type WebhookKind = "application" | "rule";

export type CallMessageType = "call" | "phone-call" | "custom";

export interface PlaceCallInput {
  from: string;
  to?: string;
  /** Transcript, voicemail summary or call notes; one paragraph per line. */
  text: string;
  messageType?: CallMessageType;
  durationSeconds?: number;
  answered?: boolean;
  /** Default: the AI teammate. null leaves the conversation unassigned. */
  assigneeId?: string | null;
  subject?: string;
  /** Continue this conversation instead of creating one. */
  conversationId?: string;
  fromName?: string | null;
}

export interface SendMessageInput {
  /** email, sms, whatsapp, front_chat, custom, or any other Front message type. */
  channel?: string;
  /** Alias of channel. */
  messageType?: string;
  from: string;
  fromName?: string | null;
  to?: string;
  text: string;
  subject?: string;
  /** Defaults to the text as HTML paragraphs. */
  html?: string;
  assigneeId?: string | null;
  conversationId?: string;
  /** Files attached to the message; Front lists them with an id, a download URL, type and size. */
  attachments?: AttachmentInput[];
}

export interface AttachmentInput {
  filename: string;
  /** Default application/octet-stream. */
  contentType?: string;
  /** Bytes; default 1024. */
  size?: number;
}

/** A transcript line as Front's Channel API takes it: `external` is the customer, `internal` our side. */
export interface TranscriptLine {
  speaker_name: string;
  content: string;
  start_time_seconds: number;
  speaker_type: "internal" | "external";
}

export interface CallTranscriptOptions {
  /** A voicemail transcript: the event is call_voicemail_transcript_added instead of call_transcript_added. */
  voicemail?: boolean;
  /**
   * The transcript as structured lines, stored in the message's `metadata.transcript_lines`, as a phone integration
   * may put them (Front's Core API documents no transcript field on a message).
   */
  lines?: TranscriptLine[];
}

export interface DeleteConversationOptions {
  /**
   * Move it to Front's trash instead: status "deleted", a `trash` event, and the Core API still serves it (as Front
   * does until it is deleted for good). Default false: deleted for good, silently (404 from then on).
   */
  trash?: boolean;
  /** The teammate who deleted it, for the trash event's source; a rule when omitted. */
  by?: string;
}

/** What deleteConversation did: the trash event, when one was emitted. */
export interface DeleteConversationResult {
  conversationId: string;
  eventId: string | null;
  delivery: DeliveryResult | null;
}

export interface TeammateReplyInput {
  conversationId: string;
  /** Default: the human teammate (tea_rep7). */
  teammateId?: string;
  text: string;
  html?: string;
  /** Default `out_reply` (Front's event for a reply in the thread); `outbound` for a new outbound message. */
  event?: "out_reply" | "outbound";
}

export interface DeliveryResult {
  /** The app's HTTP status; 0 when nothing answered (no URL, refused, timeout). */
  status: number;
  /** Parsed JSON when the answer is JSON, else the raw text. */
  body: unknown;
  text: string;
  headers: Record<string, string>;
  durationMs: number;
  error?: string;
}

export interface SimActionResult {
  conversationId: string;
  messageId?: string;
  eventId: string;
  delivery: DeliveryResult;
}

export type SignatureMode = "valid" | "wrong-secret" | "tampered" | "missing";

export interface DeliverEventOptions {
  kind?: WebhookKind;
  preview?: boolean;
  signature?: SignatureMode;
  /** Application webhooks: the x-front-request-timestamp to sign with (default now). */
  timestampMs?: number;
  /** Application webhooks: envelope type; derived from the event type when omitted. */
  envelopeType?: string;
}

type FaultMatch = Pick<FaultSpec, "count" | "seconds" | "method" | "path">;

export interface SimSettings {
  webhookUrl: string | null;
  webhookKind: WebhookKind;
  rulePreview: boolean;
  /** The API token's scopes; null: every scope. */
  tokenScopes: string[] | null;
}

export interface SimSnapshot extends SimSettings {
  url: string;
  companyId: string;
  conversations: ConversationView[];
  counts: Record<string, ConversationCounts>;
  totals: {
    conversations: number;
    messages: number;
    comments: number;
    replies: number;
    drafts: number;
    assigneeChanges: number;
    requests: number;
    deliveries: number;
  };
  faults: ActiveFault[];
  deliveries: Array<{
    eventId: string | null;
    kind: string;
    status: number;
    error?: string;
    redelivery: boolean;
    atMs: number;
  }>;
}

export interface FrontSimulator {
  /** Base URL, no trailing slash: use it as the Front API base URL. */
  readonly url: string;
  readonly port: number;
  readonly companyId: string;
  readonly teammates: Teammate[];
  readonly webhookUrl: string | undefined;
  close(): Promise<void>;
  /** Forgets conversations, events, deliveries, faults and the request log; keeps the configuration. */
  reset(): void;
  /** `tokenScopes: null` gives the token every scope again. */
  configure(settings: {
    webhookUrl?: string | null;
    webhookKind?: WebhookKind;
    rulePreview?: boolean;
    tokenScopes?: string[] | null;
  }): void;
  settings(): SimSettings;

  getConversation(id: string): ConversationView | undefined;
  listConversations(): ConversationView[];
  getEvent(id: string): FrontEvent | undefined;
  /** Every Core API request, oldest first. */
  readonly requests: RequestLogEntry[];
  clearRequests(): void;
  /** Per conversation id: what the app did through the Core API. */
  readonly counts: Record<string, ConversationCounts>;
  readonly deliveries: DeliveryRecord[];
  snapshot(): SimSnapshot;

  addFault(spec: FaultSpec): ActiveFault;
  /**
   * 429s: the plan limit (x-ratelimit-remaining 0), or with `limit: "burst"` the per-resource burst limit
   * (x-front-tier, remaining still above 0); scope a burst to one resource with `path`.
   */
  rateLimit(options?: FaultMatch & Pick<FaultSpec, "retryAfterSeconds" | "limit">): ActiveFault;
  /** Answers matching requests with an error: a 5xx (default 500), or a 4xx for Front refusing the request. */
  fail(options?: FaultMatch & Pick<FaultSpec, "status" | "message">): ActiveFault;
  hang(options?: FaultMatch): ActiveFault;
  clearFaults(): void;
  readonly faults: ActiveFault[];

  placeCall(input: PlaceCallInput): Promise<SimActionResult>;
  sendMessage(input: SendMessageInput): Promise<SimActionResult>;
  /**
   * A call's transcript arrives after the call: replaces the call message's text and body, and delivers a
   * call_transcript_added (or, with `voicemail`, call_voicemail_transcript_added) event targeting the message.
   */
  addCallTranscript(messageId: string, text: string, options?: CallTranscriptOptions): Promise<SimActionResult>;
  teammateReply(input: TeammateReplyInput): Promise<SimActionResult>;
  archive(conversationId: string, options?: { teammateId?: string }): Promise<SimActionResult>;
  /** A teammate reopens an archived conversation: a reopen event. */
  reopen(conversationId: string, options?: { teammateId?: string }): Promise<SimActionResult>;
  assign(conversationId: string, teammateId: string | null, options?: { by?: string }): Promise<SimActionResult>;
  /**
   * Merges source into target; the source id then answers 301 on the Core API. Delivers conversations_merged on the
   * target, naming the source in `target.data` (`_meta.type` deleted_conversation_ids).
   */
  merge(sourceId: string, targetId: string, options?: MergeOptions): Promise<SimActionResult>;
  /**
   * The next reply the app posts (on `conversationId`, or on any conversation) is accepted (202) and then fails:
   * a sending_error (or message_bounce_error) event targeting it follows. `whenIdle()` waits for it.
   */
  failNextReply(options?: FailNextReplyOptions): void;
  /** Delivers a sending_error (or message_bounce_error) for a message that was sent. */
  emitSendingError(messageId: string, options?: SendingErrorOptions): Promise<SimActionResult>;
  /** Deletes a conversation for good: Core API calls on it (and its messages) answer 404. `trash` emits a trash event first. */
  deleteConversation(conversationId: string, options?: DeleteConversationOptions): Promise<DeleteConversationResult>;
  deliverEvent(
    event: FrontEvent | Record<string, unknown> | string,
    options?: DeliverEventOptions,
  ): Promise<EventDelivery>;
  redeliver(eventId: string): Promise<EventDelivery>;
  sync(): Promise<SyncResult>;
  /** Resolves when echoed events for Core API writes, and reply failures, have been delivered. */
  whenIdle(): Promise<void>;
}
