import { count, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { knowledgeArticles } from "../schema";

export interface KnowledgeHit {
  articleId: string;
  title: string;
  content: string;
  score: number;
}

/**
 * Full-text search over the knowledge base. Any of the query's words may match (a caller's sentence rarely
 * contains every word of an article), ranked by ts_rank_cd normalised to 0–1.
 */
export async function searchKnowledge(db: Db, query: string, limit = 3): Promise<KnowledgeHit[]> {
  const result = await db.execute(sql`
    with q as (
      select nullif(replace(plainto_tsquery('english', ${query})::text, ' & ', ' | '), '')::tsquery as terms
    )
    select a.id as "articleId", a.title, a.body as content,
      ts_rank_cd(to_tsvector('english', a.title || ' ' || a.body), q.terms, 32) as score
    from knowledge_articles a, q
    where q.terms is not null and to_tsvector('english', a.title || ' ' || a.body) @@ q.terms
    order by score desc, a.title
    limit ${limit}`);
  return rowsOf<KnowledgeHit>(result).map((hit) => ({ ...hit, score: Number(hit.score) }));
}

export async function countKnowledgeArticles(db: Db): Promise<number> {
  const [row] = await db.select({ value: count() }).from(knowledgeArticles);
  return row.value;
}

export async function insertKnowledgeArticles(db: Db, articles: { title: string; body: string }[]): Promise<void> {
  if (articles.length > 0) await db.insert(knowledgeArticles).values(articles);
}
