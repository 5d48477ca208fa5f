// Reports: sessions over time, outcomes, handoff reasons, sentiment and time to reply, per channel, for a range of UTC days.
import { requireUser } from "@/lib/auth/guard";
import { errorResponse } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { getChannelReport } from "@/lib/reports/queries";
import { channelReportSchema, reportQuerySchema } from "@/lib/reports/types";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    await requireUser();
    const query = reportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const report = channelReportSchema.parse(await getChannelReport(await getDb(), query));
    return Response.json(report, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
