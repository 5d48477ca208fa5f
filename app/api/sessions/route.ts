// The Inbox list: sessions by last activity, newest first, keyset-paginated.
import { z } from "zod";
import { requireUser } from "@/lib/auth/guard";
import { errorResponse } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { listSessions } from "@/lib/db/queries/sessions";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const [lastActivityAt, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
      if (!lastActivityAt || !id || Number.isNaN(Date.parse(lastActivityAt)) || !z.uuid().safeParse(id).success) {
        context.addIssue({ code: "custom", message: "is not a valid cursor" });
        return z.NEVER;
      }
      return { lastActivityAt, id };
    }),
});

export async function GET(request: Request) {
  try {
    await requireUser();
    const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const page = await listSessions(await getDb(), { limit: query.limit, cursor: query.cursor });
    const nextCursor = page.nextCursor ? Buffer.from(`${page.nextCursor.lastActivityAt}|${page.nextCursor.id}`).toString("base64url") : null;
    return Response.json({ sessions: page.sessions, nextCursor }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
