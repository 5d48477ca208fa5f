// The agent's knowledge-base search, for trying a question in Settings → Knowledge: the passages it would get.
import { z } from "zod";
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { searchKnowledge } from "@/lib/db/queries/knowledge";
import { SEARCH_RESULTS } from "@/lib/agent/tools/search-knowledge-base";

export const dynamic = "force-dynamic";

// No q (or an empty one) is a missing question: the same words as a blank one.
const searchSchema = z.object({
  q: z
    .string("Type a question to search for.")
    .trim()
    .min(1, "Type a question to search for.")
    .max(500, "Search for 500 characters or fewer."),
});

export const GET = route({ role: "viewer", query: searchSchema }, async ({ query: { q } }) => ({
  results: await searchKnowledge(await getDb(), q, SEARCH_RESULTS),
}));
