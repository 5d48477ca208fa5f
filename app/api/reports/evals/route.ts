// Test set scores on the Reports page: each set's finished runs that ended in the range of UTC days, oldest first
// (at most the latest 20 per set). The channel filter does not apply: a run scores its whole set. Viewers read.
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { evalScoresOverTime } from "@/lib/db/queries/evals";
import { utcBounds } from "@/lib/reports/range";
import { reportQuerySchema } from "@/lib/reports/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: reportQuerySchema }, async ({ query }) => {
  const { start, end } = utcBounds(query.from, query.to);
  const sets = await evalScoresOverTime(await getDb(), { from: new Date(start), to: new Date(end) });
  return { range: { from: query.from, to: query.to }, sets };
});
