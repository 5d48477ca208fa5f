import { randomBytes } from "node:crypto";
import type { InboxRecord, Teammate } from "./types";

export const DEFAULT_COMPANY_ID = "cmp_4thp0";
export const DEFAULT_COMPANY_NAME = "Acme";
export const AI_TEAMMATE_ID = "tea_ai01";
export const HUMAN_TEAMMATE_ID = "tea_rep7";
/** The company's own phone number: the "to" of inbound calls and texts. */
export const COMPANY_PHONE = "+18005550199";
export const COMPANY_EMAIL = "support@acme.example";

/** The two teammates of fixtures/api-teammates.json. */
export function defaultTeammates(): Teammate[] {
  return [
    {
      id: AI_TEAMMATE_ID,
      email: "ai@acme.example",
      username: "frontline-ai",
      first_name: "Frontline",
      last_name: "AI",
      is_admin: false,
      is_available: true,
      is_blocked: false,
      type: "user",
      custom_fields: {},
    },
    {
      id: HUMAN_TEAMMATE_ID,
      email: "dana@acme.example",
      username: "dana",
      first_name: "Dana",
      last_name: "Reyes",
      is_admin: false,
      is_available: true,
      is_blocked: false,
      type: "user",
      custom_fields: {},
    },
  ];
}

/** A channel: how messages go out from an inbox (Front's ChannelResponse, without the links built per base URL). */
export interface ChannelSetup {
  id: string;
  name: string;
  /** Front's channel type: twilio is SMS, custom an application channel (a phone provider's calls), … */
  type: "custom" | "twilio" | "smtp" | "twilio_whatsapp" | "front_chat";
  /** The channel's own address: what `alt:address:<address>` names. */
  address: string;
  /** The message type of what is sent on it. */
  messageType: string;
  /** A voice channel carries calls, not text: a text sent on it cannot go out. */
  carriesText: boolean;
  inboxId: string;
}

export const CALL_CHANNEL_ID = "cha_call1";
export const SMS_CHANNEL_ID = "cha_sms1";
export const EMAIL_CHANNEL_ID = "cha_mail1";
export const WHATSAPP_CHANNEL_ID = "cha_wa1";
export const CHAT_CHANNEL_ID = "cha_chat1";
export const CUSTOM_CHANNEL_ID = "cha_custom1";

/** The SMS channel is the company phone number, so a caller can be texted back from the number they called. */
export const SMS_CHANNEL_ADDRESS = COMPANY_PHONE;
export const EMAIL_CHANNEL_ADDRESS = COMPANY_EMAIL;
/**
 * A phone provider's application channel: its address is whatever the provider registered. It differs from the SMS
 * number so that `alt:address:` names exactly one channel.
 */
export const CALL_CHANNEL_ADDRESS = "voice:+18005550199";
/** Twilio's WhatsApp senders are addressed `whatsapp:<number>`. */
export const WHATSAPP_CHANNEL_ADDRESS = `whatsapp:${COMPANY_PHONE}`;
export const CHAT_CHANNEL_ADDRESS = "chat@acme.example";

/** The inbox of the call channel (and of `call` messages): what an inbound call's event names as its source. */
export const PHONE_INBOX_ID = "inb_phone1";
export const CUSTOM_INBOX_ID = "inb_custom1";
export const CUSTOM_CHANNEL_ADDRESS = "custom@acme.example";

/** The call channel as an admin picks it among the phone channels (Settings → Front): the demo and the tests do. */
export const SIM_PHONE_CHANNEL = {
  id: CALL_CHANNEL_ID,
  name: "Phone calls",
  address: CALL_CHANNEL_ADDRESS,
  inboxId: PHONE_INBOX_ID,
} as const;

const PHONE_INBOX: InboxRecord = { id: PHONE_INBOX_ID, name: "Phone support", is_private: false };
const MAIL_INBOX: InboxRecord = { id: "inb_mail1", name: "Support", is_private: false };
const SMS_INBOX: InboxRecord = { id: "inb_sms1", name: "SMS", is_private: false };
const WHATSAPP_INBOX: InboxRecord = { id: "inb_wa1", name: "WhatsApp", is_private: false };
const CHAT_INBOX: InboxRecord = { id: "inb_chat1", name: "Website chat", is_private: false };
const CUSTOM_INBOX: InboxRecord = { id: CUSTOM_INBOX_ID, name: "Custom channel", is_private: false };

const CHANNELS: ChannelSetup[] = [
  {
    id: CALL_CHANNEL_ID,
    name: "Phone calls",
    type: "custom",
    address: CALL_CHANNEL_ADDRESS,
    messageType: "custom",
    carriesText: false,
    inboxId: PHONE_INBOX.id,
  },
  {
    id: SMS_CHANNEL_ID,
    name: "SMS",
    type: "twilio",
    address: SMS_CHANNEL_ADDRESS,
    messageType: "sms",
    carriesText: true,
    inboxId: SMS_INBOX.id,
  },
  {
    id: EMAIL_CHANNEL_ID,
    name: "Support email",
    type: "smtp",
    address: EMAIL_CHANNEL_ADDRESS,
    messageType: "email",
    carriesText: true,
    inboxId: MAIL_INBOX.id,
  },
  {
    id: WHATSAPP_CHANNEL_ID,
    name: "WhatsApp",
    type: "twilio_whatsapp",
    address: WHATSAPP_CHANNEL_ADDRESS,
    messageType: "whatsapp",
    carriesText: true,
    inboxId: WHATSAPP_INBOX.id,
  },
  {
    id: CHAT_CHANNEL_ID,
    name: "Website chat",
    type: "front_chat",
    address: CHAT_CHANNEL_ADDRESS,
    messageType: "front_chat",
    carriesText: true,
    inboxId: CHAT_INBOX.id,
  },
  {
    id: CUSTOM_CHANNEL_ID,
    name: "Custom channel",
    type: "custom",
    address: CUSTOM_CHANNEL_ADDRESS,
    messageType: "custom",
    carriesText: true,
    inboxId: CUSTOM_INBOX.id,
  },
];

interface InboxSetup {
  inbox: InboxRecord;
  /** Our address on that channel (the "to" of inbound messages). */
  address: string;
}

const INBOXES_BY_MESSAGE_TYPE: Record<string, InboxSetup> = {
  call: { inbox: PHONE_INBOX, address: COMPANY_PHONE },
  "phone-call": { inbox: PHONE_INBOX, address: COMPANY_PHONE },
  email: { inbox: MAIL_INBOX, address: COMPANY_EMAIL },
  sms: { inbox: SMS_INBOX, address: COMPANY_PHONE },
  whatsapp: { inbox: WHATSAPP_INBOX, address: COMPANY_PHONE },
  front_chat: { inbox: CHAT_INBOX, address: CHAT_CHANNEL_ADDRESS },
};

const FALLBACK_INBOX: InboxSetup = { inbox: CUSTOM_INBOX, address: CUSTOM_CHANNEL_ADDRESS };

/** Inbox and our address for a message type; "custom" calls land in the phone inbox. */
export function inboxFor(messageType: string, isCall = false): InboxSetup {
  if (isCall) return INBOXES_BY_MESSAGE_TYPE[messageType] ?? INBOXES_BY_MESSAGE_TYPE.call;
  return INBOXES_BY_MESSAGE_TYPE[messageType] ?? FALLBACK_INBOX;
}

export function allInboxes(): InboxRecord[] {
  return [PHONE_INBOX, MAIL_INBOX, SMS_INBOX, WHATSAPP_INBOX, CHAT_INBOX, CUSTOM_INBOX].map((inbox) => ({ ...inbox }));
}

export function allChannels(): ChannelSetup[] {
  return CHANNELS.map((channel) => ({ ...channel }));
}

const ADDRESS_ALIAS = "alt:address:";

/** A channel by `cha_` id or by the resource alias `alt:address:<channel address>`; undefined when unknown. */
export function findChannel(idOrAlias: string): ChannelSetup | undefined {
  const byAddress = idOrAlias.startsWith(ADDRESS_ALIAS) ? idOrAlias.slice(ADDRESS_ALIAS.length) : null;
  const found = CHANNELS.find((channel) =>
    byAddress === null ? channel.id === idOrAlias : channel.address === byAddress,
  );
  return found ? { ...found } : undefined;
}

/** The channel a reply goes out on when the request names none: the one of the conversation's inbox. */
export function channelOfInbox(inboxId: string): ChannelSetup | undefined {
  const found = CHANNELS.find((channel) => channel.inboxId === inboxId);
  return found ? { ...found } : undefined;
}

/** Random ids, so ids stay unique across resets and restarts (the app dedupes on them). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/** Front timestamps: unix seconds with millisecond decimals. */
export function unixSeconds(ms: number = Date.now()): number {
  return Math.round(ms) / 1000;
}
