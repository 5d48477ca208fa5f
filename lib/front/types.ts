import { z } from "zod";

// Lenient schemas: Front adds fields and types over time, so unknown fields are kept and nothing beyond the
// ids we need is required.

export const frontTeammateSchema = z.looseObject({
  id: z.string(),
  email: z.string().nullish(),
  username: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  type: z.string().nullish(),
  is_available: z.boolean().nullish(),
});
export type FrontTeammate = z.infer<typeof frontTeammateSchema>;

export const frontRecipientSchema = z.looseObject({
  handle: z.string(),
  name: z.string().nullish(),
  role: z.string().nullish(),
});
export type FrontRecipient = z.infer<typeof frontRecipientSchema>;

export const frontAttachmentSchema = z.looseObject({
  id: z.string().nullish(),
  filename: z.string().nullish(),
  url: z.string().nullish(),
  content_type: z.string().nullish(),
  size: z.number().nullish(),
});

export const frontMessageSchema = z.looseObject({
  id: z.string(),
  /** The handle a 202 reply answer returns: how a later sending_error is matched to the reply that failed. */
  message_uid: z.string().nullish(),
  type: z.string().nullish(),
  is_inbound: z.boolean().nullish(),
  created_at: z.number().nullish(),
  subject: z.string().nullish(),
  blurb: z.string().nullish(),
  body: z.string().nullish(),
  text: z.string().nullish(),
  author: frontTeammateSchema.nullish(),
  recipients: z.array(frontRecipientSchema).nullish(),
  attachments: z.array(frontAttachmentSchema).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type FrontMessage = z.infer<typeof frontMessageSchema>;

export const frontConversationSchema = z.looseObject({
  id: z.string(),
  subject: z.string().nullish(),
  status: z.string().nullish(),
  assignee: frontTeammateSchema.nullish(),
  recipient: frontRecipientSchema.nullish(),
  created_at: z.number().nullish(),
});
export type FrontConversation = z.infer<typeof frontConversationSchema>;

/**
 * One side of an event (source or target). Full form: `{_meta:{type}, data}`. Preview form (a rule webhook with
 * "send full event data" off, Front's default): `{_meta:{type}, _links:{self}, id}`, with no `data` key.
 */
const eventPartySchema = z.looseObject({
  _meta: z.looseObject({ type: z.string() }).nullish(),
  data: z.unknown().optional(),
  _links: z.looseObject({ self: z.string().nullish() }).nullish(),
  id: z.string().nullish(),
});
export type FrontEventParty = z.infer<typeof eventPartySchema>;

export const frontEventSchema = z.looseObject({
  id: z.string().startsWith("evt_"),
  type: z.string(),
  emitted_at: z.number().nullish(),
  source: eventPartySchema.nullish(),
  // Absent (not null) on events without one: archive, unassign, reopen, trash.
  target: eventPartySchema.nullish(),
  conversation: z.looseObject({ id: z.string() }).nullish(),
});
export type FrontEvent = z.infer<typeof frontEventSchema>;

/**
 * The id of an event side in either form: `data.id` in a full event, `id` in a preview. Only the id is taken
 * from a preview, never its `_links.self`: a URL from a webhook body is not somewhere to send the API token.
 */
export function eventPartyId(party: FrontEventParty | null | undefined): string | null {
  if (!party) return null;
  const dataId = (party.data as { id?: unknown } | null | undefined)?.id;
  if (typeof dataId === "string") return dataId;
  return typeof party.id === "string" ? party.id : null;
}

/** The application-webhook envelope; rule webhooks send the bare event. */
export const applicationEnvelopeSchema = z.looseObject({
  type: z.string(),
  authorization: z.looseObject({ id: z.string() }).nullish(),
  payload: frontEventSchema.optional(),
});
export type ApplicationEnvelope = z.infer<typeof applicationEnvelopeSchema>;

export const frontErrorBodySchema = z.object({
  _error: z.looseObject({
    status: z.number().optional(),
    title: z.string().optional(),
    message: z.string().optional(),
    details: z.array(z.unknown()).optional(),
  }),
});

export const messagePageSchema = z.looseObject({
  _pagination: z.looseObject({ next: z.string().nullish() }).nullish(),
  _results: z.array(frontMessageSchema),
});

export const teammateListSchema = z.looseObject({ _results: z.array(frontTeammateSchema) });

export const commentSchema = z.looseObject({ id: z.string() });

export const frontCommentSchema = z.looseObject({
  id: z.string(),
  body: z.string().nullish(),
  author: frontTeammateSchema.nullish(),
  /** Unix seconds. */
  posted_at: z.number().nullish(),
});
export type FrontComment = z.infer<typeof frontCommentSchema>;

export const commentPageSchema = z.looseObject({
  _pagination: z.looseObject({ next: z.string().nullish() }).nullish(),
  _results: z.array(frontCommentSchema),
});

export const replyAcceptedSchema = z.looseObject({ status: z.string().optional(), message_uid: z.string().optional() });

export const frontChannelSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  /** The address customers write to: an email address or a phone number. */
  address: z.string().nullish(),
  /** twilio (SMS), twilio_whatsapp, custom (application channels such as voice), smtp, gmail, front_chat, … */
  type: z.string().nullish(),
  send_as: z.string().nullish(),
  /** `related.inbox`: the channel's inbox, as a URL ending in its id. */
  _links: z.looseObject({ related: z.looseObject({ inbox: z.string().nullish() }).nullish() }).nullish(),
});
export type FrontChannel = z.infer<typeof frontChannelSchema>;

/** The id of a channel's inbox, from the link Front gives (`…/inboxes/inb_1ix6`); null when it has none. */
export function channelInboxId(channel: FrontChannel): string | null {
  const match = channel._links?.related?.inbox?.match(/\/inboxes\/(inb_[A-Za-z0-9]+)\/?$/);
  return match ? match[1] : null;
}

export const channelListSchema = z.looseObject({
  _pagination: z.looseObject({ next: z.string().nullish() }).nullish(),
  _results: z.array(frontChannelSchema),
});

export const inboxListSchema = z.looseObject({
  _pagination: z.looseObject({ next: z.string().nullish() }).nullish(),
  _results: z.array(z.looseObject({ id: z.string(), name: z.string().nullish() })),
});

export const meSchema = z.looseObject({ id: z.string(), name: z.string().nullish() });

/** A message with its full content (a preview event carries only ids and links). */
export function isFullMessage(value: unknown): value is FrontMessage {
  const parsed = frontMessageSchema.safeParse(value);
  return (
    parsed.success && typeof parsed.data.type === "string" && (parsed.data.text != null || parsed.data.body != null)
  );
}

/** A conversation with its assignment known (a preview carries only the id). */
export function isFullConversation(value: unknown): value is FrontConversation {
  const parsed = frontConversationSchema.safeParse(value);
  return parsed.success && "assignee" in parsed.data && typeof parsed.data.status === "string";
}
