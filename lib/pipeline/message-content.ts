import type { FrontMessage } from "../front/types";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/** Plain text from Front's HTML body, keeping paragraph and line breaks. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, entity: string) => ENTITIES[entity] ?? "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The words of a message: Front's plain `text`, else its HTML body as text. */
export function messageText(message: FrontMessage): string {
  if (message.text && message.text.trim()) return message.text.trim();
  if (message.body) return htmlToText(message.body);
  return "";
}

/** The customer's handle (phone number or email) from the message's `from` recipient. */
export function senderHandle(message: FrontMessage): { handle: string; name: string | null } | null {
  const from = message.recipients?.find((recipient) => recipient.role === "from");
  return from ? { handle: from.handle, name: from.name ?? null } : null;
}

/** Call details Front keeps in the message metadata. */
export function callDetails(message: FrontMessage): { durationSeconds?: number; answered?: boolean } | null {
  const metadata = message.metadata ?? {};
  const duration = typeof metadata.duration === "number" ? metadata.duration : undefined;
  const answered = typeof metadata.have_been_answered === "boolean" ? metadata.have_been_answered : undefined;
  return duration === undefined && answered === undefined ? null : { durationSeconds: duration, answered };
}
