import { randomBytes } from "node:crypto";
import { newId } from "./directory";
import type {
  ConversationStatus,
  FrontAttachment,
  FrontEvent,
  RecipientRecord,
  SendingFailureKind,
  Teammate,
} from "./types";

// The simulator's memory. Plain records keyed by id; Front-shaped JSON is built from them in serialize.ts.

export interface StoredMessage {
  id: string;
  /** Front's second handle for a message: what a 202 reply answer returns, and `alt:uid:` looks up. */
  messageUid: string;
  conversationId: string;
  type: string;
  isInbound: boolean;
  createdAtMs: number;
  subject: string | null;
  body: string;
  text: string;
  authorId: string | null;
  recipients: RecipientRecord[];
  metadata: Record<string, unknown>;
  draftMode: "private" | "shared" | null;
  /** Front-shaped attachments; none when omitted. */
  attachments?: FrontAttachment[];
}

export interface StoredComment {
  id: string;
  conversationId: string;
  authorId: string | null;
  body: string;
  postedAtMs: number;
}

/** A reply the app sent through POST /conversations/{id}/messages, with what it asked for. */
export interface ReplyRecord {
  messageId: string;
  messageUid: string;
  authorId: string | null;
  body: string;
  text: string | null;
  /** The channel_id as sent (a `cha_` id or an `alt:address:` alias); null when the reply named none. */
  channelId: string | null;
  /** The `to` handles as sent; null when absent. */
  to: string[] | null;
  /** The options exactly as sent (undefined when absent). */
  options: { archive?: boolean; tag_ids?: string[] } | undefined;
  /** Whether the reply archived the conversation (Front's default when options.archive is not false). */
  archived: boolean;
  /** The failure event the simulator reports for it after the 202; null when it went out. */
  failure: SendingFailureKind | null;
  atMs: number;
}

/** A reply failure a test asked for: the next reply (on one conversation, or any) fails this way. */
export interface PlannedReplyFailure {
  conversationId: string | null;
  kind: SendingFailureKind;
}

export interface AssigneeChange {
  fromId: string | null;
  toId: string | null;
  /** "api": the app changed it through the Core API; "sim": a simulator control did. */
  via: "api" | "sim";
  atMs: number;
}

export type Lifecycle = "open" | "archived" | "deleted";

export interface StoredConversation {
  id: string;
  subject: string;
  assigneeId: string | null;
  lifecycle: Lifecycle;
  recipient: RecipientRecord;
  /** Message type of the first message: call, email, sms... */
  channel: string;
  inboxId: string;
  /** Our own handle on the channel (phone number or support address). */
  ourAddress: string;
  tagIds: string[];
  createdAtMs: number;
  updatedAtMs: number;
  /** Oldest first. */
  messageIds: string[];
  commentIds: string[];
  draftIds: string[];
  replies: ReplyRecord[];
  assigneeChanges: AssigneeChange[];
  mergedInto: string | null;
}

export type ConversationLookup =
  { kind: "found"; conversation: StoredConversation } | { kind: "moved"; to: string } | { kind: "missing" };

export function statusOf(conversation: StoredConversation): ConversationStatus {
  if (conversation.lifecycle === "archived") return "archived";
  if (conversation.lifecycle === "deleted") return "deleted";
  return conversation.assigneeId ? "assigned" : "unassigned";
}

export class SimState {
  readonly teammates: Map<string, Teammate>;
  conversations = new Map<string, StoredConversation>();
  messages = new Map<string, StoredMessage>();
  comments = new Map<string, StoredComment>();
  events = new Map<string, FrontEvent>();
  plannedReplyFailures: PlannedReplyFailure[] = [];

  constructor(teammates: Teammate[]) {
    this.teammates = new Map(teammates.map((teammate) => [teammate.id, teammate]));
  }

  reset(): void {
    this.conversations.clear();
    this.messages.clear();
    this.comments.clear();
    this.events.clear();
    this.plannedReplyFailures = [];
  }

  planReplyFailure(failure: PlannedReplyFailure): void {
    this.plannedReplyFailures.push({ ...failure });
  }

  /** The failure planned for the next reply on this conversation, used up; null when none is. */
  takeReplyFailure(conversationId: string): SendingFailureKind | null {
    const index = this.plannedReplyFailures.findIndex(
      (planned) => planned.conversationId === null || planned.conversationId === conversationId,
    );
    if (index < 0) return null;
    return this.plannedReplyFailures.splice(index, 1)[0].kind;
  }

  createConversation(input: {
    subject: string;
    assigneeId: string | null;
    recipient: RecipientRecord;
    channel: string;
    inboxId: string;
    ourAddress: string;
  }): StoredConversation {
    const now = Date.now();
    const conversation: StoredConversation = {
      id: newId("cnv"),
      ...input,
      lifecycle: "open",
      tagIds: [],
      createdAtMs: now,
      updatedAtMs: now,
      messageIds: [],
      commentIds: [],
      draftIds: [],
      replies: [],
      assigneeChanges: [],
      mergedInto: null,
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** Follows merges: a merged conversation answers "moved" with the surviving id. */
  lookup(id: string): ConversationLookup {
    let conversation = this.conversations.get(id);
    if (!conversation) return { kind: "missing" };
    if (!conversation.mergedInto) return { kind: "found", conversation };
    while (conversation.mergedInto) {
      const next = this.conversations.get(conversation.mergedInto);
      if (!next) return { kind: "missing" };
      conversation = next;
    }
    return { kind: "moved", to: conversation.id };
  }

  /** The conversation or a thrown error: for programmatic controls, where a bad id is a test bug. */
  require(id: string): StoredConversation {
    const found = this.lookup(id);
    if (found.kind === "found") return found.conversation;
    if (found.kind === "moved") return this.require(found.to);
    throw new Error(`Unknown conversation ${id}`);
  }

  addMessage(
    conversation: StoredConversation,
    message: Omit<StoredMessage, "id" | "messageUid" | "conversationId" | "createdAtMs">,
  ): StoredMessage {
    const stored: StoredMessage = {
      ...message,
      id: newId("msg"),
      messageUid: randomBytes(16).toString("hex"),
      conversationId: conversation.id,
      createdAtMs: Date.now(),
    };
    this.messages.set(stored.id, stored);
    if (stored.draftMode) conversation.draftIds.push(stored.id);
    else conversation.messageIds.push(stored.id);
    conversation.updatedAtMs = stored.createdAtMs;
    return stored;
  }

  addComment(conversation: StoredConversation, authorId: string | null, body: string): StoredComment {
    const comment: StoredComment = {
      id: newId("com"),
      conversationId: conversation.id,
      authorId,
      body,
      postedAtMs: Date.now(),
    };
    this.comments.set(comment.id, comment);
    conversation.commentIds.push(comment.id);
    conversation.updatedAtMs = comment.postedAtMs;
    return comment;
  }

  setAssignee(conversation: StoredConversation, assigneeId: string | null, via: "api" | "sim"): void {
    conversation.assigneeChanges.push({ fromId: conversation.assigneeId, toId: assigneeId, via, atMs: Date.now() });
    conversation.assigneeId = assigneeId;
    conversation.updatedAtMs = Date.now();
  }

  setLifecycle(conversation: StoredConversation, lifecycle: Lifecycle): void {
    conversation.lifecycle = lifecycle;
    conversation.updatedAtMs = Date.now();
  }

  addTags(conversation: StoredConversation, tagIds: string[]): void {
    for (const tagId of tagIds) if (!conversation.tagIds.includes(tagId)) conversation.tagIds.push(tagId);
  }

  /** Moves messages and comments of `sourceId` into `targetId`; the source then answers 301. */
  merge(sourceId: string, targetId: string): StoredConversation {
    const source = this.require(sourceId);
    const target = this.require(targetId);
    if (source.id === target.id) throw new Error("Cannot merge a conversation into itself");
    const byTime = (ids: string[], timeOf: (id: string) => number) => [...ids].sort((a, b) => timeOf(a) - timeOf(b));
    const messageTime = (id: string) => this.messages.get(id)?.createdAtMs ?? 0;
    const commentTime = (id: string) => this.comments.get(id)?.postedAtMs ?? 0;
    target.messageIds = byTime([...target.messageIds, ...source.messageIds], messageTime);
    target.commentIds = byTime([...target.commentIds, ...source.commentIds], commentTime);
    for (const id of source.messageIds) this.messages.get(id)!.conversationId = target.id;
    for (const id of source.commentIds) this.comments.get(id)!.conversationId = target.id;
    source.messageIds = [];
    source.commentIds = [];
    source.mergedInto = target.id;
    target.updatedAtMs = Date.now();
    return target;
  }

  /**
   * Forgets a conversation with its messages, drafts and comments, as a permanent deletion does: the Core API
   * then answers 404 for it and for its messages (and for conversations merged into it).
   */
  remove(conversation: StoredConversation): void {
    for (const id of [...conversation.messageIds, ...conversation.draftIds]) this.messages.delete(id);
    for (const id of conversation.commentIds) this.comments.delete(id);
    this.conversations.delete(conversation.id);
  }

  /** Conversations that were not merged away, oldest first. */
  liveConversations(): StoredConversation[] {
    return [...this.conversations.values()].filter((conversation) => !conversation.mergedInto);
  }
}
