import { customType, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { knowledgeArticles } from "./knowledge-articles";

/** Postgres' tsvector; written as SQL (see lib/db/queries/knowledge.ts), read back as its text form. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * An article cut into passages (lib/knowledge/chunk.ts), which is what the agent's search ranks. Rewritten with
 * the article in one transaction, so chunks never disagree with the article they come from.
 */
export const knowledgeChunks = pgTable(
  "knowledge_chunks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** The Markdown heading the passage sits under, if any. */
    heading: text("heading"),
    content: text("content").notNull(),
    /**
     * Article title (weight A), heading (B) and passage (D). Not a generated column: a generated column cannot read
     * the article's title, and the title is what most questions match.
     */
    search: tsvector("search").notNull(),
  },
  (t) => [
    unique("knowledge_chunks_article_position_key").on(t.articleId, t.position),
    index("knowledge_chunks_search_idx").using("gin", t.search),
  ],
);

export type KnowledgeChunk = typeof knowledgeChunks.$inferSelect;
