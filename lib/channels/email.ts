/** Email content for the model: the customer's new words, without quoted history or signature. */

import { describeAttachments, type Attachment, type AttachmentInput } from "./attachments";
import { stripQuotedHistory } from "./email-quotes";
import { stripSignature } from "./email-signature";
import { htmlToText, removeQuoteContainers, removeSignatureContainers, tidyText } from "./html";

export interface EmailInput {
  subject?: string | null;
  /** Front's `body`. */
  html?: string | null;
  /** Front's `text`, used when there is no HTML body. */
  text?: string | null;
  attachments?: readonly AttachmentInput[] | null;
}

export interface EmailForModel {
  subject: string;
  text: string;
  quotedRemoved: boolean;
  signatureRemoved: boolean;
  attachments: Attachment[];
}

/** "Re: Fwd: AW: Billing" → "Billing". */
export function cleanSubject(subject: string | null | undefined): string {
  let out = (subject ?? "").trim();
  for (;;) {
    const next = out.replace(/^(re|fw|fwd|aw|wg|tr|sv|vs|antw|rif|res|enc)\s*(\[\d+\])?\s*:\s*/i, "");
    if (next === out) return out;
    out = next;
  }
}

/** The email as plain text: its HTML body when that has text, else its plain text. */
export function emailPlainText(input: Pick<EmailInput, "html" | "text">): string {
  const fromHtml = input.html ? htmlToText(input.html) : "";
  return fromHtml || tidyText(input.text ?? "");
}

function clean(input: EmailInput, options: { quotes: boolean; signatures: boolean }) {
  let html = input.html && htmlToText(input.html) ? input.html : null;
  let quotedRemoved = false;
  let signatureRemoved = false;
  if (html && options.quotes) ({ html, removed: quotedRemoved } = removeQuoteContainers(html));
  if (html && options.signatures) ({ html, removed: signatureRemoved } = removeSignatureContainers(html));
  let text = html ? htmlToText(html) : tidyText(input.text ?? "");
  if (options.quotes) {
    const history = stripQuotedHistory(text);
    text = history.text;
    quotedRemoved ||= history.removed;
  }
  if (options.signatures) {
    const signature = stripSignature(text);
    text = signature.text;
    signatureRemoved ||= signature.removed;
  }
  return { text, quotedRemoved, signatureRemoved };
}

/**
 * The email as the model should read it. Quoted history and the signature go; if that would leave nothing
 * (a bare forward, a message that is all signature) the text is kept rather than losing it all.
 */
export function emailForModel(input: EmailInput): EmailForModel {
  let cleaned = clean(input, { quotes: true, signatures: true });
  if (!cleaned.text) cleaned = clean(input, { quotes: true, signatures: false });
  if (!cleaned.text) cleaned = clean(input, { quotes: false, signatures: false });
  return { subject: cleanSubject(input.subject), ...cleaned, attachments: describeAttachments(input.attachments) };
}
