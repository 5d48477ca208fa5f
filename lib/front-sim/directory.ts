import { randomBytes } from "node:crypto";
import type { FrontInbox, Teammate } from "./types";

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

interface ChannelSetup {
  inbox: FrontInbox;
  /** Our address on that channel (the "to" of inbound messages). */
  address: string;
}

const PHONE_INBOX: FrontInbox = { id: "inb_phone1", name: "Phone support", is_private: false };

const CHANNELS: Record<string, ChannelSetup> = {
  call: { inbox: PHONE_INBOX, address: COMPANY_PHONE },
  "phone-call": { inbox: PHONE_INBOX, address: COMPANY_PHONE },
  email: { inbox: { id: "inb_mail1", name: "Support", is_private: false }, address: COMPANY_EMAIL },
  sms: { inbox: { id: "inb_sms1", name: "SMS", is_private: false }, address: COMPANY_PHONE },
  whatsapp: { inbox: { id: "inb_wa1", name: "WhatsApp", is_private: false }, address: COMPANY_PHONE },
  front_chat: { inbox: { id: "inb_chat1", name: "Website chat", is_private: false }, address: "chat@acme.example" },
};

const FALLBACK_CHANNEL: ChannelSetup = {
  inbox: { id: "inb_custom1", name: "Custom channel", is_private: false },
  address: "custom@acme.example",
};

/** Inbox and our address for a message type; "custom" calls land in the phone inbox. */
export function channelFor(messageType: string, isCall = false): ChannelSetup {
  if (isCall) return CHANNELS[messageType] ?? CHANNELS.call;
  return CHANNELS[messageType] ?? FALLBACK_CHANNEL;
}

export function allInboxes(): FrontInbox[] {
  const byId = new Map<string, FrontInbox>();
  for (const setup of [...Object.values(CHANNELS), FALLBACK_CHANNEL]) byId.set(setup.inbox.id, setup.inbox);
  return [...byId.values()];
}

/** Random ids, so ids stay unique across resets and restarts (the app dedupes on them). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/** Front timestamps: unix seconds with millisecond decimals. */
export function unixSeconds(ms: number = Date.now()): number {
  return Math.round(ms) / 1000;
}
