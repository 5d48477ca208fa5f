// The Inbox list: sessions by last activity, newest first, filtered and keyset-paginated.
// Query: channel, status, sentiment, reason, from, to, q, view (the URL contract in lib/inbox/session-filters.ts),
// limit (1–100, default 50) and cursor (the nextCursor of the previous page).
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { MAX_PAGE_SIZE, parseSessionFilters } from "@/lib/inbox/session-filters";
import type { SessionListCursor } from "@/lib/db/queries/sessions";
import { listInboxSessions } from "@/lib/inbox/list";

export const dynamic = "force-dynamic";

/** A cursor's time: ISO UTC with up to microseconds, as listSessions writes it. */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: z
    .string()
    .optional()
    .transform((value, context): SessionListCursor | undefined => {
      if (!value) return undefined;
      const [lastActivityAt, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
      if (
        !lastActivityAt ||
        !id ||
        !CURSOR_TIME.test(lastActivityAt) ||
        Number.isNaN(Date.parse(lastActivityAt)) ||
        !z.uuid().safeParse(id).success
      ) {
        context.addIssue({ code: "custom", message: "is not a valid cursor" });
        return z.NEVER;
      }
      return { lastActivityAt, id };
    }),
});

export const GET = route({ role: "viewer", query: pageSchema }, async ({ request, query: page }) => {
  const { filters, issues } = parseSessionFilters(new URL(request.url).searchParams);
  if (issues.length > 0) throw new ApiError(422, "invalid_input", issues.join("; "));
  const result = await listInboxSessions(await getDb(), { limit: page.limit, cursor: page.cursor, filters });
  const nextCursor = result.nextCursor
    ? Buffer.from(`${result.nextCursor.lastActivityAt}|${result.nextCursor.id}`).toString("base64url")
    : null;
  return { sessions: result.sessions, nextCursor };
});
