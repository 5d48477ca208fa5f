import type { Db } from "../db/client";
import { listEventsForConversation } from "../db/queries/webhook-events";
import type { WebhookEvent } from "../db/schema";
import { channelForMessage } from "../front/channels";
import { frontConversationSchema, frontMessageSchema, isFullConversation, isFullMessage } from "../front/types";
import { parseDelivery, type WebhookKind } from "../front/webhook";
import { eligibilityChecks, type CheckId, type EligibilityCheck } from "../pipeline/eligibility";
import { eventInboxIds } from "../pipeline/message-channel";
import type { FrontSettings } from "../settings/front-settings";
import { plural } from "../format/plural";

export type CheckStatus = "passed" | "failed" | "unknown";

export interface ExplainedCheck {
  id: "webhook_received" | "signature" | "company" | CheckId | "processed";
  label: string;
  status: CheckStatus;
  detail: string;
}

export interface Explanation {
  frontConversationId: string;
  checks: ExplainedCheck[];
  /** The first check that failed: the cause to fix. */
  firstFailure: ExplainedCheck | null;
  sessionId: string | null;
  lastEventId: number | null;
}

const TURN_EVENTS = new Set(["inbound", "call_transcript_added", "call_voicemail_transcript_added"]);

/**
 * "Why didn't the AI reply?": the checks in the order they are applied — webhook received, signature, master
 * switch, channel switch, assignment, unassigned option, customer author — from what was stored and the
 * settings in force now. The first failure is the answer.
 */
export async function explainConversation(
  db: Db,
  settings: FrontSettings,
  frontConversationId: string,
): Promise<Explanation> {
  const events = await listEventsForConversation(db, frontConversationId);
  const checks: ExplainedCheck[] = [];
  const signed = events.filter((event) => event.signatureResult === "valid");
  // Signed but refused: an application webhook for another Front company (or while the company was not known).
  const verified = signed.filter((event) => event.decision !== "rejected");
  const rejected = events.filter((event) => event.decision === "rejected");
  const sessionId = verified.find((event) => event.sessionId)?.sessionId ?? null;

  checks.push(
    events.length > 0
      ? {
          id: "webhook_received",
          label: "Front's webhook reached Frontline",
          status: "passed",
          detail: `${plural(events.filter((event) => event.rerunOf === null).length, "delivery", "deliveries")} for this conversation`,
        }
      : {
          id: "webhook_received",
          label: "Front's webhook reached Frontline",
          status: "failed",
          detail:
            "No delivery for this conversation arrived. Check the webhook URL in Front and that the app is subscribed to inbound messages.",
        },
  );
  if (events.length > 0) {
    checks.push(
      signed.length > 0
        ? { id: "signature", label: "The signature was valid", status: "passed", detail: "verified" }
        : {
            id: "signature",
            label: "The signature was valid",
            status: "failed",
            detail: `Every delivery was refused: ${rejected[0]?.decisionReason ?? "invalid signature"}. Check the app secret in Settings → Front.`,
          },
    );
    if (signed.length > 0 && verified.length === 0) {
      const reason = signed.find((event) => event.decision === "rejected")?.decisionReason ?? "refused";
      checks.push({
        id: "company",
        label: "The delivery was for the connected Front company",
        status: "failed",
        detail: `Every delivery was refused: ${reason}. The app's webhook in that company points at this Frontline; the API token in Settings → Front decides the company.`,
      });
    }
  }

  const turn = verified.find((event) => event.eventType && TURN_EVENTS.has(event.eventType));
  if (turn) checks.push(...eligibilityFor(turn, settings));
  else if (verified.length > 0) {
    checks.push({
      id: "customer_author",
      label: "A customer message arrived",
      status: "failed",
      detail: "Only other events (assignments, tags, replies) arrived for this conversation, no inbound message.",
    });
  }

  if (turn && checks.every((check) => check.status !== "failed")) {
    const processed = verified.find(
      (event) => event.decision === "processed" && event.eventType && TURN_EVENTS.has(event.eventType),
    );
    checks.push(
      processed
        ? {
            id: "processed",
            label: "The AI processed the message",
            status: "passed",
            detail: processed.decisionReason ?? "processed",
          }
        : {
            id: "processed",
            label: "The AI processed the message",
            status: turn.decision === "queued" ? "unknown" : "failed",
            detail: turn.error ?? turn.decisionReason ?? `event is ${turn.decision}`,
          },
    );
  }
  return {
    frontConversationId,
    checks,
    firstFailure: checks.find((check) => check.status === "failed") ?? null,
    sessionId,
    lastEventId: events[0]?.id ?? null,
  };
}

const CHECK_ORDER: CheckId[] = [
  "master_switch",
  "not_in_trash",
  "channel_switch",
  "assignment",
  "unassigned_switch",
  "customer_author",
];
const CHECK_LABELS: Record<CheckId, string> = {
  master_switch: "Frontline is switched on",
  not_in_trash: "The conversation is not in Front's trash",
  channel_switch: "The channel is on",
  assignment: "Assigned to the AI teammate",
  unassigned_switch: "Unassigned conversations are handled",
  customer_author: "The message was written by the customer",
};

/**
 * The eligibility checks for the latest customer message. A skip recorded at the time is the answer (settings
 * may have changed since, which the detail says); otherwise the checks are recomputed from the stored event
 * when it carried full data.
 */
function eligibilityFor(event: WebhookEvent, settings: FrontSettings): ExplainedCheck[] {
  const delivery = parseDelivery(event.kind as WebhookKind, event.body);
  let now: EligibilityCheck[] | null = null;
  if (
    delivery.type === "event" &&
    isFullMessage(delivery.event.target?.data) &&
    isFullConversation(delivery.event.conversation)
  ) {
    const message = frontMessageSchema.parse(delivery.event.target?.data);
    const conversation = frontConversationSchema.parse(delivery.event.conversation);
    // Nothing is asked of Front here: without the inbox in the event, a `custom` message's `to` alone decides.
    const origin = { phoneChannels: settings.phoneChannels, inboxIds: eventInboxIds(delivery.event) };
    now = eligibilityChecks(message, conversation, channelForMessage(message, origin), settings);
  }
  const failedAt =
    event.decision === "skipped" && event.failedCheck ? CHECK_ORDER.indexOf(event.failedCheck as CheckId) : -1;
  if (failedAt === -1 && now) {
    let failed = false;
    return now.map((check) => {
      const status: CheckStatus = failed ? "unknown" : check.passed ? "passed" : "failed";
      if (!check.passed) failed = true;
      return { id: check.id, label: check.label, status, detail: check.detail };
    });
  }
  return CHECK_ORDER.map((id, index) => {
    const current = now?.find((check) => check.id === id);
    const label = current?.label ?? CHECK_LABELS[id];
    if (failedAt === -1)
      return {
        id,
        label,
        status: event.decision === "processed" ? "passed" : "unknown",
        detail: current?.detail ?? "",
      };
    if (index < failedAt) return { id, label, status: "passed", detail: current?.detail ?? "passed" };
    if (index > failedAt) return { id, label, status: "unknown", detail: "not reached" };
    const since = current?.passed ? " — it passes with today's settings: re-run the event to process it" : "";
    return { id, label, status: "failed", detail: `${event.decisionReason ?? "failed"}${since}` };
  });
}
