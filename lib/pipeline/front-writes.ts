import type { FrontClient } from "../front/client";

// A process can die between Front accepting a write and Frontline recording it. So every reply, draft and comment
// is preceded by a saved intent (its kind, exact body and time), and a retry that finds an intent with no recorded
// result looks in Front for the write before making it again.

export interface IntendedWrite {
  kind: "reply" | "draft" | "comment";
  body: string;
  /** When the intent was saved, just before the write was sent. */
  since: Date;
  /** The teammate the write is posted as; any author when unset. */
  authorId?: string;
}

export interface FoundWrite {
  /** Front's id: a message (reply), draft message or comment id. */
  id: string;
}

/**
 * Front's clock and ours differ a little: a write is looked for from this long before its intent. An identical
 * write by the AI on the same conversation inside this margin would be mistaken for this one.
 */
export const CLOCK_SKEW_MS = 2_000;

/** How many of a conversation's newest messages are searched for a reply: it is among the last few. */
const RECENT_MESSAGES = 25;

/** The write, if Front has it: by the AI teammate, with the same content, made since the intent. */
export async function findFrontWrite(
  front: FrontClient,
  conversationId: string,
  write: IntendedWrite,
): Promise<FoundWrite | null> {
  const notBefore = (write.since.getTime() - CLOCK_SKEW_MS) / 1000;
  const wanted = comparableContent(write.body);
  const byAuthor = (author: { id: string } | null | undefined) => !write.authorId || author?.id === write.authorId;
  const recent = (seconds: number | null | undefined) => seconds == null || seconds >= notBefore;

  if (write.kind === "comment") {
    const comments = await front.listComments(conversationId);
    const found = comments.find(
      (comment) =>
        byAuthor(comment.author) && recent(comment.posted_at) && comparableContent(comment.body ?? "") === wanted,
    );
    return found ? { id: found.id } : null;
  }
  const messages =
    write.kind === "draft"
      ? await front.listDrafts(conversationId)
      : await front.listRecentMessages(conversationId, RECENT_MESSAGES);
  const found = messages.find(
    (message) =>
      message.is_inbound !== true &&
      byAuthor(message.author) &&
      recent(message.created_at) &&
      comparableContent(message.body ?? message.text ?? "") === wanted,
  );
  return found ? { id: found.id } : null;
}

/** Text without markup or spacing differences: Front may re-wrap the HTML of a body it stores. */
export function comparableContent(body: string): string {
  return body
    .replace(/<br\s*\/?>|<\/p>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
