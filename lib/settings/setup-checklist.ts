import type { DeliveryMode } from "./agent-options";
import type { TextBackChannel } from "./ai-settings";

export interface ChecklistStep {
  id: "call_received" | "voice_delivery" | "ai_processed" | "handoff_fired";
  label: string;
  done: boolean;
  at: string | null;
  /** What proved it, or the setting it is about. */
  link: string | null;
  linkLabel: string | null;
  /** The next thing to try while it is not done. */
  hint: string | null;
}

/** A session that shows something, for a link. */
interface SessionProof {
  sessionId: string;
  ticketNumber: number;
}

/** The first real proof of each traffic step (setupMilestones), null while it has not happened. */
export interface SetupMilestones {
  firstCall: (SessionProof & { at: Date }) | null;
  firstRun: (SessionProof & { at: Date }) | null;
  firstHandoff: (SessionProof & { at: Date | null }) | null;
}

/** What the checklist reads from the settings, beside the traffic. */
export interface ChecklistSettings {
  /** Settings → AI → Delivery for calls, and the SMS channel they are answered from. */
  voiceDelivery: DeliveryMode;
  textBackChannel?: TextBackChannel | null;
  /** Whether any phone channel is picked (Settings → Front → Phone channels). */
  phoneChannelsPicked: boolean;
  /** A customer's `custom` message recorded as web chat: its calls may be going unrecognised. Null when none. */
  customMessage?: SessionProof | null;
}

const DELIVERY_SETTING = { link: "/settings/ai#delivery", linkLabel: "Delivery in Settings → AI" };
const PHONE_CHANNELS_SETTING = { link: "/settings/front#phone-channels", linkLabel: "Phone channels" };

function channelName(channel: TextBackChannel): string {
  const name = channel.name ?? channel.id;
  return channel.address && channel.address !== name ? `${name} (${channel.address})` : name;
}

/**
 * How a call is answered, from Settings → AI: texted back by SMS, an SMS draft, or a note for the callback. To do
 * while a text back or a draft is chosen with no SMS channel to send it from: calls then get a note instead.
 */
export function voiceDeliveryStep(
  settings: Pick<ChecklistSettings, "voiceDelivery" | "textBackChannel">,
): ChecklistStep {
  const step = { id: "voice_delivery" as const, at: null, ...DELIVERY_SETTING };
  const channel = settings.textBackChannel;
  if (settings.voiceDelivery === "comment") {
    return { ...step, label: "Calls are answered with an internal note for the callback", done: true, hint: null };
  }
  const what = settings.voiceDelivery === "reply" ? "text callers back by SMS" : "leave an SMS draft for a teammate";
  if (!channel) {
    return {
      ...step,
      label: "Pick the SMS channel calls are answered from",
      done: false,
      hint: `Calls are set to ${what}, but no SMS channel is picked: until one is, each call gets an internal note for the callback instead.`,
    };
  }
  const label =
    settings.voiceDelivery === "reply"
      ? `Calls are texted back by SMS from ${channelName(channel)}`
      : `Calls get an SMS draft on ${channelName(channel)} for a teammate to send`;
  return { ...step, label, done: true, hint: null };
}

/** The go-live steps a Front admin follows, each ticked from real data or from the settings in force. */
export function setupChecklist(milestones: SetupMilestones, settings: ChecklistSettings): ChecklistStep[] {
  const { firstCall, firstRun, firstHandoff } = milestones;
  const session = (proof: SessionProof | null) =>
    proof
      ? { link: `/inbox/${proof.sessionId}`, linkLabel: `Session #${proof.ticketNumber}` }
      : { link: null, linkLabel: null };
  // Calls written as `custom` messages on a channel nobody picked are answered as web chat, and never tick this step.
  const unrecognisedCalls = !firstCall && !settings.phoneChannelsPicked && settings.customMessage;
  return [
    {
      id: "call_received",
      label: "A call record arrived",
      done: Boolean(firstCall),
      at: firstCall?.at.toISOString() ?? null,
      ...(unrecognisedCalls ? PHONE_CHANNELS_SETTING : session(firstCall)),
      hint: firstCall
        ? null
        : unrecognisedCalls
          ? `Custom messages arrive (Session #${settings.customMessage!.ticketNumber}) and no phone channel is picked, so they are answered as web chat. If your phone integration is an application channel, tick it under Phone channels.`
          : "Call a Front phone number routed to the AI teammate. If nothing arrives, check the webhook URL and its subscription to inbound messages; if deliveries are refused, check the app secret.",
    },
    voiceDeliveryStep(settings),
    {
      id: "ai_processed",
      label: "The AI processed a conversation",
      done: Boolean(firstRun),
      at: firstRun?.at.toISOString() ?? null,
      ...session(firstRun),
      hint: firstRun
        ? null
        : "Assign a conversation with a customer message to the AI teammate, or turn on “Handle unassigned conversations”. If the AI skipped it, “Why didn't the AI reply?” on the Troubleshooting page says why.",
    },
    {
      id: "handoff_fired",
      label: "A handoff fired",
      done: Boolean(firstHandoff),
      at: firstHandoff?.at?.toISOString() ?? null,
      ...session(firstHandoff),
      hint: firstHandoff
        ? null
        : "Call and ask for a person (“can I talk to someone?”). The AI posts an internal comment and unassigns the conversation; if the unassign fails, check that the token may assign conversations.",
    },
  ];
}
