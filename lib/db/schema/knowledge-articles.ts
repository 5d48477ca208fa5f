import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The team's knowledge base, searched with Postgres full-text search. */
export const knowledgeArticles = pgTable(
  "knowledge_articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("knowledge_articles_search_idx").using("gin", sql`to_tsvector('english', ${t.title} || ' ' || ${t.body})`)],
);

export type KnowledgeArticle = typeof knowledgeArticles.$inferSelect;
