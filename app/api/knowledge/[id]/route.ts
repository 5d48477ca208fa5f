// One knowledge article with the chunks it is searched by: read (anyone signed in), save and delete (admins).
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { getKnowledgeArticle } from "@/lib/db/queries/knowledge";
import { deleteKnowledgeArticle, updateKnowledgeArticle } from "@/lib/knowledge/articles";
import { articleIdFrom } from "@/lib/knowledge/api";
import { articleInputSchema } from "@/lib/knowledge/validation";

export const dynamic = "force-dynamic";

const notFound = () => new ApiError(404, "not_found", "No such article. It may have been deleted.");

export const GET = route({ role: "viewer" }, async ({ params }) => {
  const found = await getKnowledgeArticle(await getDb(), articleIdFrom(params.id));
  if (!found) throw notFound();
  return found;
});

export const PUT = route({ role: "admin", body: articleInputSchema }, async ({ user, body: input, params }) => {
  const id = articleIdFrom(params.id);
  const db = await getDb();
  if (!(await updateKnowledgeArticle(db, id, input, actorOf(user)))) throw notFound();
  return getKnowledgeArticle(db, id);
});

export const DELETE = route({ role: "admin" }, async ({ user, params }) => {
  const deleted = await deleteKnowledgeArticle(await getDb(), articleIdFrom(params.id), actorOf(user));
  if (!deleted) throw notFound();
  return { deleted: { id: deleted.id, title: deleted.title } };
});
