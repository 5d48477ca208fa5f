import type { FrontConversation, FrontMessage } from "../front/types";

export interface EligibilitySettings {
  aiTeammateId?: string;
  handleUnassigned: boolean;
}

export type Eligibility = { eligible: true } | { eligible: false; reason: string };

/**
 * Whether the AI should answer this message: only customers' messages, on conversations assigned to the AI
 * teammate (or unassigned, when that option is on). The reason is shown to the lead when it says no.
 */
export function decideEligibility(message: FrontMessage, conversation: FrontConversation, settings: EligibilitySettings): Eligibility {
  if (message.author || message.is_inbound === false) {
    const who = message.author ? teammateName(message.author) : "a teammate";
    return { eligible: false, reason: `message written by ${who}, not the customer` };
  }
  if (!settings.aiTeammateId) return { eligible: false, reason: "no AI teammate is configured (FRONT_AI_TEAMMATE_ID)" };
  const assignee = conversation.assignee ?? null;
  if (assignee === null) {
    return settings.handleUnassigned
      ? { eligible: true }
      : { eligible: false, reason: "conversation is unassigned and handling unassigned conversations is off" };
  }
  if (assignee.id !== settings.aiTeammateId) return { eligible: false, reason: `conversation is assigned to ${teammateName(assignee)} (${assignee.id}), not the AI teammate` };
  return { eligible: true };
}

function teammateName(teammate: { id: string; first_name?: string | null; last_name?: string | null; username?: string | null }): string {
  const name = [teammate.first_name, teammate.last_name].filter(Boolean).join(" ");
  return name || teammate.username || teammate.id;
}
