import { modelLabel } from "../agent/model";
import type { Serialized } from "../api/json";
import type { SessionDetail } from "../db/queries/sessions";
import type { WebhookEvent } from "../db/schema";

/** One of the conversation's webhook events on the session's timeline: what was decided, never body or headers. */
export type SessionEventView = Pick<
  WebhookEvent,
  | "id"
  | "frontEventId"
  | "kind"
  | "eventType"
  | "signatureResult"
  | "decision"
  | "decisionReason"
  | "error"
  | "deliveryCount"
  | "receivedAt"
  | "processedAt"
  | "processingMs"
>;

/** One session as the session page shows it: conversation, runs with every step, handoffs and the events. */
export type SessionDetailView = Omit<SessionDetail, "runs"> & {
  runs: (SessionDetail["runs"][number] & { modelLabel: string })[];
  /** Newest first. */
  events: SessionEventView[];
  frontUrl: string;
  appUrl: string;
};

/** GET /api/sessions/[id]: the view as JSON carries it (dates as ISO strings). */
export type SessionDetailResponse = Serialized<SessionDetailView>;

/** `events`: the conversation's webhook events, newest first (listEventsForConversation). */
export function sessionDetailView(detail: SessionDetail, events: WebhookEvent[], appUrl: string): SessionDetailView {
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
    appUrl,
  };
}
