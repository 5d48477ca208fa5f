import type { Serialized } from "@/components/inbox/types";
import type { ArticleSummary, ArticleWithChunks, KnowledgeHit } from "@/lib/db/queries/knowledge";
import type { ImportOutcome } from "@/lib/knowledge/import";

/** GET /api/knowledge. */
export interface ArticleListResponse {
  articles: Serialized<ArticleSummary>[];
  total: number;
}

/** GET, POST and PUT /api/knowledge[/id]. */
export type ArticleResponse = Serialized<ArticleWithChunks>;

/** POST /api/knowledge/import. */
export interface ImportResponse {
  outcomes: ImportOutcome[];
}

/** GET /api/knowledge/search. */
export interface SearchResponse {
  results: KnowledgeHit[];
}

/** Where an article is edited; the timeline links here too. */
export function articleHref(id: string): string {
  return `/settings/knowledge/${id}`;
}
