import { emailPlainText } from "../channels";
import type { FrontMessage } from "../front/types";

/** The words of a message for display: Front's HTML body as text, else its plain `text`. */
export function messageText(message: FrontMessage): string {
  return emailPlainText({ html: message.body ?? null, text: message.text ?? null });
}

/** The customer's handle (phone number or email) from the message's `from` recipient. */
export function senderHandle(message: FrontMessage): { handle: string; name: string | null } | null {
  const from = message.recipients?.find((recipient) => recipient.role === "from");
  return from ? { handle: from.handle, name: from.name ?? null } : null;
}
