export const CHANNELS = ["voice", "email", "sms", "whatsapp", "web"] as const;
export type Channel = (typeof CHANNELS)[number];

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

/**
 * Front's message type → Frontline channel. Phone integrations differ: some write `custom` messages for
 * calls, recognisable by their call metadata. Anything unknown is treated as web chat.
 */
export function channelForMessage(type: string | null | undefined, metadata?: Record<string, unknown> | null): Channel {
  const known = type ? CHANNEL_BY_MESSAGE_TYPE[type] : undefined;
  if (known) return known;
  if (type === "custom" && metadata && ("duration" in metadata || "have_been_answered" in metadata)) return "voice";
  return "web";
}

/**
 * A Front channel that sends text messages to phone numbers: Twilio (Front's SMS channel type). WhatsApp and
 * application channels are left out: WhatsApp needs an open session window, and an application channel's abilities
 * are its own.
 */
export function isSmsChannel(channel: { type?: string | null }): boolean {
  return channel.type === "twilio";
}
