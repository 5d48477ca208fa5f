import { asc, count, eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { knowledgeArticles, knowledgeChunks, type KnowledgeArticle, type KnowledgeChunk } from "../schema";

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
  return rowsOf<KnowledgeHit>(result).map((hit) => ({
    ...hit,
    position: Number(hit.position),
    score: Math.round(Number(hit.score) * 10_000) / 10_000,
  }));
}

/** A passage as written: what lib/knowledge/chunk.ts cuts an article body into. */
export type ChunkText = Pick<KnowledgeChunk, "position" | "heading" | "content">;

/** An article as written: its title and body, and the chunks its body is stored as. */
export interface ArticleWrite {
  title: string;
  body: string;
  chunks: ChunkText[];
}

/** Title (A), heading (B) and passage (D) in one vector: what knowledge_chunks.search holds. */
function searchVector(title: string, chunk: ChunkText) {
  return sql`setweight(to_tsvector('english', ${title}::text), 'A') || setweight(to_tsvector('english', ${chunk.heading ?? ""}::text), 'B') || setweight(to_tsvector('english', ${chunk.content}::text), 'D')`;
}

/** Replaces an article's chunks; call it in the transaction that writes the article. */
export async function replaceChunks(
  tx: Db,
  article: Pick<KnowledgeArticle, "id" | "title">,
  chunks: ChunkText[],
): Promise<void> {
  await tx.delete(knowledgeChunks).where(eq(knowledgeChunks.articleId, article.id));
  await tx.insert(knowledgeChunks).values(
    chunks.map((chunk) => ({
      articleId: article.id,
      position: chunk.position,
      heading: chunk.heading,
      content: chunk.content,
      search: searchVector(article.title, chunk),
    })),
  );
}

/** The oldest article with this title, compared without case. */
export async function articleIdByTitle(db: Db, title: string): Promise<string | null> {
  const [row] = await db
    .select({ id: knowledgeArticles.id })
    .from(knowledgeArticles)
    .where(sql`lower(${knowledgeArticles.title}) = lower(${title})`)
    .orderBy(asc(knowledgeArticles.createdAt), asc(knowledgeArticles.id))
    .limit(1);
  return row?.id ?? null;
}

/** The article, locked for the rest of the transaction; null when it does not exist. */
export async function lockArticle(tx: Db, id: string): Promise<KnowledgeArticle | null> {
  const [article] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).for("update");
  return article ?? null;
}

/** Adds an article and its chunks; call it in a transaction (two statements). */
export async function insertArticle(tx: Db, input: ArticleWrite): Promise<KnowledgeArticle> {
  const [article] = await tx.insert(knowledgeArticles).values({ title: input.title, body: input.body }).returning();
  await replaceChunks(tx, article, input.chunks);
  return article;
}

/** Saves an article and rewrites its chunks; null when it does not exist. Call it in a transaction. */
export async function updateArticle(tx: Db, id: string, input: ArticleWrite): Promise<KnowledgeArticle | null> {
  const [article] = await tx
    .update(knowledgeArticles)
    .set({ title: input.title, body: input.body, updatedAt: sql`now()` })
    .where(eq(knowledgeArticles.id, id))
    .returning();
  if (!article) return null;
  await replaceChunks(tx, article, input.chunks);
  return article;
}

/** Deletes an article; its chunks go with it (foreign key cascade). */
export async function deleteArticle(db: Db, id: string): Promise<KnowledgeArticle | null> {
  const [deleted] = await db.delete(knowledgeArticles).where(eq(knowledgeArticles.id, id)).returning();
  return deleted ?? null;
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
export async function listKnowledgeArticles(
  db: Db,
  options: { q?: string; limit?: number } = {},
): Promise<{ articles: ArticleSummary[]; total: number }> {
  const q = options.q?.trim();
  const pattern = q ? containsPattern(q) : null;
  const where = pattern
    ? sql`(${knowledgeArticles.title} ilike ${pattern} or ${knowledgeArticles.body} ilike ${pattern})`
    : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: knowledgeArticles.id,
        title: knowledgeArticles.title,
        excerpt: sql<string>`case when length(${knowledgeArticles.body}) > ${EXCERPT_CHARS} then left(${knowledgeArticles.body}, ${EXCERPT_CHARS}) || '…' else ${knowledgeArticles.body} end`,
        chunkCount:
          sql<number>`(select count(*) from knowledge_chunks c where c.article_id = knowledge_articles.id)`.mapWith(
            Number,
          ),
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
    .select({
      id: knowledgeChunks.id,
      position: knowledgeChunks.position,
      heading: knowledgeChunks.heading,
      content: knowledgeChunks.content,
    })
    .from(knowledgeChunks)
    .where(eq(knowledgeChunks.articleId, id))
    .orderBy(asc(knowledgeChunks.position));
  return { article, chunks };
}

export async function countKnowledgeArticles(db: Db): Promise<number> {
  const [row] = await db.select({ value: count() }).from(knowledgeArticles);
  return row.value;
}

/**
 * The articles that have no chunks: those written before chunks existed (the 0002 migration adds the table empty,
 * and chunking needs the app's own chunker). Every article written since has at least one chunk.
 */
export async function unchunkedArticleIds(db: Db): Promise<string[]> {
  // Spelled out: drizzle leaves a single-table query's columns unqualified, which a subquery would misread.
  const unchunked = sql`not exists (select 1 from knowledge_chunks c where c.article_id = knowledge_articles.id)`;
  const rows = await db.select({ id: knowledgeArticles.id }).from(knowledgeArticles).where(unchunked);
  return rows.map((row) => row.id);
}

export async function countChunks(db: Db, articleId: string): Promise<number> {
  const [{ existing }] = await db
    .select({ existing: count() })
    .from(knowledgeChunks)
    .where(eq(knowledgeChunks.articleId, articleId));
  return existing;
}
