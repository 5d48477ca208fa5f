// Knowledge gaps: the questions handed off for insufficient knowledge in a range of UTC days (and channel), grouped by
// their most distinctive words (lib/reports/knowledge-gaps/group.ts). Viewers read it too; only admins get write links.
import { requireUser } from "@/lib/auth/guard";
import { errorResponse } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { findKnowledgeGaps } from "@/lib/reports/knowledge-gaps/query";
import { knowledgeGapsResponseSchema } from "@/lib/reports/knowledge-gaps/types";
import { reportQuerySchema } from "@/lib/reports/types";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const user = await requireUser();
    const query = reportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const gaps = await findKnowledgeGaps(await getDb(), { from: query.from, to: query.to, channels: query.channel ? [query.channel] : [] });
    const body = knowledgeGapsResponseSchema.parse({
      range: { from: query.from, to: query.to },
      channel: query.channel ?? null,
      sessions: gaps.sessions,
      groups: gaps.groups.map((group) => ({ key: group.key, words: group.words, sessions: group.sessionIds.length, examples: group.examples })),
      canWriteArticles: user.role === "admin",
    });
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
