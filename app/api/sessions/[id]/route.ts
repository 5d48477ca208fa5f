// One session: conversation, runs with every step, handoffs, and the conversation's webhook events.
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getSessionDetail } from "@/lib/db/queries/sessions";
import { listEventsForConversation } from "@/lib/db/queries/webhook-events";
import { modelLabel } from "@/lib/agent/model";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async ({ params: { id } }) => {
  if (!z.uuid().safeParse(id).success) throw new ApiError(404, "not_found", "No such session.");
  const db = await getDb();
  const detail = await getSessionDetail(db, id);
  if (!detail) throw new ApiError(404, "not_found", "No such session.");
  const events = await listEventsForConversation(db, detail.session.frontConversationId);
  return {
    ...detail,
    runs: detail.runs.map((run) => ({ ...run, modelLabel: modelLabel(run.model) })),
    // Bodies and headers stay server-side: the timeline needs only what was decided.
    events: events.map((event) => ({
      id: event.id,
      frontEventId: event.frontEventId,
      kind: event.kind,
      eventType: event.eventType,
      signatureResult: event.signatureResult,
      decision: event.decision,
      decisionReason: event.decisionReason,
      error: event.error,
      deliveryCount: event.deliveryCount,
      receivedAt: event.receivedAt,
      processedAt: event.processedAt,
      processingMs: event.processingMs,
    })),
    frontUrl: `https://app.frontapp.com/open/${detail.session.frontConversationId}`,
    appUrl: getConfig().APP_URL,
  };
});
