import { tool } from "ai";
import { z } from "zod";
import type { Db } from "../../db/client";
import { searchKnowledge } from "../../db/queries/knowledge";

/** Looks up the team's help articles; the model answers only from what this returns. */
export function searchKnowledgeBaseTool(db: Db) {
  return tool({
    description: "Search the support team's knowledge base. Use the customer's question as the query. Answer only from the articles returned.",
    inputSchema: z.object({ query: z.string().min(1).max(500).describe("The customer's question, in a few words") }),
    execute: async ({ query }) => ({ results: await searchKnowledge(db, query, 3) }),
  });
}
