import { normalizeHandle } from "../channels/contact";
import { CHANNELS, type Channel } from "../domain";

// The list lives in lib/domain.ts; re-exported beside the labels and Front's message types.
export { CHANNELS, type Channel };

export const CHANNEL_LABELS: Record<Channel, string> = {
  voice: "Phone",
  email: "Email",
  sms: "SMS",
  whatsapp: "WhatsApp",
  web: "Web chat",
};

const CHANNEL_BY_MESSAGE_TYPE: Record<string, Channel> = {
  call: "voice",
  "phone-call": "voice",
  email: "email",
  sms: "sms",
  whatsapp: "whatsapp",
  yalo_wha: "whatsapp",
};

/** A phone channel an admin picked (Settings → Front): where a `custom` message is a call. */
export interface PhoneChannel {
  /** `cha_…`, from GET /channels. */
  id: string;
  name?: string | null;
  /** The channel's address: what an inbound message's `to` names when it came in on this channel. */
  address?: string | null;
  /** The channel's inbox (`inb_…`, from the channel's `_links.related.inbox`): what an inbound event's source names. */
  inboxId?: string | null;
}

/** Where a message came in, as far as Frontline knows it without asking Front. */
export interface MessageOrigin {
  /** The phone channels picked in Settings → Front. */
  phoneChannels: readonly PhoneChannel[];
  /** The inboxes it arrived in: an inbound event's `source` (inboxes), or the conversation's inboxes; null when unknown. */
  inboxIds?: readonly string[] | null;
}

export interface ClassifiedMessage {
  type?: string | null;
  recipients?: readonly { handle: string; role?: string | null }[] | null;
}

/**
 * Front's message type → Frontline channel. A `custom` message comes from an application channel, which may carry
 * calls or chats: it is a call only when it arrived on a phone channel an admin picked. Its metadata never decides
 * (Front documents `duration` and `have_been_answered` for truly-call messages only). Anything unknown is web chat.
 */
export function channelForMessage(message: ClassifiedMessage, origin: MessageOrigin): Channel {
  const known = message.type ? CHANNEL_BY_MESSAGE_TYPE[message.type] : undefined;
  if (known) return known;
  if (message.type === "custom" && phoneChannelOf(message, origin)) return "voice";
  return "web";
}

/** Our address the customer wrote to: an inbound message's `to`. */
function toHandles(message: ClassifiedMessage): string[] {
  return (message.recipients ?? [])
    .filter((recipient) => recipient.role === "to")
    .map((recipient) => normalizeHandle(recipient.handle));
}

/**
 * The picked phone channel a message came in on: its `to` is the channel's address, or it arrived in the channel's
 * inbox. An inbox shared by a phone channel and a chat application channel reads as the phone's when `to` says nothing.
 */
export function phoneChannelOf(message: ClassifiedMessage, origin: MessageOrigin): PhoneChannel | null {
  const to = toHandles(message);
  const byAddress = origin.phoneChannels.find(
    (channel) => channel.address && to.includes(normalizeHandle(channel.address)),
  );
  if (byAddress) return byAddress;
  const inboxes = origin.inboxIds ?? [];
  return origin.phoneChannels.find((channel) => channel.inboxId && inboxes.includes(channel.inboxId)) ?? null;
}

/**
 * True when only the conversation's inboxes can tell whether a `custom` message is a call: a phone channel is picked
 * with a known inbox, the message's `to` names none, and the event did not say which inbox it came in.
 */
export function needsConversationInboxes(message: ClassifiedMessage, origin: MessageOrigin): boolean {
  if (message.type !== "custom" || origin.inboxIds != null) return false;
  if (!origin.phoneChannels.some((channel) => channel.inboxId)) return false;
  return phoneChannelOf(message, origin) === null;
}

/**
 * Front channel types that can carry calls: application channels (`custom`, which is how a phone provider's voice
 * channel appears) and the Truly and Talkdesk integrations. Offered when an admin picks the phone channels.
 */
const CALL_CAPABLE_TYPES = new Set(["custom", "truly", "talkdesk"]);

export function isCallCapableChannel(channel: { type?: string | null }): boolean {
  return CALL_CAPABLE_TYPES.has(channel.type ?? "");
}

/**
 * A Front channel that sends text messages to phone numbers: Twilio (Front's SMS channel type). WhatsApp and
 * application channels are left out: WhatsApp needs an open session window, and an application channel's abilities
 * are its own.
 */
export function isSmsChannel(channel: { type?: string | null }): boolean {
  return channel.type === "twilio";
}
