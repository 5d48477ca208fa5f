import { handleKind, normalizeHandle } from "../channels/contact";
import type { Channel } from "../front/channels";
import type { FrontClient } from "../front/client";
import type { FrontChannel } from "../front/types";
import type { DeliveryMode, TextBackChannel } from "../settings/ai-settings";

/**
 * Where an answer goes in Front, worked out before anything is written.
 * - reply: onto the conversation, or (a call) as an SMS on `channelId` to the caller's number in `to`;
 * - draft: a shared draft on `channelId`, which Front requires;
 * - comment: an internal comment; on a call, a note for whoever calls the customer back (`callback`).
 */
export type AnswerRoute =
  | { mode: "reply"; channelId?: string; to?: string[]; from?: string | null }
  | { mode: "draft"; channelId: string; to?: string[]; from?: string | null }
  | { mode: "comment"; callback?: { to: string | null; why: string } };

export interface RouteInput {
  channel: Channel;
  mode: DeliveryMode;
  conversationId: string;
  /** The customer's handle: on a call, the caller's number. */
  contactHandle: string | null;
  /** Our address the customer wrote to (the inbound message's `to`), to pick the draft's channel. */
  channelAddress?: string | null;
  textBackChannel?: TextBackChannel;
}

/**
 * Front's voice channels take no text reply (what one does is undocumented), so a call's answer is texted back
 * from the SMS channel the admin picked, or left as a draft there, and only when the caller's handle is a phone
 * number. Otherwise it is a note for the callback, saying why.
 */
export function routeCallAnswer(input: Pick<RouteInput, "mode" | "contactHandle" | "textBackChannel">): AnswerRoute {
  const phone =
    input.contactHandle && handleKind(input.contactHandle) === "phone" ? normalizeHandle(input.contactHandle) : null;
  if (input.mode === "comment")
    return {
      mode: "comment",
      callback: { to: phone ?? input.contactHandle, why: "the team chose a note for the callback" },
    };
  if (!input.textBackChannel)
    return {
      mode: "comment",
      callback: {
        to: phone ?? input.contactHandle,
        why: "no SMS channel is picked for texting callers back (Settings → AI → Delivery)",
      },
    };
  if (!phone)
    return { mode: "comment", callback: { to: input.contactHandle, why: "the caller's handle is not a phone number" } };
  return {
    mode: input.mode,
    channelId: input.textBackChannel.id,
    to: [phone],
    from: input.textBackChannel.address ?? null,
  };
}

export async function routeAnswer(front: FrontClient, input: RouteInput): Promise<AnswerRoute> {
  if (input.channel === "voice") return routeCallAnswer(input);
  if (input.mode === "draft")
    return { mode: "draft", channelId: await draftChannelId(front, input.conversationId, input.channelAddress) };
  return { mode: input.mode };
}

/**
 * The channel a draft on this conversation is sent from: among the channels of the conversation's inboxes, the one
 * whose address the customer wrote to, else the first. Front refuses a draft without one.
 */
export async function draftChannelId(
  front: FrontClient,
  conversationId: string,
  channelAddress?: string | null,
): Promise<string> {
  const channels: FrontChannel[] = [];
  for (const inbox of await front.listConversationInboxes(conversationId))
    channels.push(...(await front.listInboxChannels(inbox.id)));
  const wanted = channelAddress ? normalizeHandle(channelAddress) : null;
  const chosen =
    channels.find((channel) => wanted !== null && normalizeHandle(channel.address) === wanted) ?? channels[0];
  // No channel listed (an inbox the token cannot read): Front takes the address itself as an alias.
  if (!chosen && channelAddress) return `alt:address:${channelAddress}`;
  if (!chosen)
    throw new Error(`no channel to leave a draft on: conversation ${conversationId} is in no inbox with a channel`);
  return chosen.id;
}

/** What happened to the answer, in the words the session page shows. */
export function deliveredAsText(route: AnswerRoute): string | null {
  if (route.mode === "comment")
    return route.callback ? `Note left for the callback${route.callback.to ? ` to ${route.callback.to}` : ""}` : null;
  if (!route.to?.length) return null;
  const from = route.from ? ` from ${route.from}` : "";
  return route.mode === "reply"
    ? `Texted back${from} to ${route.to.join(", ")}`
    : `SMS draft${from} to ${route.to.join(", ")} left for a teammate`;
}
