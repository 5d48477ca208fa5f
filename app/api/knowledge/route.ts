// Settings → Knowledge: the articles (anyone signed in may read them), and creating one (admins).
import { z } from "zod";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { getKnowledgeArticle, listKnowledgeArticles } from "@/lib/db/queries/knowledge";
import { createKnowledgeArticle } from "@/lib/knowledge/articles";
import { articleInputSchema } from "@/lib/knowledge/validation";

export const dynamic = "force-dynamic";

const listSchema = z.object({ q: z.string().max(200, "Search for 200 characters or fewer.").optional() });

export const GET = route({ role: "viewer", query: listSchema }, async ({ query: { q } }) =>
  listKnowledgeArticles(await getDb(), { q }),
);

export const POST = route({ role: "admin", body: articleInputSchema }, async ({ user, body: input }) => {
  const db = await getDb();
  const article = await createKnowledgeArticle(db, input, actorOf(user));
  return Response.json(await getKnowledgeArticle(db, article.id), { status: 201 });
});
