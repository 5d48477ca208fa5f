// Front's wire shapes (as in the shared Front fixtures) and the simulator's own input types.

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
  _links: { self: string; related: { conversations: string; owner: string | null; parent_tag: string | null; children: string | null } };
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
  /** Emit a `trash` event (status "deleted") before the conversation disappears. Default false. */
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
