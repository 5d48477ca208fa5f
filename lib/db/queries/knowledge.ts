import { asc, count, eq, sql } from "drizzle-orm";
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../../audit";
import { rowsOf, type Db } from "../client";
import { knowledgeArticles, knowledgeChunks, type KnowledgeArticle, type KnowledgeChunk } from "../schema";
import { chunkArticle, type Chunk } from "../../knowledge/chunk";
import type { ImportArticle, ImportOutcome } from "../../knowledge/import";

/** One passage the search returned. `title`, `content` and `score` are what the models read (see local-model/tools.ts). */
export interface KnowledgeHit {
  chunkId: string;
  articleId: string;
  title: string;
  heading: string | null;
  position: number;
  content: string;
  score: number;
}

/**
 * At most this many passages of one article in a search's results. Two, not one: an answer often runs over a
 * section break, and the second passage lets the model read it whole. Not more: a long article matching on every
 * passage (its title is in all of them) would otherwise fill every slot and hide the article that answers.
 */
export const MAX_CHUNKS_PER_ARTICLE = 2;

/**
 * Full-text search over the articles' chunks. Any of the query's words may match (a caller's sentence rarely
 * contains every word of an article). The score, 0–1, is half the share of the query's distinct words the passage
 * contains and half ts_rank_cd normalised to 0–1, where a word in the title counts ten times a word in the passage
 * and a heading's four times (Postgres' default weights for A, B and D). The share matters because ts_rank_cd adds
 * up occurrences: in an article about gift cards every passage says "gift card", and the one that also says
 * "expire" must still come first for "do gift cards expire?".
 */
export async function searchKnowledge(db: Db, query: string, limit = 4): Promise<KnowledgeHit[]> {
  const result = await db.execute(sql`
    with q as (
      select nullif(replace(plainto_tsquery('english', ${query}::text)::text, ' & ', ' | '), '')::tsquery as terms,
        tsvector_to_array(to_tsvector('english', ${query}::text)) as words
    ),
    ranked as (
      select c.id, c.article_id, c.position, c.heading, c.content,
        (cardinality(array(select unnest(q.words) intersect select unnest(tsvector_to_array(c.search))))::float8 / greatest(cardinality(q.words), 1)
          + ts_rank_cd(c.search, q.terms, 32)) / 2 as score
      from knowledge_chunks c, q
      where q.terms is not null and c.search @@ q.terms
    ),
    per_article as (
      select ranked.*, row_number() over (partition by article_id order by score desc, position) as article_rank from ranked
    )
    select p.id as "chunkId", p.article_id as "articleId", a.title, p.heading, p.position, p.content, p.score
    from per_article p join knowledge_articles a on a.id = p.article_id
    where p.article_rank <= ${MAX_CHUNKS_PER_ARTICLE}
    order by p.score desc, a.title, p.position
    limit ${limit}`);
  return rowsOf<KnowledgeHit>(result).map((hit) => ({ ...hit, position: Number(hit.position), score: Math.round(Number(hit.score) * 10_000) / 10_000 }));
}

/** The chunks an article body is stored as; an article with no text still gets one, so its title can be found. */
function chunksOf(body: string): Chunk[] {
  const chunks = chunkArticle(body);
  return chunks.length > 0 ? chunks : [{ position: 0, heading: null, content: body.trim() }];
}

/** Title (A), heading (B) and passage (D) in one vector: what knowledge_chunks.search holds. */
function searchVector(title: string, chunk: Chunk) {
  return sql`setweight(to_tsvector('english', ${title}::text), 'A') || setweight(to_tsvector('english', ${chunk.heading ?? ""}::text), 'B') || setweight(to_tsvector('english', ${chunk.content}::text), 'D')`;
}

/** Replaces an article's chunks; called in the transaction that writes the article. */
async function writeChunks(tx: Db, article: Pick<KnowledgeArticle, "id" | "title" | "body">): Promise<void> {
  await tx.delete(knowledgeChunks).where(eq(knowledgeChunks.articleId, article.id));
  await tx.insert(knowledgeChunks).values(
    chunksOf(article.body).map((chunk) => ({
      articleId: article.id,
      position: chunk.position,
      heading: chunk.heading,
      content: chunk.content,
      search: searchVector(article.title, chunk),
    })),
  );
}

function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}

/** Another article already has this title (titles are compared without case). */
export class DuplicateTitleError extends Error {
  override name = "DuplicateTitleError";
  constructor(
    public readonly title: string,
    public readonly existingId: string,
  ) {
    super(`An article titled "${title}" already exists.`);
  }
}

async function articleIdByTitle(db: Db, title: string): Promise<string | null> {
  const [row] = await db
    .select({ id: knowledgeArticles.id })
    .from(knowledgeArticles)
    .where(sql`lower(${knowledgeArticles.title}) = lower(${title})`)
    .orderBy(asc(knowledgeArticles.createdAt), asc(knowledgeArticles.id))
    .limit(1);
  return row?.id ?? null;
}

export interface ArticleSummary {
  id: string;
  title: string;
  /** The body's opening, for the list; "…" when there is more. */
  excerpt: string;
  chunkCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const EXCERPT_CHARS = 300;

function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Articles for the settings list, by title. `q` matches any part of the title or body (an admin looking for an
 * article types part of a word, which full-text search would not find); title matches come first.
 */
export async function listKnowledgeArticles(db: Db, options: { q?: string; limit?: number } = {}): Promise<{ articles: ArticleSummary[]; total: number }> {
  const q = options.q?.trim();
  const pattern = q ? containsPattern(q) : null;
  const where = pattern ? sql`(${knowledgeArticles.title} ilike ${pattern} or ${knowledgeArticles.body} ilike ${pattern})` : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: knowledgeArticles.id,
        title: knowledgeArticles.title,
        excerpt: sql<string>`case when length(${knowledgeArticles.body}) > ${EXCERPT_CHARS} then left(${knowledgeArticles.body}, ${EXCERPT_CHARS}) || '…' else ${knowledgeArticles.body} end`,
        chunkCount: sql<number>`(select count(*) from knowledge_chunks c where c.article_id = knowledge_articles.id)`.mapWith(Number),
        createdAt: knowledgeArticles.createdAt,
        updatedAt: knowledgeArticles.updatedAt,
      })
      .from(knowledgeArticles)
      .where(where)
      .orderBy(
        ...(pattern ? [sql`(${knowledgeArticles.title} ilike ${pattern}) desc`] : []),
        sql`lower(${knowledgeArticles.title})`,
        asc(knowledgeArticles.id),
      )
      .limit(options.limit ?? 500),
    db.select({ total: count() }).from(knowledgeArticles).where(where),
  ]);
  return { articles: rows, total };
}

export interface ArticleWithChunks {
  article: KnowledgeArticle;
  chunks: Pick<KnowledgeChunk, "id" | "position" | "heading" | "content">[];
}

export async function getKnowledgeArticle(db: Db, id: string): Promise<ArticleWithChunks | null> {
  const [article] = await db.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id));
  if (!article) return null;
  const chunks = await db
    .select({ id: knowledgeChunks.id, position: knowledgeChunks.position, heading: knowledgeChunks.heading, content: knowledgeChunks.content })
    .from(knowledgeChunks)
    .where(eq(knowledgeChunks.articleId, id))
    .orderBy(asc(knowledgeChunks.position));
  return { article, chunks };
}

/** Creates an article and its chunks, with its audit row. Throws DuplicateTitleError when the title is taken. */
export async function createKnowledgeArticle(db: Db, input: { title: string; body: string }, actor: AuditActor = SYSTEM_ACTOR): Promise<KnowledgeArticle> {
  return inTransaction(db, async (tx) => {
    const existingId = await articleIdByTitle(tx, input.title);
    if (existingId) throw new DuplicateTitleError(input.title, existingId);
    const [article] = await tx.insert(knowledgeArticles).values({ title: input.title, body: input.body }).returning();
    await writeChunks(tx, article);
    await recordAudit(tx, { actor, action: "knowledge.create", target: article.title, after: articleState(article) });
    return article;
  });
}

/** Saves an article and rewrites its chunks, with its audit row; null when it does not exist. Throws DuplicateTitleError. */
export async function updateKnowledgeArticle(db: Db, id: string, input: { title: string; body: string }, actor: AuditActor = SYSTEM_ACTOR): Promise<KnowledgeArticle | null> {
  return inTransaction(db, async (tx) => {
    const existingId = await articleIdByTitle(tx, input.title);
    if (existingId && existingId !== id) throw new DuplicateTitleError(input.title, existingId);
    const [previous] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).for("update");
    if (!previous) return null;
    const [article] = await tx
      .update(knowledgeArticles)
      .set({ title: input.title, body: input.body, updatedAt: sql`now()` })
      .where(eq(knowledgeArticles.id, id))
      .returning();
    if (!article) return null;
    await writeChunks(tx, article);
    await recordAudit(tx, { actor, action: "knowledge.update", target: article.title, before: articleState(previous), after: articleState(article) });
    return article;
  });
}

/** Deletes an article, with its audit row; its chunks go with it (foreign key cascade). */
export async function deleteKnowledgeArticle(db: Db, id: string, actor: AuditActor = SYSTEM_ACTOR): Promise<KnowledgeArticle | null> {
  return inTransaction(db, async (tx) => {
    const [deleted] = await tx.delete(knowledgeArticles).where(eq(knowledgeArticles.id, id)).returning();
    if (!deleted) return null;
    await recordAudit(tx, { actor, action: "knowledge.delete", target: deleted.title, before: articleState(deleted) });
    return deleted;
  });
}

/** What the audit log keeps of an article. */
function articleState(article: Pick<KnowledgeArticle, "id" | "title" | "body">): Record<string, unknown> {
  return { id: article.id, title: article.title, body: article.body };
}

/**
 * Writes imported articles in one transaction: an article with the same title (without case) is updated, or left
 * alone when nothing changed; otherwise a new one is created. Returns what happened to each, in order.
 */
export async function importKnowledgeArticles(db: Db, articles: ImportArticle[], actor: AuditActor = SYSTEM_ACTOR): Promise<ImportOutcome[]> {
  return inTransaction(db, async (tx) => {
    const outcomes: ImportOutcome[] = [];
    for (const input of articles) {
      const done = (status: ImportOutcome["status"], articleId: string) => outcomes.push({ file: input.file, status, title: input.title, articleId, reason: null });
      const existingId = await articleIdByTitle(tx, input.title);
      if (!existingId) {
        const [article] = await tx.insert(knowledgeArticles).values({ title: input.title, body: input.body }).returning();
        await writeChunks(tx, article);
        done("created", article.id);
        continue;
      }
      const [existing] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, existingId)).for("update");
      if (existing.title === input.title && existing.body === input.body) {
        done("unchanged", existingId);
        continue;
      }
      const [article] = await tx
        .update(knowledgeArticles)
        .set({ title: input.title, body: input.body, updatedAt: sql`now()` })
        .where(eq(knowledgeArticles.id, existingId))
        .returning();
      await writeChunks(tx, article);
      done("updated", article.id);
    }
    // One row for the import: which articles it created and updated (the files left unchanged changed nothing).
    const titles = (status: ImportOutcome["status"]) => outcomes.filter((outcome) => outcome.status === status).map((outcome) => outcome.title);
    if (outcomes.some((outcome) => outcome.status !== "unchanged")) {
      await recordAudit(tx, {
        actor,
        action: "knowledge.import",
        target: `${articles.length} file${articles.length === 1 ? "" : "s"}`,
        after: { created: titles("created"), updated: titles("updated"), unchanged: titles("unchanged").length },
      });
    }
    return outcomes;
  });
}

export async function countKnowledgeArticles(db: Db): Promise<number> {
  const [row] = await db.select({ value: count() }).from(knowledgeArticles);
  return row.value;
}

/** Adds articles with their chunks (the sample knowledge base). */
export async function insertKnowledgeArticles(db: Db, articles: { title: string; body: string }[]): Promise<void> {
  if (articles.length === 0) return;
  await inTransaction(db, async (tx) => {
    const inserted = await tx.insert(knowledgeArticles).values(articles).returning();
    for (const article of inserted) await writeChunks(tx, article);
  });
}

/**
 * Chunks the articles that have none: those written before chunks existed (the 0002 migration adds the table
 * empty, and chunking needs the app's own chunker). Every article written since has at least one chunk. Each
 * article is locked and checked again, so two processes starting at once do not both write its chunks.
 * Returns how many articles it chunked.
 */
export async function ensureKnowledgeChunks(db: Db): Promise<number> {
  // Spelled out: drizzle leaves a single-table query's columns unqualified, which a subquery would misread.
  const unchunked = sql`not exists (select 1 from knowledge_chunks c where c.article_id = knowledge_articles.id)`;
  const missing = await db.select({ id: knowledgeArticles.id }).from(knowledgeArticles).where(unchunked);
  let chunked = 0;
  for (const { id } of missing) {
    chunked += await inTransaction(db, async (tx) => {
      const [article] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).for("update");
      if (!article) return 0;
      const [{ existing }] = await tx.select({ existing: count() }).from(knowledgeChunks).where(eq(knowledgeChunks.articleId, id));
      if (existing > 0) return 0;
      await writeChunks(tx, article);
      return 1;
    });
  }
  return chunked;
}
