import { randomBytes } from "node:crypto";
import { z } from "zod";
import { allInboxes } from "./directory";
import { frontError, issueDetails, json, noContent, type HttpAnswer } from "./http-util";
import { decodePageToken, encodePageToken, parseLimit } from "./pagination";
import { htmlToText, type FrontShapes } from "./serialize";
import type { Lifecycle, SimState, StoredConversation, StoredMessage } from "./state";

// Front's Core API routes: the subset Frontline uses, answered with Front's shapes and status codes.

/** A write the app made, so the simulator can echo Front's webhook events for it. */
export type ApiWrite =
  | { kind: "reply"; conversation: StoredConversation; message: StoredMessage; archived: boolean }
  | { kind: "assignee"; conversation: StoredConversation }
  | { kind: "status"; conversation: StoredConversation; lifecycle: Lifecycle };

export interface CoreApiContext {
  state: SimState;
  shapes: FrontShapes;
  companyId: string;
  companyName: string;
  onWrite: (write: ApiWrite) => void;
}

export interface CoreApiRequest {
  method: string;
  url: URL;
  body: unknown;
}

type Handler = (ctx: CoreApiContext, request: CoreApiRequest, id: string) => HttpAnswer;

const commentBody = z.object({ body: z.string().min(1), author_id: z.string().optional() }).loose();
const assigneeBody = z.object({ assignee_id: z.string().nullable() }).loose();
const replyBody = z
  .object({
    body: z.string().min(1),
    author_id: z.string().optional(),
    channel_id: z.string().optional(),
    text: z.string().optional(),
    options: z.object({ archive: z.boolean().optional(), tag_ids: z.array(z.string()).optional() }).loose().optional(),
  })
  .loose();
// Front's spec requires the author: a draft always belongs to a teammate (a private one is visible to them only).
const draftBody = z
  .object({
    body: z.string().min(1),
    author_id: z.string().min(1),
    channel_id: z.string().optional(),
    mode: z.enum(["private", "shared"]).optional(),
  })
  .loose();
const patchBody = z
  .object({
    assignee_id: z.string().nullable().optional(),
    status: z.enum(["archived", "open", "deleted", "spam"]).optional(),
    tag_ids: z.array(z.string()).optional(),
  })
  .loose();

function parseBody<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; answer: HttpAnswer } {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, answer: frontError(400, "Invalid request body", issueDetails(parsed.error.issues)) };
}

/** undefined when the id is fine (or absent), else a 400. */
function unknownTeammate(ctx: CoreApiContext, id: string | null | undefined): HttpAnswer | undefined {
  if (id === null || id === undefined || ctx.state.teammates.has(id)) return undefined;
  return frontError(400, `Unknown teammate ${id}`);
}

// ---- top-level resources ----

const getMe: Handler = (ctx) =>
  json(200, { _links: { self: ctx.shapes.link("/me") }, id: ctx.companyId, name: ctx.companyName });

const listTeammates: Handler = (ctx) =>
  json(200, { _links: { self: ctx.shapes.link("/teammates") }, _results: [...ctx.state.teammates.values()] });

const getTeammate: Handler = (ctx, _request, id) => {
  const teammate = ctx.shapes.teammate(id);
  return teammate ? json(200, teammate) : frontError(404, `Unknown teammate ${id}`);
};

const listInboxes: Handler = (ctx) =>
  json(200, { _links: { self: ctx.shapes.link("/inboxes") }, _results: allInboxes() });

const getInbox: Handler = (ctx, _request, id) => {
  const inbox = ctx.shapes.inbox(id);
  return inbox ? json(200, inbox) : frontError(404, `Unknown inbox ${id}`);
};

const getMessage: Handler = (ctx, _request, id) => {
  // Front also accepts alt:uid:<message_uid>, the handle a 202 reply answer gives.
  const uid = id.startsWith("alt:uid:") ? id.slice("alt:uid:".length) : null;
  const messageId = uid
    ? [...ctx.state.conversations.values()].flatMap((c) => c.replies).find((reply) => reply.messageUid === uid)?.messageId
    : id;
  const message = messageId ? ctx.state.messages.get(messageId) : undefined;
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

type ConversationHandler = (ctx: CoreApiContext, request: CoreApiRequest, conversation: StoredConversation) => HttpAnswer;

const getConversation: ConversationHandler = (ctx, _request, conversation) => json(200, ctx.shapes.conversation(conversation));

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

const reply: ConversationHandler = (ctx, request, conversation) => {
  const parsed = parseBody(replyBody, request.body);
  if (!parsed.ok) return parsed.answer;
  const input = parsed.value;
  const invalid = unknownTeammate(ctx, input.author_id);
  if (invalid) return invalid;
  const isCall = ["call", "phone-call"].includes(conversation.channel);
  const message = ctx.state.addMessage(conversation, {
    // A call cannot be answered by call: the reply goes out as a text.
    type: isCall ? "sms" : conversation.channel,
    isInbound: false,
    subject: conversation.channel === "email" ? `Re: ${conversation.subject}` : null,
    body: input.body,
    text: input.text ?? htmlToText(input.body),
    authorId: input.author_id ?? null,
    recipients: [
      { name: null, handle: conversation.ourAddress, role: "from" },
      { name: conversation.recipient.name, handle: conversation.recipient.handle, role: "to" },
    ],
    metadata: {},
    draftMode: null,
  });
  // Front archives the conversation after a reply unless options.archive is false.
  const archived = input.options?.archive !== false;
  if (archived) ctx.state.setLifecycle(conversation, "archived");
  if (input.options?.tag_ids) ctx.state.addTags(conversation, input.options.tag_ids);
  const messageUid = randomBytes(16).toString("hex");
  conversation.replies.push({
    messageId: message.id,
    messageUid,
    authorId: input.author_id ?? null,
    body: input.body,
    text: input.text ?? null,
    channelId: input.channel_id ?? null,
    options: input.options ? structuredClone(input.options) : undefined,
    archived,
    atMs: message.createdAtMs,
  });
  ctx.onWrite({ kind: "reply", conversation, message, archived });
  return json(202, { status: "accepted", message_uid: messageUid });
};

const listComments: ConversationHandler = (ctx, _request, conversation) =>
  json(200, {
    _pagination: { next: null },
    _links: { self: ctx.shapes.link(`/conversations/${conversation.id}/comments`) },
    _results: conversation.commentIds.map((id) => ctx.shapes.comment(ctx.state.comments.get(id)!)),
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

const addDraft: ConversationHandler = (ctx, request, conversation) => {
  const parsed = parseBody(draftBody, request.body);
  if (!parsed.ok) return parsed.answer;
  const input = parsed.value;
  const invalid = unknownTeammate(ctx, input.author_id);
  if (invalid) return invalid;
  const isCall = ["call", "phone-call"].includes(conversation.channel);
  const draft = ctx.state.addMessage(conversation, {
    // Like a reply: a call cannot be answered by call, so the draft is a text.
    type: isCall ? "sms" : conversation.channel,
    isInbound: false,
    subject: conversation.channel === "email" ? `Re: ${conversation.subject}` : null,
    body: input.body,
    text: htmlToText(input.body),
    authorId: input.author_id,
    recipients: [
      { name: null, handle: conversation.ourAddress, role: "from" },
      { name: conversation.recipient.name, handle: conversation.recipient.handle, role: "to" },
    ],
    metadata: {},
    // Front's default is a private draft, seen by its author only.
    draftMode: input.mode ?? "private",
  });
  return json(200, ctx.shapes.message(draft));
};

const TOP_LEVEL: Array<[string, RegExp, Handler]> = [
  ["GET", /^\/me$/, getMe],
  ["GET", /^\/teammates$/, listTeammates],
  ["GET", /^\/teammates\/([^/]+)$/, getTeammate],
  ["GET", /^\/inboxes$/, listInboxes],
  ["GET", /^\/inboxes\/([^/]+)$/, getInbox],
  ["GET", /^\/messages\/([^/]+)$/, getMessage],
  ["GET", /^\/comments\/([^/]+)$/, getComment],
  ["GET", /^\/events\/([^/]+)$/, getEvent],
];

/** Keyed by `${method} ${sub-path}` where sub-path is what follows /conversations/{id}. */
const CONVERSATION_ROUTES: Record<string, ConversationHandler> = {
  "GET ": getConversation,
  "PATCH ": patchConversation,
  "GET /messages": listMessages,
  "POST /messages": reply,
  "GET /comments": listComments,
  "POST /comments": addComment,
  "PUT /assignee": putAssignee,
  "GET /drafts": listDrafts,
  "POST /drafts": addDraft,
};

export function handleCoreApi(ctx: CoreApiContext, request: CoreApiRequest): HttpAnswer {
  const { pathname } = request.url;
  const conversationPath = /^\/conversations\/([^/]+)(\/[a-z_]+)?$/.exec(pathname);
  if (conversationPath) {
    const [, id, subPath = ""] = conversationPath;
    const handler = CONVERSATION_ROUTES[`${request.method} ${subPath}`];
    if (!handler) return unknownRoute(request);
    const found = ctx.state.lookup(decodeURIComponent(id));
    if (found.kind === "missing") return frontError(404, `Unknown conversation ${id}`);
    if (found.kind === "moved") {
      // Merged: Front answers 301 pointing at the conversation it was merged into.
      return { status: 301, headers: { location: ctx.shapes.link(`/conversations/${found.to}${subPath}${request.url.search}`) } };
    }
    return handler(ctx, request, found.conversation);
  }
  for (const [method, pattern, handler] of TOP_LEVEL) {
    const match = pattern.exec(pathname);
    if (match && method === request.method) return handler(ctx, request, decodeURIComponent(match[1] ?? ""));
  }
  return unknownRoute(request);
}

function unknownRoute(request: CoreApiRequest): HttpAnswer {
  return frontError(404, `Unknown route ${request.method} ${request.url.pathname}`);
}
