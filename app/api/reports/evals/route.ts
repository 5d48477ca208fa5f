// Test set scores on the Reports page: each set's finished runs that ended in the range of UTC days, oldest first
// (at most the latest 20 per set). The channel filter does not apply: a run scores its whole set. Viewers read.
import { errorResponse } from "@/lib/api/errors";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { evalScoresOverTime } from "@/lib/db/queries/evals";
import { utcBounds } from "@/lib/reports/range";
import { reportQuerySchema } from "@/lib/reports/types";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    await requireUser();
    const query = reportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { start, end } = utcBounds(query.from, query.to);
    const sets = await evalScoresOverTime(await getDb(), { from: new Date(start), to: new Date(end) });
    return Response.json({ range: { from: query.from, to: query.to }, sets }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
