// "Why didn't the AI reply?" for one Front conversation: the checks in order, the first failure highlighted.
import { z } from "zod";
import { requireUser } from "@/lib/auth/guard";
import { errorResponse } from "@/lib/api/errors";
import { getServices } from "@/lib/runtime";
import { explainConversation } from "@/lib/troubleshooting/explain";

export const dynamic = "force-dynamic";

const querySchema = z.object({ conversation: z.string().trim().regex(/^cnv_[A-Za-z0-9]+$/, "must be a Front conversation id (cnv_…)") });

export async function GET(request: Request) {
  try {
    await requireUser();
    const { conversation } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { db, settings } = await getServices();
    return Response.json(await explainConversation(db, (await settings.get()).values, conversation), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
