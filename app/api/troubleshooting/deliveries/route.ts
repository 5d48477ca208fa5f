// Every webhook delivery, newest first, filterable by decision and Front conversation id.
import { z } from "zod";
import { requireUser } from "@/lib/auth/guard";
import { errorResponse } from "@/lib/api/errors";
import { listDeliveries } from "@/lib/db/queries/deliveries";
import { EVENT_DECISIONS } from "@/lib/domain";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  decision: z.enum(EVENT_DECISIONS).optional(),
  conversation: z.string().trim().regex(/^cnv_[A-Za-z0-9]+$/, "must be a Front conversation id (cnv_…)").optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function GET(request: Request) {
  try {
    await requireUser();
    const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
    const query = querySchema.parse(params);
    const { db } = await getServices();
    const page = await listDeliveries(db, { decision: query.decision, frontConversationId: query.conversation, beforeId: query.before, limit: query.limit });
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
