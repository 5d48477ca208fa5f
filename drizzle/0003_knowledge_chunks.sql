-- Articles that already exist are chunked when the app starts (ensureKnowledgeChunks in lib/db/queries/knowledge.ts),
-- with the same chunker as every later save: SQL alone cannot cut Markdown the way lib/knowledge/chunk.ts does.
CREATE TABLE "knowledge_chunks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"heading" text,
	"content" text NOT NULL,
	"search" "tsvector" NOT NULL,
	CONSTRAINT "knowledge_chunks_article_position_key" UNIQUE("article_id","position")
);
--> statement-breakpoint
DROP INDEX "knowledge_articles_search_idx";--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ADD CONSTRAINT "knowledge_chunks_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_chunks_search_idx" ON "knowledge_chunks" USING gin ("search");--> statement-breakpoint
CREATE INDEX "knowledge_articles_title_idx" ON "knowledge_articles" USING btree (lower("title"));