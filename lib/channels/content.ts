/** One inbound message, prepared per channel: what a lead reads, what the model reads, what is worth storing. */

import { channelForMessage, type Channel } from "../front/channels";
import { describeAttachments, type Attachment, type AttachmentInput } from "./attachments";
import { cleanSubject, emailForModel, emailPlainText } from "./email";
import { smsSegments, type SmsSegments } from "./sms";
import { renderTranscript, transcriptLinesFrom } from "./transcript-lines";
import { callRecord, type CallRecord } from "./voice";

export interface MessageInput {
  type?: string | null;
  subject?: string | null;
  /** Front's HTML `body`. */
  body?: string | null;
  /** Front's plain `text`. */
  text?: string | null;
  attachments?: readonly AttachmentInput[] | null;
  metadata?: Record<string, unknown> | null;
  /** Derived from `type` when not given; a `custom` message is then web chat, since only its channel makes it a call. */
  channel?: Channel;
}

export interface PreparedMessage {
  /** The full plain text, quoted history included, for a lead. */
  displayText: string;
  /** The text the model reads: email without history and signature, other channels as written. */
  modelText: string;
  subject: string | null;
  attachments: Attachment[];
  call?: CallRecord;
  sms?: SmsSegments;
  /** False when there is nothing for the model to read: a call placeholder, or an empty message. */
  usable: boolean;
  /** Small and JSON-safe: worth storing with the message. Keys without a value are left out. */
  metadata: Record<string, unknown>;
}

export function prepareMessage(input: MessageInput): PreparedMessage {
  const channel = input.channel ?? channelForMessage({ type: input.type }, { phoneChannels: [] });
  // Front's `text` is the plain version of the body; the HTML is the fallback (and the better source for email).
  let plain = input.text?.trim() ? emailPlainText({ text: input.text }) : emailPlainText({ html: input.body });
  const attachments = describeAttachments(input.attachments);
  const subject = cleanSubject(input.subject) || null;
  const metadata: Record<string, unknown> = {};
  let modelText = plain;
  let call: CallRecord | undefined;
  let sms: SmsSegments | undefined;

  if (channel === "email") {
    const email = emailForModel({
      subject: input.subject,
      html: input.body,
      text: input.text,
      attachments: input.attachments,
    });
    modelText = email.text;
    metadata.quotedRemoved = email.quotedRemoved;
    metadata.signatureRemoved = email.signatureRemoved;
  } else if (channel === "voice") {
    // Structured lines say who spoke; when an integration gives them, they are the call's words.
    const lines = transcriptLinesFrom(input.metadata);
    if (lines) {
      plain = renderTranscript(lines);
      modelText = plain;
      metadata.transcriptLines = lines.length;
    }
    call = callRecord({ type: input.type, text: plain, metadata: input.metadata });
    metadata.callKind = call.kind;
    if (call.durationSeconds !== undefined) metadata.durationSeconds = call.durationSeconds;
    if (call.answered !== undefined) metadata.answered = call.answered;
  } else if (channel === "sms") {
    sms = smsSegments(plain);
    metadata.smsSegments = sms.segments;
    metadata.smsEncoding = sms.encoding;
  }
  if (attachments.length) {
    metadata.attachments = attachments.map(({ name, contentType, size }) => ({ name, contentType, size }));
  }

  // An email's subject alone can be the whole question ("Refund for order 1042?").
  const hasWords = Boolean(modelText) || (channel === "email" && Boolean(subject));
  const usable = call ? call.hasUsableText : hasWords;
  return {
    displayText: plain,
    modelText,
    subject,
    attachments,
    ...(call && { call }),
    ...(sms && { sms }),
    usable,
    metadata,
  };
}
