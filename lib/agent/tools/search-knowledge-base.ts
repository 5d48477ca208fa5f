import { tool } from "ai";
import { z } from "zod";
import type { Db } from "../../db/client";
import { searchKnowledge } from "../../db/queries/knowledge";

/** How many passages one search returns: a few articles' best passages, a few thousand characters at most. */
export const SEARCH_RESULTS = 4;

/**
 * Looks up the team's help articles by passage; the model answers only from what this returns. Each result is one
 * chunk: its article's title and id, the heading it sits under, its text and its rank (see searchKnowledge).
 */
export function searchKnowledgeBaseTool(db: Db) {
  return tool({
    description:
      "Search the support team's knowledge base. Use the customer's question as the query. Each result is a passage of a help article, with the article's title. Answer only from the passages returned, and name the article you used.",
    inputSchema: z.object({ query: z.string().min(1).max(500).describe("The customer's question, in a few words") }),
    execute: async ({ query }) => ({ results: await searchKnowledge(db, query, SEARCH_RESULTS) }),
  });
}
