// Every webhook delivery, newest first, filterable by decision and Front conversation id.
import { z } from "zod";
import { route } from "@/lib/api/route";
import { listDeliveries } from "@/lib/db/queries/deliveries";
import { EVENT_DECISIONS } from "@/lib/domain";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  decision: z.enum(EVENT_DECISIONS).optional(),
  conversation: z
    .string()
    .trim()
    .regex(/^cnv_[A-Za-z0-9]+$/, "must be a Front conversation id (cnv_…)")
    .optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = route({ role: "viewer", query: querySchema }, async ({ query }) => {
  const { db } = await getServices();
  return listDeliveries(db, {
    decision: query.decision,
    frontConversationId: query.conversation,
    beforeId: query.before,
    limit: query.limit,
  });
});
