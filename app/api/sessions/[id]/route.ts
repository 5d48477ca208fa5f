// One session: conversation, runs with every step, handoffs, and the conversation's webhook events.
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getSessionDetail } from "@/lib/db/queries/sessions";
import { listEventsForConversation } from "@/lib/db/queries/webhook-events";
import { sessionDetailView } from "@/lib/inbox/session-detail";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async ({ params: { id } }) => {
  if (!z.uuid().safeParse(id).success) throw new ApiError(404, "not_found", "No such session.");
  const db = await getDb();
  const detail = await getSessionDetail(db, id);
  if (!detail) throw new ApiError(404, "not_found", "No such session.");
  const events = await listEventsForConversation(db, detail.session.frontConversationId);
  return sessionDetailView(detail, events, getConfig().APP_URL);
});
