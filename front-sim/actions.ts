import { AI_TEAMMATE_ID, HUMAN_TEAMMATE_ID, inboxFor, newId } from "./directory";
import type { EventDispatcher } from "./dispatch";
import type { EventActor, EventFactory } from "./events";
import {
  archiveSchema,
  assignSchema,
  callTranscriptSchema,
  deleteConversationSchema,
  mergeSchema,
  placeCallSchema,
  sendingErrorSchema,
  sendMessageSchema,
  teammateReplySchema,
} from "./inputs";
import { htmlParagraphs } from "./serialize";
import type { SimState, StoredConversation, StoredMessage } from "./state";
import type {
  AttachmentInput,
  CallTranscriptOptions,
  DeleteConversationOptions,
  DeleteConversationResult,
  FrontAttachment,
  FrontEvent,
  MergeOptions,
  PlaceCallInput,
  SendMessageInput,
  SendingErrorOptions,
  SimActionResult,
  TeammateReplyInput,
} from "./types";

// What happens on Front's side (a customer calls or writes, a teammate replies, archives, assigns):
// change the state, then deliver the matching webhook event to the app.

const CALL_TYPES = new Set(["call", "phone-call"]);

export class FrontActions {
  constructor(
    private readonly state: SimState,
    private readonly events: EventFactory,
    private readonly dispatcher: EventDispatcher,
  ) {}

  async placeCall(input: PlaceCallInput): Promise<SimActionResult> {
    const call = placeCallSchema.parse(input);
    const messageType = call.messageType ?? "call";
    const home = inboxFor(messageType, true);
    const answered = call.answered ?? true;
    const conversation = this.conversationFor(call.conversationId, call.assigneeId, () => ({
      subject: call.subject ?? `${answered ? "Call" : "Voicemail"} from ${call.from}`,
      recipient: { name: call.fromName ?? null, handle: call.from, role: "from" },
      channel: messageType,
      inboxId: home.inbox.id,
      ourAddress: call.to ?? home.address,
    }));
    const message = this.state.addMessage(conversation, {
      type: messageType,
      isInbound: true,
      subject: null,
      body: htmlParagraphs(call.text),
      text: call.text,
      authorId: null,
      recipients: this.inboundRecipients(conversation, call.from, call.fromName ?? null),
      metadata: { duration: call.durationSeconds ?? estimateCallSeconds(call.text), have_been_answered: answered },
      draftMode: null,
    });
    return this.deliverMessageEvent(conversation, message, this.events.inbound(conversation, message));
  }

  async sendMessage(input: SendMessageInput): Promise<SimActionResult> {
    const inbound = sendMessageSchema.parse(input);
    const messageType = inbound.channel ?? inbound.messageType ?? "email";
    const home = inboxFor(messageType);
    const isEmail = messageType === "email";
    const conversation = this.conversationFor(inbound.conversationId, inbound.assigneeId, () => ({
      subject: inbound.subject ?? (isEmail ? "(no subject)" : ""),
      recipient: { name: inbound.fromName ?? null, handle: inbound.from, role: "from" },
      channel: messageType,
      inboxId: home.inbox.id,
      ourAddress: inbound.to ?? home.address,
    }));
    const message = this.state.addMessage(conversation, {
      type: messageType,
      isInbound: true,
      subject: isEmail ? (inbound.subject ?? conversation.subject) : null,
      body: inbound.html ?? htmlParagraphs(inbound.text),
      text: inbound.text,
      authorId: null,
      recipients: this.inboundRecipients(conversation, inbound.from, inbound.fromName ?? null),
      metadata: {},
      draftMode: null,
      attachments: (inbound.attachments ?? []).map((attachment) => this.attachment(attachment)),
    });
    return this.deliverMessageEvent(conversation, message, this.events.inbound(conversation, message));
  }

  /**
   * The phone provider delivers a call's transcript (or voicemail transcript) after the call: the message's text
   * and body are replaced, and a call_transcript_added / call_voicemail_transcript_added event names it.
   */
  async addCallTranscript(
    messageId: string,
    text: string,
    options: CallTranscriptOptions = {},
  ): Promise<SimActionResult> {
    const input = callTranscriptSchema.parse({ messageId, text, ...options });
    const message = this.state.messages.get(input.messageId);
    if (!message) throw new Error(`Unknown message ${input.messageId}`);
    if (!isCallMessage(message)) throw new Error(`Message ${input.messageId} is not an inbound call`);
    const conversation = this.state.require(message.conversationId);
    message.text = input.text;
    message.body = htmlParagraphs(input.text);
    if (input.lines) message.metadata = { ...message.metadata, transcript_lines: structuredClone(input.lines) };
    conversation.updatedAtMs = Date.now();
    return this.deliverMessageEvent(
      conversation,
      message,
      this.events.callTranscript(conversation, message, input.voicemail ?? false),
    );
  }

  /**
   * Deletes a conversation for good: the Core API answers 404 for it and its messages from then on. With `trash`, it
   * moves to Front's trash instead, as when a teammate deletes it in Front: status "deleted" and a trash event, and
   * the Core API still serves it (Front's DELETE refuses a conversation that is not in the trash first).
   */
  async deleteConversation(
    conversationId: string,
    options: DeleteConversationOptions = {},
  ): Promise<DeleteConversationResult> {
    const input = deleteConversationSchema.parse({ conversationId, ...options });
    const conversation = this.state.require(input.conversationId);
    let event: FrontEvent | null = null;
    if (input.trash) {
      this.state.setLifecycle(conversation, "deleted");
      event = this.events.trash(conversation, input.by ? { teammateId: this.knownTeammate(input.by) } : "rule");
    } else {
      this.state.remove(conversation);
    }
    const delivery = event ? await this.dispatcher.emit(event) : null;
    return { conversationId: conversation.id, eventId: event?.id ?? null, delivery };
  }

  /** A teammate answers in Front: a message and an `out_reply` (or `outbound`) event the app must not answer. */
  async teammateReply(input: TeammateReplyInput): Promise<SimActionResult> {
    const reply = teammateReplySchema.parse(input);
    const conversation = this.state.require(reply.conversationId);
    const teammateId = this.knownTeammate(reply.teammateId ?? HUMAN_TEAMMATE_ID);
    const message = this.state.addMessage(conversation, {
      type: CALL_TYPES.has(conversation.channel) ? "sms" : conversation.channel,
      isInbound: false,
      subject: conversation.channel === "email" ? `Re: ${conversation.subject}` : null,
      body: reply.html ?? htmlParagraphs(reply.text),
      text: reply.text,
      authorId: teammateId,
      recipients: [
        { name: null, handle: conversation.ourAddress, role: "from" },
        { name: conversation.recipient.name, handle: conversation.recipient.handle, role: "to" },
      ],
      metadata: {},
      draftMode: null,
    });
    const event =
      reply.event === "outbound"
        ? this.events.outbound(conversation, message)
        : this.events.outReply(conversation, message);
    return this.deliverMessageEvent(conversation, message, event);
  }

  async archive(conversationId: string, options: { teammateId?: string } = {}): Promise<SimActionResult> {
    const input = archiveSchema.parse({ conversationId, ...options });
    const conversation = this.state.require(input.conversationId);
    const teammateId = this.knownTeammate(input.teammateId ?? HUMAN_TEAMMATE_ID);
    this.state.setLifecycle(conversation, "archived");
    return this.deliverEvent(conversation, this.events.archive(conversation, { teammateId }));
  }

  /** A teammate reopens an archived conversation (Front's reopen event, with no target). */
  async reopen(conversationId: string, options: { teammateId?: string } = {}): Promise<SimActionResult> {
    const input = archiveSchema.parse({ conversationId, ...options });
    const conversation = this.state.require(input.conversationId);
    const teammateId = this.knownTeammate(input.teammateId ?? HUMAN_TEAMMATE_ID);
    this.state.setLifecycle(conversation, "open");
    return this.deliverEvent(conversation, this.events.reopen(conversation, { teammateId }));
  }

  /** Assigns (or unassigns with null); made by teammate `by`, or by a rule when omitted. */
  async assign(
    conversationId: string,
    teammateId: string | null,
    options: { by?: string } = {},
  ): Promise<SimActionResult> {
    const input = assignSchema.parse({ conversationId, teammateId, ...options });
    const conversation = this.state.require(input.conversationId);
    const assigneeId = input.teammateId === null ? null : this.knownTeammate(input.teammateId);
    const actor: EventActor = input.by ? { teammateId: this.knownTeammate(input.by) } : "rule";
    this.state.setAssignee(conversation, assigneeId, "sim");
    return this.deliverEvent(conversation, this.events.assignment(conversation, actor));
  }

  /**
   * Merges `sourceId` into `targetId` (the source then answers 301) and delivers conversations_merged on the
   * surviving conversation, naming the merged-away id. Made by teammate `by`, or by a rule when omitted.
   */
  async merge(sourceId: string, targetId: string, options: MergeOptions = {}): Promise<SimActionResult> {
    const input = mergeSchema.parse({ sourceId, targetId, ...options });
    const actor: EventActor = input.by ? { teammateId: this.knownTeammate(input.by) } : "rule";
    const merged = this.state.require(input.sourceId);
    const survivor = this.state.merge(input.sourceId, input.targetId);
    return this.deliverEvent(survivor, this.events.conversationsMerged(survivor, [merged.id], actor));
  }

  /** A sent message did not reach its recipient: delivers sending_error (or message_bounce_error) targeting it. */
  async reportSendingFailure(messageId: string, options: SendingErrorOptions = {}): Promise<SimActionResult> {
    const input = sendingErrorSchema.parse({ messageId, ...options });
    const message = this.state.messages.get(input.messageId);
    if (!message) throw new Error(`Unknown message ${input.messageId}`);
    if (message.isInbound) throw new Error(`Message ${input.messageId} is inbound: only a sent message can fail`);
    const conversation = this.state.require(message.conversationId);
    const event = this.events.sendingFailure(conversation, message, input.kind ?? "sending_error");
    return this.deliverMessageEvent(conversation, message, event);
  }

  private conversationFor(
    conversationId: string | undefined,
    assigneeId: string | null | undefined,
    fresh: () => Omit<Parameters<SimState["createConversation"]>[0], "assigneeId">,
  ): StoredConversation {
    if (!conversationId) {
      // New conversations go to the AI teammate unless the caller says otherwise.
      const assignee = assigneeId === undefined ? AI_TEAMMATE_ID : assigneeId;
      return this.state.createConversation({
        ...fresh(),
        assigneeId: assignee === null ? null : this.knownTeammate(assignee),
      });
    }
    const conversation = this.state.require(conversationId);
    if (assigneeId !== undefined) {
      this.state.setAssignee(conversation, assigneeId === null ? null : this.knownTeammate(assigneeId), "sim");
    }
    // A new inbound message reopens an archived conversation, as in Front.
    if (conversation.lifecycle === "archived") this.state.setLifecycle(conversation, "open");
    return conversation;
  }

  private inboundRecipients(conversation: StoredConversation, from: string, fromName: string | null) {
    return [
      { name: fromName, handle: from, role: "from" as const },
      { name: null, handle: conversation.ourAddress, role: "to" as const },
    ];
  }

  private attachment(input: AttachmentInput): FrontAttachment {
    const id = newId("fil");
    return {
      id,
      filename: input.filename,
      url: `${this.dispatcher.settings.baseUrl}/download/${id}`,
      content_type: input.contentType ?? "application/octet-stream",
      size: input.size ?? 1024,
      metadata: { is_inline: false },
    };
  }

  private knownTeammate(id: string): string {
    if (!this.state.teammates.has(id)) throw new Error(`Unknown teammate ${id}`);
    return id;
  }

  private async deliverMessageEvent(
    conversation: StoredConversation,
    message: StoredMessage,
    event: FrontEvent,
  ): Promise<SimActionResult> {
    return { ...(await this.deliverEvent(conversation, event)), messageId: message.id };
  }

  private async deliverEvent(conversation: StoredConversation, event: FrontEvent): Promise<SimActionResult> {
    const delivery = await this.dispatcher.emit(event);
    return { conversationId: conversation.id, eventId: event.id, delivery };
  }
}

/** A call as placeCall writes it: a call type, or a custom message carrying call metadata. */
function isCallMessage(message: StoredMessage): boolean {
  if (!message.isInbound) return false;
  return CALL_TYPES.has(message.type) || "duration" in message.metadata || "have_been_answered" in message.metadata;
}

/** About 150 spoken words a minute. */
function estimateCallSeconds(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(15, Math.round(words * 0.4));
}
