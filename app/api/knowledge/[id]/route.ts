// One knowledge article with the chunks it is searched by: read (anyone signed in), save and delete (admins).
import { ApiError, errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin, requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { getKnowledgeArticle } from "@/lib/db/queries/knowledge";
import { deleteKnowledgeArticle, updateKnowledgeArticle } from "@/lib/knowledge/articles";
import { articleIdFrom, knowledgeError, readJsonBody } from "@/lib/knowledge/api";
import { articleInputSchema } from "@/lib/knowledge/validation";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const notFound = () => new ApiError(404, "not_found", "No such article. It may have been deleted.");

export async function GET(_request: Request, { params }: Params) {
  try {
    await requireUser();
    const found = await getKnowledgeArticle(await getDb(), articleIdFrom((await params).id));
    if (!found) throw notFound();
    return Response.json(found, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PUT(request: Request, { params }: Params) {
  try {
    const user = await requireAdmin();
    const id = articleIdFrom((await params).id);
    const input = articleInputSchema.parse(await readJsonBody(request));
    const db = await getDb();
    if (!(await updateKnowledgeArticle(db, id, input, actorOf(user)))) throw notFound();
    return Response.json(await getKnowledgeArticle(db, id));
  } catch (error) {
    return errorResponse(knowledgeError(error));
  }
}

export async function DELETE(_request: Request, { params }: Params) {
  try {
    const user = await requireAdmin();
    const deleted = await deleteKnowledgeArticle(await getDb(), articleIdFrom((await params).id), actorOf(user));
    if (!deleted) throw notFound();
    return Response.json({ deleted: { id: deleted.id, title: deleted.title } });
  } catch (error) {
    return errorResponse(error);
  }
}
