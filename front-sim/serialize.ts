import { allChannels, allInboxes, type ChannelSetup } from "./directory";
import {
  statusOf,
  type AssigneeChange,
  type ReplyRecord,
  type SimState,
  type StoredComment,
  type StoredConversation,
  type StoredMessage,
} from "./state";
import type {
  ConversationStatus,
  FrontChannel,
  FrontComment,
  FrontConversation,
  FrontInbox,
  FrontMessage,
  FrontRecipient,
  FrontTag,
  FrontTeammate,
  RecipientRecord,
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
    if (!teammate) return null;
    const self = this.link(`/teammates/${teammate.id}`);
    return {
      _links: { self, related: { inboxes: `${self}/inboxes`, conversations: `${self}/conversations` } },
      ...structuredClone(teammate),
    };
  }

  teammates(): FrontTeammate[] {
    return [...this.state.teammates.keys()].map((id) => this.teammate(id)!);
  }

  inbox(id: string): FrontInbox | undefined {
    const inbox = allInboxes().find((candidate) => candidate.id === id);
    if (!inbox) return undefined;
    const self = this.link(`/inboxes/${inbox.id}`);
    return {
      _links: {
        self,
        related: {
          teammates: `${self}/teammates`,
          conversations: `${self}/conversations`,
          channels: `${self}/channels`,
        },
      },
      ...inbox,
      is_public: !inbox.is_private,
    };
  }

  inboxes(): FrontInbox[] {
    return allInboxes().map((inbox) => this.inbox(inbox.id)!);
  }

  channel(channel: ChannelSetup): FrontChannel {
    return {
      _links: {
        self: this.link(`/channels/${channel.id}`),
        related: { inbox: this.link(`/inboxes/${channel.inboxId}`) },
      },
      id: channel.id,
      name: channel.name,
      address: channel.address,
      type: channel.type,
      send_as: channel.address,
      settings: { undo_send_time: 0, all_teammates_can_reply: false },
      is_private: false,
      is_valid: true,
    };
  }

  channels(inboxId?: string): FrontChannel[] {
    return allChannels()
      .filter((channel) => inboxId === undefined || channel.inboxId === inboxId)
      .map((channel) => this.channel(channel));
  }

  /** Front links a recipient to its contact; the simulator keeps no contacts. */
  recipient(recipient: RecipientRecord): FrontRecipient {
    return { _links: { related: { contact: null } }, ...recipient };
  }

  /** Tags are known by id only: the name is the id. */
  tag(id: string): FrontTag {
    const self = this.link(`/tags/${id}`);
    return {
      _links: {
        self,
        related: { conversations: `${self}/conversations`, owner: null, parent_tag: null, children: null },
      },
      id,
      name: id,
      description: null,
      highlight: null,
      is_private: false,
      is_visible_in_conversation_lists: true,
    };
  }

  message(message: StoredMessage): FrontMessage {
    return {
      _links: {
        self: this.link(`/messages/${message.id}`),
        related: { conversation: this.link(`/conversations/${message.conversationId}`) },
      },
      id: message.id,
      message_uid: message.messageUid,
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
      recipients: message.recipients.map((recipient) => this.recipient(recipient)),
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
      ticket_ids: [],
      assignee: this.teammate(conversation.assigneeId),
      recipient: this.recipient(conversation.recipient),
      tags: conversation.tagIds.map((id) => this.tag(id)),
      links: [],
      custom_fields: {},
      created_at: conversation.createdAtMs / 1000,
      updated_at: conversation.updatedAtMs / 1000,
      is_private: false,
      scheduled_reminders: [],
      metadata: {},
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
      recipient: this.recipient(conversation.recipient),
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
