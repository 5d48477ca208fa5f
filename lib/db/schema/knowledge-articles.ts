import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The team's knowledge base. The agent searches it by chunk (knowledge-chunks.ts); the article keeps the whole body. */
export const knowledgeArticles = pgTable(
  "knowledge_articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Titles are matched without case: a re-imported file updates the article of the same title.
  (t) => [index("knowledge_articles_title_idx").on(sql`lower(${t.title})`)],
);

export type KnowledgeArticle = typeof knowledgeArticles.$inferSelect;
