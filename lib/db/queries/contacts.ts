import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "../client";
import { sessions } from "../schema";

/** A contact's other sessions, newest first: what the AI and the lead see of the caller's history. */
export async function listContactHistory(
  db: Db,
  contactKey: string,
  options: { excludeSessionId?: string; limit?: number } = {},
) {
  return db
    .select({
      id: sessions.id,
      ticketNumber: sessions.ticketNumber,
      channel: sessions.channel,
      status: sessions.status,
      sentiment: sessions.sentiment,
      summary: sessions.summary,
      preview: sessions.preview,
      handoffReason: sessions.handoffReason,
      createdAt: sessions.createdAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.contactKey, contactKey),
        options.excludeSessionId ? ne(sessions.id, options.excludeSessionId) : undefined,
      ),
    )
    .orderBy(desc(sessions.createdAt))
    .limit(options.limit ?? 10);
}
