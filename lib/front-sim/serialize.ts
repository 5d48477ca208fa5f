import { allInboxes } from "./directory";
import { statusOf, type AssigneeChange, type ReplyRecord, type SimState, type StoredComment, type StoredConversation, type StoredMessage } from "./state";
import type {
  ConversationStatus,
  FrontComment,
  FrontConversation,
  FrontInbox,
  FrontMessage,
  FrontRecipient,
  FrontTeammate,
} from "./types";

/** A conversation as tests see it: Front shapes plus what the app did to it. */
export interface ConversationView {
  id: string;
  subject: string;
  status: ConversationStatus;
  assigneeId: string | null;
  assignee: FrontTeammate | null;
  recipient: FrontRecipient;
  channel: string;
  inboxId: string;
  tags: string[];
  /** Oldest first (the Core API lists newest first). */
  messages: FrontMessage[];
  comments: FrontComment[];
  drafts: FrontMessage[];
  replies: ReplyRecord[];
  assigneeChanges: AssigneeChange[];
  mergedInto: string | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface ConversationCounts {
  comments: number;
  replies: number;
  /** Changes the app made through the Core API (PUT assignee or PATCH assignee_id). */
  assigneeChanges: number;
  drafts: number;
  messages: number;
}

const PLAIN_TEXT_BLURB_LENGTH = 80;

export function blurbOf(text: string): string {
  return text.slice(0, PLAIN_TEXT_BLURB_LENGTH);
}

/** Builds Front's JSON from stored records; every `_links` points back at the simulator. */
export class FrontShapes {
  constructor(
    private readonly state: SimState,
    private readonly baseUrl: string,
  ) {}

  link(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  teammate(id: string | null): FrontTeammate | null {
    if (!id) return null;
    const teammate = this.state.teammates.get(id);
    return teammate ? structuredClone(teammate) : null;
  }

  inbox(id: string): FrontInbox | undefined {
    return allInboxes().find((inbox) => inbox.id === id);
  }

  message(message: StoredMessage): FrontMessage {
    return {
      _links: {
        self: this.link(`/messages/${message.id}`),
        related: { conversation: this.link(`/conversations/${message.conversationId}`) },
      },
      id: message.id,
      type: message.type,
      is_inbound: message.isInbound,
      draft_mode: message.draftMode,
      created_at: message.createdAtMs / 1000,
      subject: message.subject,
      blurb: blurbOf(message.text),
      body: message.body,
      text: message.text,
      author: this.teammate(message.authorId),
      attachments: structuredClone(message.attachments ?? []),
      recipients: structuredClone(message.recipients),
      metadata: structuredClone(message.metadata),
    };
  }

  conversation(conversation: StoredConversation): FrontConversation {
    const self = this.link(`/conversations/${conversation.id}`);
    const lastMessageId = conversation.messageIds.at(-1);
    return {
      _links: {
        self,
        related: {
          events: `${self}/events`,
          followers: `${self}/followers`,
          messages: `${self}/messages`,
          comments: `${self}/comments`,
          inboxes: `${self}/inboxes`,
          last_message: lastMessageId ? this.link(`/messages/${lastMessageId}`) : `${self}/messages`,
        },
      },
      id: conversation.id,
      type: "conversation",
      subject: conversation.subject,
      status: statusOf(conversation),
      assignee: this.teammate(conversation.assigneeId),
      recipient: { ...conversation.recipient },
      tags: conversation.tagIds.map((id) => ({ id, name: id })),
      links: [],
      custom_fields: {},
      created_at: conversation.createdAtMs / 1000,
      updated_at: conversation.updatedAtMs / 1000,
      is_private: false,
    };
  }

  comment(comment: StoredComment): FrontComment {
    return {
      _links: {
        self: this.link(`/comments/${comment.id}`),
        related: {
          conversation: this.link(`/conversations/${comment.conversationId}`),
          mentions: this.link(`/comments/${comment.id}/mentions`),
        },
      },
      id: comment.id,
      author: this.teammate(comment.authorId),
      body: comment.body,
      posted_at: comment.postedAtMs / 1000,
      attachments: [],
      is_pinned: false,
    };
  }

  view(conversation: StoredConversation): ConversationView {
    const messagesOf = (ids: string[]) => ids.map((id) => this.message(this.state.messages.get(id)!));
    return {
      id: conversation.id,
      subject: conversation.subject,
      status: statusOf(conversation),
      assigneeId: conversation.assigneeId,
      assignee: this.teammate(conversation.assigneeId),
      recipient: { ...conversation.recipient },
      channel: conversation.channel,
      inboxId: conversation.inboxId,
      tags: [...conversation.tagIds],
      messages: messagesOf(conversation.messageIds),
      comments: conversation.commentIds.map((id) => this.comment(this.state.comments.get(id)!)),
      drafts: messagesOf(conversation.draftIds),
      replies: structuredClone(conversation.replies),
      assigneeChanges: structuredClone(conversation.assigneeChanges),
      mergedInto: conversation.mergedInto,
      createdAtMs: conversation.createdAtMs,
      updatedAtMs: conversation.updatedAtMs,
    };
  }

  counts(conversation: StoredConversation): ConversationCounts {
    return {
      comments: conversation.commentIds.length,
      replies: conversation.replies.length,
      assigneeChanges: conversation.assigneeChanges.filter((change) => change.via === "api").length,
      drafts: conversation.draftIds.length,
      messages: conversation.messageIds.length,
    };
  }
}

/** Text lines as HTML paragraphs, the way Front renders a plain-text body. */
export function htmlParagraphs(text: string): string {
  return text
    .split("\n")
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("");
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Crude HTML → text for replies sent without `text`. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/p>\s*<p>/gi, "\n")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}
