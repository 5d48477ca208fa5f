// Reports: sessions over time, outcomes, handoff reasons, sentiment and time to reply, per channel, for a range of UTC days.
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { getChannelReport } from "@/lib/reports/queries";
import { channelReportSchema, reportQuerySchema } from "@/lib/reports/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: reportQuerySchema }, async ({ query }) =>
  channelReportSchema.parse(await getChannelReport(await getDb(), query)),
);
