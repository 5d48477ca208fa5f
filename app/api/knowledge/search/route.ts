// The agent's knowledge-base search, for trying a question in Settings → Knowledge: the passages it would get.
import { z } from "zod";
import { errorResponse } from "@/lib/api/errors";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { searchKnowledge } from "@/lib/db/queries/knowledge";
import { SEARCH_RESULTS } from "@/lib/agent/tools/search-knowledge-base";

export const dynamic = "force-dynamic";

const searchSchema = z.object({ q: z.string().trim().min(1, "Type a question to search for.").max(500, "Search for 500 characters or fewer.") });

export async function GET(request: Request) {
  try {
    await requireUser();
    const { q } = searchSchema.parse({ q: new URL(request.url).searchParams.get("q") ?? "" });
    return Response.json({ results: await searchKnowledge(await getDb(), q, SEARCH_RESULTS) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
