// "Why didn't the AI reply?" for one Front conversation: the checks in order, the first failure highlighted.
import { z } from "zod";
import { route } from "@/lib/api/route";
import { getServices } from "@/lib/runtime";
import { explainConversation } from "@/lib/troubleshooting/explain";

export const dynamic = "force-dynamic";

// No conversation (or an empty one) gets the same words as a malformed one.
const querySchema = z.object({
  conversation: z
    .string("must be a Front conversation id (cnv_…)")
    .trim()
    .regex(/^cnv_[A-Za-z0-9]+$/, "must be a Front conversation id (cnv_…)"),
});

export const GET = route({ role: "viewer", query: querySchema }, async ({ query: { conversation } }) => {
  const { db, settings } = await getServices();
  return explainConversation(db, (await settings.get()).values, conversation);
});
