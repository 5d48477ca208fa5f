// Writing knowledge articles: each write chunks the body (./chunk.ts), checks the title and records its audit row,
// in one transaction with the queries of lib/db/queries/knowledge.ts.
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../audit";
import { inTransaction, type Db } from "../db/client";
import {
  articleIdByTitle,
  countChunks,
  deleteArticle,
  insertArticle,
  lockArticle,
  replaceChunks,
  unchunkedArticleIds,
  updateArticle,
  type ArticleWrite,
} from "../db/queries/knowledge";
import type { KnowledgeArticle } from "../db/schema";
import { storedChunks } from "./chunk";
import { DuplicateTitleError } from "./errors";

/** An article with the chunks its body is stored as. */
export function withChunks(input: { title: string; body: string }): ArticleWrite {
  return { title: input.title, body: input.body, chunks: storedChunks(input.body) };
}

/** What the audit log keeps of an article. */
function articleState(article: Pick<KnowledgeArticle, "id" | "title" | "body">): Record<string, unknown> {
  return { id: article.id, title: article.title, body: article.body };
}

/** Creates an article and its chunks, with its audit row. Throws DuplicateTitleError when the title is taken. */
export async function createKnowledgeArticle(
  db: Db,
  input: { title: string; body: string },
  actor: AuditActor = SYSTEM_ACTOR,
): Promise<KnowledgeArticle> {
  return inTransaction(db, async (tx) => {
    const existingId = await articleIdByTitle(tx, input.title);
    if (existingId) throw new DuplicateTitleError(input.title, existingId);
    const article = await insertArticle(tx, withChunks(input));
    await recordAudit(tx, { actor, action: "knowledge.create", target: article.title, after: articleState(article) });
    return article;
  });
}

/** Saves an article and rewrites its chunks, with its audit row; null when it does not exist. Throws DuplicateTitleError. */
export async function updateKnowledgeArticle(
  db: Db,
  id: string,
  input: { title: string; body: string },
  actor: AuditActor = SYSTEM_ACTOR,
): Promise<KnowledgeArticle | null> {
  return inTransaction(db, async (tx) => {
    const existingId = await articleIdByTitle(tx, input.title);
    if (existingId && existingId !== id) throw new DuplicateTitleError(input.title, existingId);
    const previous = await lockArticle(tx, id);
    if (!previous) return null;
    const article = await updateArticle(tx, id, withChunks(input));
    if (!article) return null;
    await recordAudit(tx, {
      actor,
      action: "knowledge.update",
      target: article.title,
      before: articleState(previous),
      after: articleState(article),
    });
    return article;
  });
}

/** Deletes an article, with its audit row; its chunks go with it. */
export async function deleteKnowledgeArticle(
  db: Db,
  id: string,
  actor: AuditActor = SYSTEM_ACTOR,
): Promise<KnowledgeArticle | null> {
  return inTransaction(db, async (tx) => {
    const deleted = await deleteArticle(tx, id);
    if (!deleted) return null;
    await recordAudit(tx, { actor, action: "knowledge.delete", target: deleted.title, before: articleState(deleted) });
    return deleted;
  });
}

/** Adds articles with their chunks: the sample knowledge base, which no person wrote (no audit row). */
export async function insertKnowledgeArticles(db: Db, articles: { title: string; body: string }[]): Promise<void> {
  if (articles.length === 0) return;
  await inTransaction(db, async (tx) => {
    for (const article of articles) await insertArticle(tx, withChunks(article));
  });
}

/**
 * Chunks the articles that have none (see unchunkedArticleIds). Each article is locked and checked again, so two
 * processes starting at once do not both write its chunks. Returns how many articles it chunked.
 */
export async function ensureKnowledgeChunks(db: Db): Promise<number> {
  let chunked = 0;
  for (const id of await unchunkedArticleIds(db)) {
    chunked += await inTransaction(db, async (tx) => {
      const article = await lockArticle(tx, id);
      if (!article) return 0;
      if ((await countChunks(tx, id)) > 0) return 0;
      await replaceChunks(tx, article, storedChunks(article.body));
      return 1;
    });
  }
  return chunked;
}
