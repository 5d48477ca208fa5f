import { z } from "zod";
import { channelOfInbox, findChannel, type ChannelSetup } from "./directory";
import { frontError, json, noContent, type HttpAnswer } from "./http-util";
import { decodePageToken, encodePageToken, parseLimit } from "./pagination";
import { htmlToText, type FrontShapes } from "./serialize";
import type { Lifecycle, SimState, StoredConversation, StoredMessage } from "./state";
import type { RecipientRecord, SendingFailureKind } from "./types";

// Front's Core API routes: the subset Frontline uses, answered with Front's shapes and status codes.

/** A write the app made, so the simulator can echo Front's webhook events for it. */
export type ApiWrite =
  | {
      kind: "reply";
      conversation: StoredConversation;
      message: StoredMessage;
      archived: boolean;
      /** Set when the reply cannot go out: Front accepted it, and reports the failure later with this event. */
      failure: SendingFailureKind | null;
    }
  | { kind: "assignee"; conversation: StoredConversation }
  | { kind: "status"; conversation: StoredConversation; lifecycle: Lifecycle };

export interface CoreApiContext {
  state: SimState;
  shapes: FrontShapes;
  companyId: string;
  companyName: string;
  /** `answered` resolves once the answer is on the wire: Front's events for a write come after its answer. */
  onWrite: (write: ApiWrite, answered?: Promise<void>) => void;
}

export interface CoreApiRequest {
  method: string;
  url: URL;
  body: unknown;
  /** Resolves when the answer has been written; default: already. */
  answered?: Promise<void>;
}

type Handler = (ctx: CoreApiContext, request: CoreApiRequest, id: string) => HttpAnswer;

// Request bodies as Front's spec has them. The spec never sets additionalProperties: false, so unknown fields
// pass (`loose`), as they do at Front; the contract test fails if a new spec version closes one of these bodies.
const commentBody = z
  .object({ body: z.string().min(1), author_id: z.string().optional(), is_pinned: z.boolean().optional() })
  .loose();
// The spec types assignee_id as a string, and says in prose to send null to unassign: null is accepted.
const assigneeBody = z.object({ assignee_id: z.string().nullable() }).loose();
const handles = z.array(z.string());
const replyBody = z
  .object({
    body: z.string().min(1),
    author_id: z.string().optional(),
    channel_id: z.string().optional(),
    to: handles.optional(),
    cc: handles.optional(),
    bcc: handles.optional(),
    sender_name: z.string().optional(),
    subject: z.string().optional(),
    text: z.string().optional(),
    quote_body: z.string().optional(),
    signature_id: z.string().optional(),
    should_add_default_signature: z.boolean().optional(),
    options: z
      .object({ archive: z.boolean().optional(), tag_ids: z.array(z.string()).optional() })
      .loose()
      .optional(),
  })
  .loose();
// ReplyDraft: body and channel_id are required; without author_id the draft belongs to the token's owner.
const draftBody = z
  .object({
    body: z.string().min(1),
    channel_id: z.string(),
    author_id: z.string().optional(),
    to: handles.optional(),
    cc: handles.optional(),
    bcc: handles.optional(),
    subject: z.string().optional(),
    quote_body: z.string().optional(),
    mode: z.enum(["private", "shared"]).optional(),
    signature_id: z.string().optional(),
    should_add_default_signature: z.boolean().optional(),
  })
  .loose();
const patchBody = z
  .object({
    assignee_id: z.string().nullable().optional(),
    inbox_id: z.string().optional(),
    status: z.enum(["archived", "open", "deleted", "spam"]).optional(),
    tag_ids: z.array(z.string()).optional(),
    custom_fields: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

type Issue = { path: ReadonlyArray<PropertyKey>; message: string };

/** Front's wording: `body.<field>: missing` for an absent required field, else the reason. */
function bodyIssueDetails(body: unknown, issues: ReadonlyArray<Issue>): string[] {
  return issues.map((issue) => {
    const path = ["body", ...issue.path.map(String)].join(".");
    return `${path}: ${valueAt(body, issue.path) === undefined ? "missing" : issue.message}`;
  });
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; answer: HttpAnswer } {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    answer: frontError(400, "Body did not satisfy requirements", bodyIssueDetails(body ?? {}, parsed.error.issues)),
  };
}

/** undefined when the id is fine (or absent), else a 400. */
function unknownTeammate(ctx: CoreApiContext, id: string | null | undefined): HttpAnswer | undefined {
  if (id === null || id === undefined || ctx.state.teammates.has(id)) return undefined;
  return frontError(400, `Unknown teammate ${id}`);
}

/** A channel named by id or `alt:address:` alias, or Front's 404. */
function channelNamed(idOrAlias: string): { ok: true; channel: ChannelSetup } | { ok: false; answer: HttpAnswer } {
  const channel = findChannel(idOrAlias);
  return channel ? { ok: true, channel } : { ok: false, answer: frontError(404, `Unknown channel ${idOrAlias}`) };
}

// ---- top-level resources ----

const getMe: Handler = (ctx) =>
  json(200, { _links: { self: ctx.shapes.link("/me") }, id: ctx.companyId, name: ctx.companyName });

const listTeammates: Handler = (ctx) =>
  json(200, { _links: { self: ctx.shapes.link("/teammates") }, _results: ctx.shapes.teammates() });

const getTeammate: Handler = (ctx, _request, id) => {
  const teammate = ctx.shapes.teammate(id);
  return teammate ? json(200, teammate) : frontError(404, `Unknown teammate ${id}`);
};

const listInboxes: Handler = (ctx) =>
  json(200, { _links: { self: ctx.shapes.link("/inboxes") }, _results: ctx.shapes.inboxes() });

const getInbox: Handler = (ctx, _request, id) => {
  const inbox = ctx.shapes.inbox(id);
  return inbox ? json(200, inbox) : frontError(404, `Unknown inbox ${id}`);
};

const listInboxChannels: Handler = (ctx, _request, id) => {
  if (!ctx.shapes.inbox(id)) return frontError(404, `Unknown inbox ${id}`);
  return json(200, { _links: { self: ctx.shapes.link(`/inboxes/${id}/channels`) }, _results: ctx.shapes.channels(id) });
};

const listChannels: Handler = (ctx) =>
  json(200, { _links: { self: ctx.shapes.link("/channels") }, _results: ctx.shapes.channels() });

const getChannel: Handler = (ctx, _request, id) => {
  const found = channelNamed(id);
  return found.ok ? json(200, ctx.shapes.channel(found.channel)) : found.answer;
};
const getMessage: Handler = (ctx, _request, id) => {
  // Front also accepts alt:uid:<message_uid>, the handle a 202 reply answer gives.
  const uid = id.startsWith("alt:uid:") ? id.slice("alt:uid:".length) : null;
  const message = uid
    ? [...ctx.state.messages.values()].find((stored) => stored.messageUid === uid)
    : ctx.state.messages.get(id);
  return message ? json(200, ctx.shapes.message(message)) : frontError(404, `Unknown message ${id}`);
};

const getComment: Handler = (ctx, _request, id) => {
  const comment = ctx.state.comments.get(id);
  return comment ? json(200, ctx.shapes.comment(comment)) : frontError(404, `Unknown comment ${id}`);
};

const getEvent: Handler = (ctx, _request, id) => {
  const event = ctx.state.events.get(id);
  return event ? json(200, event) : frontError(404, `Unknown event ${id}`);
};

// ---- conversation resources (id already resolved to a live conversation) ----

type ConversationHandler = (
  ctx: CoreApiContext,
  request: CoreApiRequest,
  conversation: StoredConversation,
) => HttpAnswer;

const getConversation: ConversationHandler = (ctx, _request, conversation) =>
  json(200, ctx.shapes.conversation(conversation));

const patchConversation: ConversationHandler = (ctx, request, conversation) => {
  const parsed = parseBody(patchBody, request.body);
  if (!parsed.ok) return parsed.answer;
  const { assignee_id: assigneeId, status, tag_ids: tagIds } = parsed.value;
  const invalid = unknownTeammate(ctx, assigneeId);
  if (invalid) return invalid;
  if (assigneeId !== undefined) {
    ctx.state.setAssignee(conversation, assigneeId, "api");
    ctx.onWrite({ kind: "assignee", conversation });
  }
  if (status) {
    const lifecycle: Lifecycle = status === "open" ? "open" : status === "archived" ? "archived" : "deleted";
    ctx.state.setLifecycle(conversation, lifecycle);
    ctx.onWrite({ kind: "status", conversation, lifecycle });
  }
  if (tagIds) conversation.tagIds = [...new Set(tagIds)];
  return noContent();
};

const listMessages: ConversationHandler = (ctx, request, conversation) => {
  const limit = parseLimit(request.url.searchParams.get("limit"));
  if (!limit.ok) return frontError(400, limit.error);
  const token = request.url.searchParams.get("page_token");
  const offset = token === null ? 0 : decodePageToken(token);
  if (offset === undefined) return frontError(400, `Invalid page_token ${token}`);
  const newestFirst = [...conversation.messageIds].reverse();
  const page = newestFirst.slice(offset, offset + limit.value);
  const nextOffset = offset + limit.value;
  const basePath = `/conversations/${conversation.id}/messages`;
  const next =
    nextOffset < newestFirst.length
      ? ctx.shapes.link(`${basePath}?limit=${limit.value}&page_token=${encodePageToken(nextOffset)}`)
      : null;
  return json(200, {
    _pagination: { next },
    _links: { self: ctx.shapes.link(`${basePath}${request.url.search}`) },
    _results: page.map((id) => ctx.shapes.message(ctx.state.messages.get(id)!)),
  });
};

/** The message type an outgoing message gets, and the address it comes from. */
interface Sending {
  type: string;
  from: string;
}

function sendingOn(channel: ChannelSetup): Sending {
  return { type: channel.messageType, from: channel.address };
}

/**
 * A reply that names no channel goes out from our address on the conversation's own channel, with the
 * conversation's message type; on a voice channel, the channel's (a call record's type is not a text's).
 */
function sendingByDefault(conversation: StoredConversation, inboxChannel: ChannelSetup | undefined): Sending {
  const type = inboxChannel && !inboxChannel.carriesText ? inboxChannel.messageType : conversation.channel;
  return { type, from: conversation.ourAddress };
}

/** What an outgoing message (reply or draft) looks like. */
function outgoingMessage(
  conversation: StoredConversation,
  { type, from }: Sending,
  input: {
    body: string;
    text?: string;
    subject?: string;
    author_id?: string;
    to?: string[];
    cc?: string[];
    bcc?: string[];
  },
  draftMode: StoredMessage["draftMode"],
): Omit<StoredMessage, "id" | "messageUid" | "conversationId" | "createdAtMs"> {
  const nameOf = (handle: string) => (handle === conversation.recipient.handle ? conversation.recipient.name : null);
  const recipientsFor = (role: RecipientRecord["role"], list: string[] = []) =>
    list.map((handle) => ({ name: nameOf(handle), handle, role }));
  return {
    type,
    isInbound: false,
    subject: type === "email" ? (input.subject ?? `Re: ${conversation.subject}`) : null,
    body: input.body,
    text: input.text ?? htmlToText(input.body),
    authorId: input.author_id ?? null,
    recipients: [
      { name: null, handle: from, role: "from" },
      ...recipientsFor("to", input.to?.length ? input.to : [conversation.recipient.handle]),
      ...recipientsFor("cc", input.cc),
      ...recipientsFor("bcc", input.bcc),
    ],
    metadata: {},
    draftMode,
  };
}

/**
 * POST /conversations/{id}/messages. Without channel_id the reply goes out on the channel of the conversation's
 * inbox. A voice channel cannot carry it: what Front does with a text reply on a call is not documented, so the
 * simulator does what it does with any reply that cannot be delivered: accepts it (202), then reports a
 * sending_error. A test can also make the next reply fail (SimState.planReplyFailure).
 */
const reply: ConversationHandler = (ctx, request, conversation) => {
  const parsed = parseBody(replyBody, request.body);
  if (!parsed.ok) return parsed.answer;
  const input = parsed.value;
  const named = input.channel_id === undefined ? undefined : channelNamed(input.channel_id);
  if (named && !named.ok) return named.answer;
  const invalid = unknownTeammate(ctx, input.author_id);
  if (invalid) return invalid;
  const inboxChannel = channelOfInbox(conversation.inboxId);
  const channel = named?.channel ?? inboxChannel;
  const sending = named ? sendingOn(named.channel) : sendingByDefault(conversation, inboxChannel);
  const message = ctx.state.addMessage(conversation, outgoingMessage(conversation, sending, input, null));
  const failure =
    ctx.state.takeReplyFailure(conversation.id) ?? (channel?.carriesText === false ? "sending_error" : null);
  // Front archives the conversation after a reply unless options.archive is false.
  const archived = input.options?.archive !== false;
  if (archived) ctx.state.setLifecycle(conversation, "archived");
  if (input.options?.tag_ids) ctx.state.addTags(conversation, input.options.tag_ids);
  const messageUid = message.messageUid;
  conversation.replies.push({
    messageId: message.id,
    messageUid,
    authorId: input.author_id ?? null,
    body: input.body,
    text: input.text ?? null,
    channelId: input.channel_id ?? null,
    to: input.to ?? null,
    options: input.options ? structuredClone(input.options) : undefined,
    archived,
    failure,
    atMs: message.createdAtMs,
  });
  ctx.onWrite({ kind: "reply", conversation, message, archived, failure });
  return json(202, { status: "accepted", message_uid: messageUid });
};

const listConversationInboxes: ConversationHandler = (ctx, _request, conversation) => {
  const inbox = ctx.shapes.inbox(conversation.inboxId);
  return json(200, {
    _pagination: { next: null },
    _links: { self: ctx.shapes.link(`/conversations/${conversation.id}/inboxes`) },
    _results: inbox ? [inbox] : [],
  });
};

/** Newest first ("in reverse chronological order", Front's spec for this list). */
const listComments: ConversationHandler = (ctx, _request, conversation) =>
  json(200, {
    _pagination: { next: null },
    _links: { self: ctx.shapes.link(`/conversations/${conversation.id}/comments`) },
    _results: conversation.commentIds.toReversed().map((id) => ctx.shapes.comment(ctx.state.comments.get(id)!)),
  });

const addComment: ConversationHandler = (ctx, request, conversation) => {
  const parsed = parseBody(commentBody, request.body);
  if (!parsed.ok) return parsed.answer;
  const invalid = unknownTeammate(ctx, parsed.value.author_id);
  if (invalid) return invalid;
  const comment = ctx.state.addComment(conversation, parsed.value.author_id ?? null, parsed.value.body);
  return json(201, ctx.shapes.comment(comment));
};

const putAssignee: ConversationHandler = (ctx, request, conversation) => {
  const parsed = parseBody(assigneeBody, request.body);
  if (!parsed.ok) return parsed.answer;
  const invalid = unknownTeammate(ctx, parsed.value.assignee_id);
  if (invalid) return invalid;
  ctx.state.setAssignee(conversation, parsed.value.assignee_id, "api");
  ctx.onWrite({ kind: "assignee", conversation });
  return noContent();
};

const listDrafts: ConversationHandler = (ctx, _request, conversation) =>
  json(200, {
    _pagination: { next: null },
    _links: { self: ctx.shapes.link(`/conversations/${conversation.id}/drafts`) },
    _results: conversation.draftIds.map((id) => ctx.shapes.message(ctx.state.messages.get(id)!)),
  });

/** POST /conversations/{id}/drafts: on the channel named by channel_id (required), as that channel's message type. */
const addDraft: ConversationHandler = (ctx, request, conversation) => {
  const parsed = parseBody(draftBody, request.body);
  if (!parsed.ok) return parsed.answer;
  const input = parsed.value;
  const named = channelNamed(input.channel_id);
  if (!named.ok) return named.answer;
  const invalid = unknownTeammate(ctx, input.author_id);
  if (invalid) return invalid;
  // Front's default is a private draft, seen by its author only.
  const draft = ctx.state.addMessage(
    conversation,
    outgoingMessage(conversation, sendingOn(named.channel), input, input.mode ?? "private"),
  );
  return json(200, ctx.shapes.message(draft));
};

interface Route {
  method: string;
  /** The spec's path, also the key of FRONT_SCOPES_BY_ENDPOINT. */
  template: string;
  pattern: RegExp;
  handle: Handler;
}

function route(method: string, template: string, handle: Handler): Route {
  const pattern = new RegExp(`^${template.replace(/\{[a-z_]+\}/g, "([^/]+)")}$`);
  return { method, template, pattern, handle };
}

/** Resolves the conversation first: 404 when unknown, 301 to the survivor when merged. */
function onConversation(handler: ConversationHandler): Handler {
  return (ctx, request, id) => {
    const found = ctx.state.lookup(id);
    if (found.kind === "missing") return frontError(404, `Unknown conversation ${id}`);
    if (found.kind === "moved") {
      // Merged: Front answers 301 pointing at the conversation it was merged into.
      const subPath = request.url.pathname.replace(/^\/conversations\/[^/]+/, "");
      return {
        status: 301,
        headers: { location: ctx.shapes.link(`/conversations/${found.to}${subPath}${request.url.search}`) },
      };
    }
    return handler(ctx, request, found.conversation);
  };
}

const ROUTES: Route[] = [
  route("GET", "/me", getMe),
  route("GET", "/teammates", listTeammates),
  route("GET", "/teammates/{teammate_id}", getTeammate),
  route("GET", "/inboxes", listInboxes),
  route("GET", "/inboxes/{inbox_id}", getInbox),
  route("GET", "/inboxes/{inbox_id}/channels", listInboxChannels),
  route("GET", "/channels", listChannels),
  route("GET", "/channels/{channel_id}", getChannel),
  route("GET", "/messages/{message_id}", getMessage),
  route("GET", "/comments/{comment_id}", getComment),
  route("GET", "/events/{event_id}", getEvent),
  route("GET", "/conversations/{conversation_id}", onConversation(getConversation)),
  route("PATCH", "/conversations/{conversation_id}", onConversation(patchConversation)),
  route("GET", "/conversations/{conversation_id}/messages", onConversation(listMessages)),
  route("POST", "/conversations/{conversation_id}/messages", onConversation(reply)),
  route("GET", "/conversations/{conversation_id}/comments", onConversation(listComments)),
  route("POST", "/conversations/{conversation_id}/comments", onConversation(addComment)),
  route("PUT", "/conversations/{conversation_id}/assignee", onConversation(putAssignee)),
  route("GET", "/conversations/{conversation_id}/drafts", onConversation(listDrafts)),
  route("POST", "/conversations/{conversation_id}/drafts", onConversation(addDraft)),
  route("GET", "/conversations/{conversation_id}/inboxes", onConversation(listConversationInboxes)),
];

/** `${METHOD} ${spec path}` of the operation a request is for; undefined for a route the simulator does not serve. */
export function endpointOf(method: string, pathname: string): string | undefined {
  const found = ROUTES.find((candidate) => candidate.method === method && candidate.pattern.test(pathname));
  return found ? `${found.method} ${found.template}` : undefined;
}

export function handleCoreApi(ctx: CoreApiContext, request: CoreApiRequest): HttpAnswer {
  const { pathname } = request.url;
  const answered = request.answered ?? Promise.resolve();
  const forRequest: CoreApiContext = { ...ctx, onWrite: (write) => ctx.onWrite(write, answered) };
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(pathname);
    if (match && candidate.method === request.method)
      return candidate.handle(forRequest, request, decodeURIComponent(match[1] ?? ""));
  }
  return frontError(404, `Unknown route ${request.method} ${pathname}`);
}
