import { CHANNEL_LABELS, type Channel } from "../front/channels";
import type { FrontConversation, FrontMessage } from "../front/types";
import type { FrontSettings } from "../settings/front-settings";

export type EligibilitySettings = Pick<FrontSettings, "aiTeammateId" | "handleUnassigned" | "enabled" | "channels">;

export type CheckId =
  "master_switch" | "not_in_trash" | "channel_switch" | "assignment" | "unassigned_switch" | "customer_author";

export interface EligibilityCheck {
  id: CheckId;
  label: string;
  passed: boolean;
  /** What was found, in words a Front admin can act on. */
  detail: string;
}

export type Eligibility = { eligible: true } | { eligible: false; reason: string; check: CheckId };

type Teammate = { id: string; first_name?: string | null; last_name?: string | null; username?: string | null };

export function teammateName(teammate: Teammate): string {
  const name = [teammate.first_name, teammate.last_name].filter(Boolean).join(" ");
  return name || teammate.username || teammate.id;
}

/**
 * The checks that decide whether the AI answers a message, in the order the troubleshooting page explains them:
 * master switch, the conversation not in Front's trash, channel switch, assignment, the unassigned option, and who
 * wrote the message.
 */
export function eligibilityChecks(
  message: FrontMessage,
  conversation: FrontConversation,
  channel: Channel,
  settings: EligibilitySettings,
): EligibilityCheck[] {
  const assignee = conversation.assignee ?? null;
  const channelName = CHANNEL_LABELS[channel];
  const writtenByTeammate = Boolean(message.author) || message.is_inbound === false;
  let assignment: EligibilityCheck;
  if (!settings.aiTeammateId) {
    assignment = {
      id: "assignment",
      label: "Assigned to the AI teammate",
      passed: false,
      detail: "no AI teammate is chosen (Settings → Front)",
    };
  } else if (assignee && assignee.id !== settings.aiTeammateId) {
    assignment = {
      id: "assignment",
      label: "Assigned to the AI teammate",
      passed: false,
      detail: `conversation is assigned to ${teammateName(assignee)} (${assignee.id}), not the AI teammate`,
    };
  } else {
    assignment = {
      id: "assignment",
      label: "Assigned to the AI teammate",
      passed: true,
      detail: assignee ? "assigned to the AI teammate" : "unassigned",
    };
  }
  return [
    {
      id: "master_switch",
      label: "Frontline is switched on",
      passed: settings.enabled,
      detail: settings.enabled ? "on" : "the master switch is off (Settings → Front)",
    },
    {
      // A teammate deleted it (Front's status "deleted" is its trash): nobody there expects an answer.
      id: "not_in_trash",
      label: "The conversation is not in Front's trash",
      passed: conversation.status !== "deleted",
      detail: conversation.status === "deleted" ? "the conversation is in Front's trash" : "not in the trash",
    },
    {
      id: "channel_switch",
      label: `The ${channelName} channel is on`,
      passed: settings.channels[channel],
      detail: settings.channels[channel] ? "on" : `the ${channelName} channel is switched off (Settings → Front)`,
    },
    assignment,
    {
      id: "unassigned_switch",
      label: "Unassigned conversations are handled",
      passed: assignee !== null || settings.handleUnassigned,
      detail:
        assignee !== null
          ? "not needed: the conversation is assigned"
          : settings.handleUnassigned
            ? "on"
            : "conversation is unassigned and handling unassigned conversations is off",
    },
    {
      id: "customer_author",
      label: "The message was written by the customer",
      passed: !writtenByTeammate,
      detail: writtenByTeammate
        ? `message written by ${message.author ? teammateName(message.author) : "a teammate"}, not the customer`
        : "written by the customer",
    },
  ];
}

/** Whether the AI should answer: the first failing check gives the reason recorded and shown to the lead. */
export function decideEligibility(
  message: FrontMessage,
  conversation: FrontConversation,
  channel: Channel,
  settings: EligibilitySettings,
): Eligibility {
  const failed = eligibilityChecks(message, conversation, channel, settings).find((check) => !check.passed);
  return failed ? { eligible: false, reason: failed.detail, check: failed.id } : { eligible: true };
}
