// Knowledge gaps: the questions handed off for insufficient knowledge in a range of UTC days (and channel), grouped by
// their most distinctive words (lib/reports/knowledge-gaps/group.ts). Viewers read it too; only admins get write links.
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { findKnowledgeGaps } from "@/lib/reports/knowledge-gaps/query";
import { knowledgeGapsResponseSchema } from "@/lib/reports/knowledge-gaps/types";
import { reportQuerySchema } from "@/lib/reports/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: reportQuerySchema }, async ({ user, query }) => {
  const gaps = await findKnowledgeGaps(await getDb(), {
    from: query.from,
    to: query.to,
    channels: query.channel ? [query.channel] : [],
  });
  return knowledgeGapsResponseSchema.parse({
    range: { from: query.from, to: query.to },
    channel: query.channel ?? null,
    sessions: gaps.sessions,
    groups: gaps.groups.map((group) => ({
      key: group.key,
      words: group.words,
      sessions: group.sessionIds.length,
      examples: group.examples,
    })),
    canWriteArticles: user.role === "admin",
  });
});
