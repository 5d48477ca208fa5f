/**
 * The sample history's plan: who gets in touch, when, on which channel, and with which words. Everything here
 * is drawn from the seed before anything is written; what the AI does with the words is left to the real agent.
 */
import type { Channel } from "../front/channels";
import type { Prng, Weighted } from "./prng";
import { conversationTimes, isOpen, localTime } from "./schedule";
import {
  composeCall,
  composeEmail,
  composeFollowUp,
  composeShort,
  drawSlots,
  type FollowUp,
  type Intent,
  type Slots,
  type Topic,
  type VoiceFormat,
} from "./templates";
import { FIRST_NAMES, LAST_NAMES } from "./vocabulary";

export interface Contact {
  first: string;
  last: string;
  email: string;
  /** E.164: "+14155550123". */
  phone: string;
  /** A web-chat visitor without a known email. */
  visitorId: string;
  /** Whether Front knows their name on phone channels (a saved contact). */
  namedOnPhone: boolean;
}

export interface Teammate {
  id: string;
  first_name: string;
  last_name: string;
}

export const AI_TEAMMATE: Teammate = { id: "tea_sample_ai", first_name: "Frontline", last_name: "AI" };
export const HUMAN_TEAMMATES: Teammate[] = [
  { id: "tea_sample_dana", first_name: "Dana", last_name: "Reyes" },
  { id: "tea_sample_marcus", first_name: "Marcus", last_name: "Lee" },
  { id: "tea_sample_priya", first_name: "Priya", last_name: "Shah" },
  { id: "tea_sample_tom", first_name: "Tom", last_name: "Becker" },
  { id: "tea_sample_alicia", first_name: "Alicia", last_name: "Gomez" },
];

/** Front message types per channel (web chat arrives as Front Chat messages). */
export const MESSAGE_TYPES: Record<Channel, string> = {
  voice: "call",
  email: "email",
  sms: "sms",
  whatsapp: "whatsapp",
  web: "front_chat",
};

export type FailureMode = "delivery_failed" | "reply_refused";

export interface PlannedFollowUp {
  kind: FollowUp;
  text: string;
  messageId: string;
  eventId: string;
  /** How long after the AI's answer the customer writes again. */
  afterMs: number;
}

export interface PlannedSession {
  index: number;
  conversationId: string;
  messageId: string;
  eventId: string;
  channel: Channel;
  messageType: string;
  handle: string;
  name: string | null;
  intent: Intent;
  voiceFormat: VoiceFormat | null;
  call: { durationSeconds: number; answered: boolean } | null;
  text: string;
  subject: string | null;
  conversationSubject: string | null;
  /** When the customer wrote, or the call started. */
  sentAt: Date;
  /** When Front's webhook for it arrived. */
  receivedAt: Date;
  /** A conversation a person already owns: the AI skips it. */
  assignee: Teammate | null;
  /** Who picks the conversation up after a handoff (or owns it when skipped). */
  teammate: Teammate;
  failure: FailureMode | null;
  /** The knowledge-base search fails during this run (a timeout): the agent hands off with reason error. */
  toolError: boolean;
  followUp: PlannedFollowUp | null;
  slots: Slots;
  topic: Topic | null;
}

export interface PlanOptions {
  start: Date;
  end: Date;
  total: number;
  timeZone: string;
}

const CHANNELS_DAY: Weighted<Channel> = [
  ["voice", 40],
  ["email", 26],
  ["sms", 14],
  ["web", 12],
  ["whatsapp", 8],
];
const CHANNELS_NIGHT: Weighted<Channel> = [
  ["voice", 26],
  ["email", 37],
  ["sms", 14],
  ["web", 14],
  ["whatsapp", 9],
];

/** Which article a question is about: billing and delivery dominate, as at most shops. */
const TOPIC_WEIGHTS: Weighted<Topic> = [
  ["delivery", 24],
  ["password", 18],
  ["duplicate_charge", 12],
  ["card", 13],
  ["billing_email", 9],
  ["cancel", 11],
  ["hours", 13],
];

function drawIntent(rng: Prng, channel: Channel, format: VoiceFormat | null): Intent {
  const unclear = format === "voicemail" ? 6 : channel === "voice" ? 3 : channel === "email" ? 1.5 : 1;
  const kind = rng.weighted<Intent["kind"]>([
    ["answer", 66],
    ["person", channel === "voice" ? 12 : 10],
    ["angry", channel === "voice" ? 7.5 : 6],
    ["gap", 7],
    ["unclear", unclear],
  ]);
  const topic = rng.weighted(TOPIC_WEIGHTS);
  if (kind === "answer") return { kind, topic };
  if (kind === "person" || kind === "angry") return { kind, topic: rng.chance(0.6) ? topic : null };
  return { kind };
}

function makeContacts(rng: Prng, n: number): Contact[] {
  // US area codes; with 555-0100…0199 (reserved for fiction) they give 4,000 numbers that never reach anyone.
  const areaCodes = (
    "201 202 205 206 208 212 213 214 215 216 303 305 312 313 314 317 404 405 408 410 412 415 502 503 512 513 " +
    "602 603 612 614 615 617 619 646 702 704 713 718 720 818 917 919"
  ).split(" ");
  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();
  const contacts: Contact[] = [];
  const wanted = Math.min(n, areaCodes.length * 100);
  while (contacts.length < wanted) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const phone = `+1${rng.pick(areaCodes)}5550${rng.int(100, 199)}`;
    const domain = rng.pick(["example.com", "example.org", "example.net", "mail.example", "customer.example"]);
    const local = rng.weighted<string>([
      [`${first}.${last}`, 5],
      [`${first[0]}${last}`, 3],
      [`${first}${rng.int(1, 99)}`, 2],
    ]);
    const email = `${local.toLowerCase()}@${domain}`;
    if (usedPhones.has(phone) || usedEmails.has(email)) continue;
    usedPhones.add(phone);
    usedEmails.add(email);
    contacts.push({ first, last, email, phone, visitorId: `visitor_${rng.token(8)}`, namedOnPhone: rng.chance(0.55) });
  }
  return contacts;
}

/** "+14155550123" as phone systems sometimes write it: "+1 (415) 555-0123". */
function formattedPhone(phone: string): string {
  const d = phone.slice(2);
  return `+1 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

/** The contact's handle and name on a channel, as Front's `from` recipient carries them. */
function handleFor(rng: Prng, contact: Contact, channel: Channel): { handle: string; name: string | null } {
  const fullName = `${contact.first} ${contact.last}`;
  switch (channel) {
    case "voice":
      return {
        handle: rng.chance(0.25) ? formattedPhone(contact.phone) : contact.phone,
        name: contact.namedOnPhone ? fullName : null,
      };
    case "sms":
      return { handle: contact.phone, name: contact.namedOnPhone ? fullName : null };
    case "whatsapp":
      return {
        handle: rng.chance(0.3) ? `whatsapp:${contact.phone}` : contact.phone,
        name: rng.chance(0.7) ? contact.first : null,
      };
    case "email":
      return { handle: contact.email, name: rng.chance(0.9) ? fullName : null };
    case "web":
      return rng.chance(0.7) ? { handle: contact.email, name: fullName } : { handle: contact.visitorId, name: null };
  }
}

/** Call length: answered calls a few minutes, voicemails under two. */
function callDuration(rng: Prng, format: VoiceFormat): number {
  if (format === "voicemail") return Math.round(Math.min(120, Math.max(8, rng.logNormal(35, 0.45))));
  return Math.round(Math.min(1200, Math.max(35, rng.logNormal(150, 0.55))));
}

/** The whole plan, oldest conversation first. */
export function planSessions(rng: Prng, options: PlanOptions): PlannedSession[] {
  const times = conversationTimes(rng.fork("schedule"), options);
  const contacts = makeContacts(rng.fork("contacts"), Math.max(20, Math.round(times.length * 0.62)));
  const contactRng = rng.fork("who");
  const plans: PlannedSession[] = [];
  times.forEach((sentAt, index) => {
    const r = rng.fork(`session:${index}`);
    // Skewed towards the first contacts: most people write once, some call again and again.
    const contact = contacts[Math.floor(contacts.length * Math.pow(contactRng.next(), 1.7))];
    const local = localTime(sentAt, options.timeZone);
    const open = isOpen(local);
    const channel = r.weighted(open || (local.hour >= 7 && local.hour < 20) ? CHANNELS_DAY : CHANNELS_NIGHT);
    const voiceFormat: VoiceFormat | null =
      channel !== "voice"
        ? null
        : r.weighted<VoiceFormat>(
            open
              ? [
                  ["call", 65],
                  ["notes", 12],
                  ["voicemail", 23],
                ]
              : [
                  ["call", 30],
                  ["voicemail", 70],
                ],
          );
    const intent = drawIntent(r, channel, voiceFormat);
    const slots = drawSlots(r, contact, sentAt);
    const durationSeconds = voiceFormat ? callDuration(r, voiceFormat) : 0;
    const composed =
      channel === "voice"
        ? composeCall(r, intent, voiceFormat!, slots, durationSeconds)
        : channel === "email"
          ? composeEmail(r, intent, slots, sentAt)
          : composeShort(r, intent, channel, slots);
    const { handle, name } = handleFor(r, contact, channel);
    // The webhook arrives once the message exists in Front: after the call and its transcription for calls.
    const lagMs = voiceFormat ? durationSeconds * 1000 + r.int(3_000, 25_000) : r.int(300, 2_500);
    const receivedAt = new Date(Math.min(sentAt.getTime() + lagMs, options.end.getTime() - 1_000));

    const assignee = r.chance(0.032) ? r.pick(HUMAN_TEAMMATES) : null;
    const followUpKind =
      channel !== "voice" && intent.kind === "answer"
        ? r.weighted<FollowUp | null>([
            [null, 86],
            ["thanks", 8],
            ["not_helped", 3.5],
            ["repeat", 2.5],
          ])
        : null;
    plans.push({
      index,
      conversationId: `cnv_sample_${r.token(10)}`,
      messageId: `msg_sample_${r.token(12)}`,
      eventId: `evt_sample_${r.token(12)}`,
      channel,
      messageType: MESSAGE_TYPES[channel],
      handle,
      name,
      intent,
      voiceFormat,
      call: voiceFormat ? { durationSeconds, answered: voiceFormat !== "voicemail" } : null,
      text: composed.text,
      subject: composed.subject,
      conversationSubject:
        channel === "voice"
          ? `${voiceFormat === "voicemail" ? "Voicemail" : "Call"} from ${name ?? handle}`
          : composed.subject,
      sentAt,
      receivedAt,
      assignee,
      teammate: assignee ?? r.pick(HUMAN_TEAMMATES),
      failure:
        !assignee && r.chance(0.011)
          ? r.weighted<FailureMode>([
              ["delivery_failed", 6],
              ["reply_refused", 4],
            ])
          : null,
      toolError: !assignee && intent.kind === "answer" && r.chance(0.012),
      followUp: followUpKind
        ? {
            kind: followUpKind,
            text: composeFollowUp(r, followUpKind, intent, slots),
            messageId: `msg_sample_${r.token(12)}`,
            eventId: `evt_sample_${r.token(12)}`,
            afterMs: Math.round(Math.min(2 * 86_400_000, Math.max(40_000, r.logNormal(8 * 60_000, 1.1)))),
          }
        : null,
      slots,
      topic: composed.topic,
    });
  });
  return plans;
}
