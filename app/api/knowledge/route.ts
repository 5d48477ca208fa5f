// Settings → Knowledge: the articles (anyone signed in may read them), and creating one (admins).
import { z } from "zod";
import { errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin, requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { getKnowledgeArticle, listKnowledgeArticles } from "@/lib/db/queries/knowledge";
import { createKnowledgeArticle } from "@/lib/knowledge/articles";
import { knowledgeError, readJsonBody } from "@/lib/knowledge/api";
import { articleInputSchema } from "@/lib/knowledge/validation";

export const dynamic = "force-dynamic";

const listSchema = z.object({ q: z.string().max(200, "Search for 200 characters or fewer.").optional() });

export async function GET(request: Request) {
  try {
    await requireUser();
    const { q } = listSchema.parse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
    return Response.json(await listKnowledgeArticles(await getDb(), { q }), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const user = await requireAdmin();
    const input = articleInputSchema.parse(await readJsonBody(request));
    const db = await getDb();
    const article = await createKnowledgeArticle(db, input, actorOf(user));
    return Response.json(await getKnowledgeArticle(db, article.id), { status: 201 });
  } catch (error) {
    return errorResponse(knowledgeError(error));
  }
}
