/** Per-channel content processing: pure functions, no I/O. */

export { describeAttachments, sizeLabel, type Attachment, type AttachmentInput } from "./attachments";
export { handleKind, normalizeHandle, type HandleKind } from "./contact";
export { prepareMessage, type MessageInput, type PreparedMessage } from "./content";
export { cleanSubject, emailForModel, emailPlainText, type EmailForModel, type EmailInput } from "./email";
export { stripQuotedHistory } from "./email-quotes";
export { stripSignature } from "./email-signature";
export { decodeEntities, htmlToText, removeQuoteContainers, removeSignatureContainers } from "./html";
export { isGsm7, smsSegments, type SmsEncoding, type SmsSegments } from "./sms";
export {
  callRecord,
  hasUsableCallText,
  parseAnswered,
  parseDuration,
  type CallInput,
  type CallKind,
  type CallRecord,
} from "./voice";
