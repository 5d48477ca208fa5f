/**
 * Customer texts for the sample history: templates with slots (names, order numbers, products), per intent
 * (a question the knowledge base answers, a request for a person, an angry customer, a question it does not
 * answer, a message with nothing to answer) and per channel format (call transcript, voicemail, call notes,
 * email with quoted history and signature, SMS, WhatsApp, web chat). Which outcome a text gets is up to the
 * real agent; the intent only says what the text was written to provoke.
 */
import type { Channel } from "../front/channels";
import type { Prng } from "./prng";
import { AMOUNTS, COMPANIES, FIRST_NAMES, MONTHS, PLANS, PRODUCTS, WORKDAYS } from "./vocabulary";

export const TOPICS = ["password", "billing_email", "delivery", "hours", "cancel", "card", "duplicate_charge"] as const;
export type Topic = (typeof TOPICS)[number];

export type Intent =
  | { kind: "answer"; topic: Topic }
  | { kind: "person"; topic: Topic | null }
  | { kind: "angry"; topic: Topic | null }
  | { kind: "gap" }
  | { kind: "unclear" };

export type VoiceFormat = "call" | "voicemail" | "notes";

/** The slot values one text is filled with. */
export interface Slots {
  first: string;
  last: string;
  email: string;
  /** The number as a caller would say it: "415 555 0123". */
  spokenPhone: string;
  company: string;
  order: string;
  product: string;
  /** "a standing desk", "an ergonomic chair". */
  aProduct: string;
  month: string;
  amount: string;
  plan: string;
  weekday: string;
  colleague: string;
  newEmail: string;
}

type Line = (s: Slots) => string;

/** Slot values for one text; `month` is the month before the session's date, the one an invoice is about. */
export function drawSlots(
  rng: Prng,
  contact: { first: string; last: string; email: string; phone: string },
  at: Date,
): Slots {
  const digits = contact.phone.replace(/\D/g, "").slice(-10);
  const product = rng.pick(PRODUCTS);
  return {
    first: contact.first,
    last: contact.last,
    email: contact.email,
    spokenPhone: `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`,
    company: rng.pick(COMPANIES),
    order: String(rng.int(10_000, 99_999)),
    product,
    aProduct: `${/^[aeiou]/.test(product) ? "an" : "a"} ${product}`,
    month: MONTHS[(at.getUTCMonth() + 11) % 12],
    amount: rng.pick(AMOUNTS),
    plan: rng.pick(PLANS),
    weekday: rng.pick(WORKDAYS),
    colleague: `${rng.pick(FIRST_NAMES).toLowerCase()}@${rng
      .pick(COMPANIES)
      .toLowerCase()
      .replace(/[^a-z]/g, "")}.example`,
    newEmail: `accounts@${contact.last.toLowerCase()}-${rng.pick(["studio", "co", "group", "labs", "team"])}.example`,
  };
}

interface TopicText {
  subjects: Line[];
  /** Whole-sentence asks: emails, web chat, what a caller says. */
  asks: Line[];
  /** Texting register: SMS, WhatsApp, quick chats. */
  short: Line[];
  /** A sentence of background before the ask (optional). */
  context: Line[];
  /** What call notes say the caller asked about: "customer asked about …". */
  noted: Line[];
  /** A teammate's answer after a handoff about this topic. */
  teammate: Line[];
}

const TOPIC_TEXT: Record<Topic, TopicText> = {
  password: {
    subjects: [
      () => "Password reset",
      () => "Can't log in",
      () => "Reset email not arriving",
      () => "Forgot my password",
    ],
    asks: [
      () => "How do I reset my password?",
      () => 'I click "forgot password" but the reset email never arrives. How do I reset my password?',
      () => "The password reset email never shows up in my inbox. What should I do to reset my password?",
      (s) => `Could you tell me how to reset the password for ${s.email}?`,
      () => "How can I reset my password? The reset link I got last week expired.",
    ],
    short: [
      () => "how do i reset my password",
      () => "reset email never arrives, how do I reset my password?",
      () => "hi, how do I reset my password? the email never came",
      () => "forgot my password - how do I reset it?",
    ],
    context: [
      () => "I'm locked out of my account since this morning.",
      (s) => `My login is ${s.email}.`,
      () => "I've tried twice already.",
      () => "I got a new laptop and can't remember my password.",
    ],
    noted: [
      () => "resetting their password, the reset email never arrives",
      () => "how to reset the password on their account",
    ],
    teammate: [
      (s) =>
        `Hi ${s.first}, I've sent a fresh reset link to ${s.email} and whitelisted the address on our side. It's valid for 60 minutes. Let me know if it doesn't show up!`,
      (s) =>
        `Hi ${s.first}, your account was locked after several attempts. I've unlocked it, so the "Forgot password" link will work again now.`,
    ],
  },
  billing_email: {
    subjects: [
      () => "Change billing email",
      () => "Invoices going to the wrong address",
      () => "Update billing contact",
    ],
    asks: [
      (s) => `Can I change the billing email on our account to ${s.newEmail}?`,
      (s) => `Our invoices still go to ${s.colleague}, who left the company. How do I change the billing email?`,
      () => "How do I update the billing email address on our account?",
      () => "Where can I change the email address that receives our invoices and receipts?",
    ],
    short: [
      () => "how do i change the billing email on my account?",
      (s) => `can you change our billing email to ${s.newEmail}?`,
      () => "how do I change the billing email on our account?",
    ],
    context: [
      (s) => `I'm the office manager at ${s.company}.`,
      () => "Our finance team changed last month.",
      () => "We just switched accountants.",
    ],
    noted: [
      () => "changing the billing email on their account",
      () => "updating the billing email address on the account",
    ],
    teammate: [
      (s) =>
        `Hi ${s.first}, I've verified your identity and updated the billing email to ${s.newEmail}. The next invoice will go there.`,
    ],
  },
  delivery: {
    subjects: [
      (s) => `Order ${s.order}`,
      () => "Where is my order?",
      (s) => `Delivery of my ${s.product}`,
      () => "Tracking number?",
    ],
    asks: [
      (s) =>
        `I ordered ${s.aProduct} last ${s.weekday}, order ${s.order}, and it still says processing. How long does delivery usually take?`,
      (s) => `Where is my order ${s.order}? Is there a way to track it myself?`,
      (s) => `How can I track my order? The order number is ${s.order}.`,
      (s) => `My ${s.product} hasn't arrived yet. How long does standard delivery take?`,
      () => "How long does express delivery take, and how do I track my order?",
    ],
    short: [
      (s) => `where is my order ${s.order}? how do i track it`,
      (s) => `hi! how long does delivery take for ${s.aProduct}?`,
      (s) => `how do I track order ${s.order}?`,
      () => "how long does shipping take?",
    ],
    context: [
      (s) => `I ordered ${s.aProduct} for my home office.`,
      () => "It's a gift so I'd like to know when it arrives.",
      (s) => `Order ${s.order} was placed on ${s.weekday}.`,
    ],
    noted: [(s) => `delivery times for order ${s.order}`, (s) => `tracking their ${s.product} order`],
    teammate: [
      (s) =>
        `Hi ${s.first}, I checked with the carrier: order ${s.order} is out for delivery tomorrow. Here's the tracking link again.`,
      (s) =>
        `Hi ${s.first}, I've opened an investigation with the carrier for order ${s.order} and will update you within two business days.`,
    ],
  },
  hours: {
    subjects: [() => "Opening hours", () => "Are you open on Saturday?"],
    asks: [
      () => "What are your opening hours?",
      () => "Are you open on Saturday? What are your hours?",
      () => "What time does your support team open on weekdays?",
    ],
    short: [
      () => "hi are you guys open saturday? what are your hours",
      () => "what are your opening hours?",
      () => "what are your opening hours tomorrow?",
      () => "what time do you close today?",
    ],
    context: [() => "I'd like to call about my order.", () => "I tried calling earlier and nobody picked up."],
    noted: [() => "opening hours on Saturday", () => "what time the support line opens"],
    teammate: [
      (s) =>
        `Hi ${s.first}, we're open Monday to Friday 8am–6pm Eastern and Saturday 10am–2pm. Happy to help whenever suits you!`,
    ],
  },
  cancel: {
    subjects: [() => "Cancel my subscription?", () => "Cancellation", (s) => `Cancel ${s.plan}`],
    asks: [
      () => "How do I cancel my subscription?",
      (s) => `I'd like to cancel my ${s.plan} at the end of the month. How do I cancel the subscription?`,
      () => "If I cancel my subscription, when does it stop and will I be charged again?",
      () => "Can I cancel my subscription online, or do I need to call?",
    ],
    short: [
      () => "how do i cancel my subscription",
      () => "how can I cancel my subscription?",
      (s) => `want to cancel my ${s.plan}, how do I cancel?`,
    ],
    context: [
      () => "We're closing our second office.",
      () => "We don't use it as much anymore.",
      () => "Money is tight this quarter.",
    ],
    noted: [() => "cancelling their subscription at the end of the month", () => "how to cancel the subscription"],
    teammate: [
      (s) =>
        `Hi ${s.first}, I've cancelled the ${s.plan} for you. It stays active until the end of the billing period and you won't be charged again.`,
    ],
  },
  card: {
    subjects: [() => "Payment failed", () => "Update card", () => "Expired card"],
    asks: [
      () => "My card expired and I got a failed payment notice. How do I update the card on file?",
      () => "How do I update my payment card?",
      () => "Where do I update the payment card you charge each month?",
      () => "How do I update the payment card after a failed payment?",
    ],
    short: [
      () => "how do I update my payment card?",
      () => "got a failed payment email, how do i update my card",
      () => "need to update my payment card, how?",
    ],
    context: [
      () => "My bank sent me a new card.",
      () => "I got an email saying my payment failed.",
      () => "We switched to a company card.",
    ],
    noted: [
      () => "updating the payment card after a failed payment",
      () => "updating the payment card on their account",
    ],
    teammate: [
      (s) =>
        `Hi ${s.first}, thanks for updating the card. I've retried the payment and it went through, so you're all set.`,
    ],
  },
  duplicate_charge: {
    subjects: [() => "Charged twice", () => "Duplicate charge", (s) => `${s.month} invoice`],
    asks: [
      (s) => `I was charged twice for my ${s.month} invoice, can you help?`,
      (s) => `I see a duplicate charge of ${s.amount} on my card. Will it be refunded?`,
      (s) => `Why was I charged twice this month? Both charges are ${s.amount}.`,
      (s) => `There are two charges for ${s.amount} on my statement. How do refunds for duplicate charges work?`,
    ],
    short: [
      (s) => `i was charged twice for ${s.month}?? can you help`,
      (s) => `why did you charge me ${s.amount} twice?`,
      () => "got charged twice, will I get a refund?",
    ],
    context: [
      () => "I checked my bank statement this morning.",
      (s) => `My invoice number ends in ${s.order.slice(-3)}.`,
    ],
    noted: [(s) => `a duplicate charge on their ${s.month} invoice`, () => "a refund for a double charge"],
    teammate: [
      (s) =>
        `Hi ${s.first}, I confirmed the duplicate charge of ${s.amount} and refunded it today. It will reach your card in 5–10 business days.`,
      (s) =>
        `Hi ${s.first}, the second charge was a pending authorisation and has dropped off now. You were only billed once for ${s.month}.`,
    ],
  },
};

/** Asking for a person, with or without the topic. */
const PERSON_ASKS: Line[] = [
  () => "Can I speak to someone about my account?",
  () => "I'd like to talk to a real person, please.",
  () => "Please have someone call me back.",
  () => "Could someone give me a call back?",
  () => "Can I talk to a human?",
  () => "I need to speak with a manager.",
  () => "Transfer me to a live agent please.",
  () => "Is there someone I can talk to?",
];
const PERSON_SHORT: Line[] = [
  () => "agent",
  () => "can I talk to a real person",
  () => "human please",
  () => "pls call me back",
  () => "Representative please",
  () => "can someone call me?",
];
const PERSON_TOPIC: Record<Topic, Line[]> = {
  password: [() => "I've been locked out of my account for two days"],
  billing_email: [
    (s) => `I need the billing email changed but I don't have the owner login anymore, ${s.colleague} set it up`,
  ],
  delivery: [
    (s) => `My ${s.product} arrived with a cracked leg, order ${s.order}`,
    (s) => `Order ${s.order} was delivered to the wrong address`,
  ],
  hours: [() => "I want to book an office visit to see the chairs in person"],
  cancel: [(s) => `I want to cancel the ${s.plan} but I have a question about our contract`],
  card: [() => "I'd rather give my card number to someone over the phone"],
  duplicate_charge: [(s) => `I was charged twice for my ${s.month} invoice and I've called three times already`],
};

/** Upset customers: the agent hands these to a person even without a request. */
const ANGRY: Line[] = [
  (s) =>
    `This is the third time my ${s.product} arrived broken. Absolutely unacceptable. Fix it today or I'm disputing the charge.`,
  (s) => `THIS IS RIDICULOUS!!! MY ORDER ${s.order} IS TWO WEEKS LATE`,
  () => "Your app is a total joke and I'm absolutely sick of it. Nothing works, this is ridiculous.",
  () => "I will be contacting my lawyer about these charges.",
  () => "Worst service I have ever had. You people are completely incompetent and I'm furious.",
  (s) =>
    `I'm furious. You charged me ${s.amount} after I cancelled. If this isn't refunded today I'm going to file a chargeback.`,
  () => "Absolutely disgusting service. Nobody ever calls back and I'm fed up.",
  (s) =>
    `I've been waiting three weeks for order ${s.order}. This is a disgrace, I'm going to leave a one-star review.`,
];
const ANGRY_SHORT: Line[] = [
  () => "THIS IS RIDICULOUS!!! FIX IT NOW",
  (s) => `still no ${s.product}!!! worst service EVER. absolutely ridiculous`,
  () => "you guys are a joke. so sick of this, absolutely furious",
  () => "are you kidding me?! charged AGAIN after I cancelled. unbelievable",
];

/** Questions the knowledge base does not cover. */
const GAP: Line[] = [
  () => "Do you ship to Canada?",
  () => "Can I pay with Bitcoin?",
  () => "Is your API compatible with SAP?",
  () => "Do you offer a discount for nonprofits?",
  (s) => `What is the warranty on the ${s.product}?`,
  () => "Can I get a bulk quote for 40 chairs?",
  (s) => `Does the ${s.product} come in walnut?`,
  (s) => `Is assembly included with the ${s.product}?`,
  () => "Do you have a showroom in Chicago?",
  () => "Can we get invoices in euros?",
  (s) => `What's the weight limit of the ${s.product}?`,
];
const GAP_SUBJECTS: Line[] = [
  () => "Quick question",
  () => "Pre-sales question",
  (s) => `Question about the ${s.product}`,
  () => "Enquiry",
];

/** Nothing to answer: the agent hands these off as unclear. */
const UNCLEAR_VOICE: Line[] = [
  (s) => `Hi it's ${s.first}, just returning your call.`,
  (s) => `Hey, this is ${s.first} from ${s.company}. Got your message, talk soon.`,
  (s) => `Hi, this is ${s.first} ${s.last}. Just letting you know I'll be out of the office next week.`,
];
const UNCLEAR_NOTES: Line[] = [
  () => "customer confirmed their new address, nothing else needed.",
  () => "caller said they would check with their manager and call again.",
];
const UNCLEAR_TEXT: Line[] = [
  () => "ok",
  (s) => `This is ${s.first}, got your voicemail.`,
  () => "Please see my previous message.",
  () => "See attached.",
];

export type FollowUp = "thanks" | "not_helped" | "repeat";

const FOLLOW_UPS: Record<FollowUp, Line[]> = {
  thanks: [
    () => "Thanks, that worked!",
    () => "Perfect, thank you so much!",
    () => "Great, all sorted now. Thanks!",
    () => "thx, that helped",
  ],
  not_helped: [
    () => "That didn't help. Can I talk to a person please?",
    () => "Still doesn't work. I need to speak to someone.",
    () => "No, that's not it. Please have someone call me.",
  ],
  repeat: [],
};

const EMAIL_GREETINGS = ["Hi,", "Hello,", "Hi there,", "Hello team,", "Hi Acme support,", "Good morning,"];
const EMAIL_SIGN_OFFS = ["Thanks,", "Best regards,", "Kind regards,", "Cheers,", "Thank you,", "Best,"];
const TITLES = [
  "Office Manager",
  "Operations Lead",
  "Founder",
  "Head of Finance",
  "Practice Manager",
  "IT Coordinator",
  "Owner",
];

const join = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(" ");

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "2m12s" as a call header shows a duration. */
function durationLabel(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}m${String(s).padStart(2, "0")}s`;
}

export interface Composed {
  text: string;
  subject: string | null;
  /** The words that matter, for the teammate's answer and the Inbox: what the template asked. */
  topic: Topic | null;
}

/** The sentences a customer says or writes for an intent, in full (not texting) register. */
function fullWords(rng: Prng, intent: Intent, s: Slots): string {
  switch (intent.kind) {
    case "answer": {
      const t = TOPIC_TEXT[intent.topic];
      const context = rng.chance(0.45) ? rng.pick(t.context)(s) : null;
      const mood = rng.weighted<string | null>([
        [null, 6],
        ["I'm a bit frustrated, this is the second time I'm asking.", 1],
        ["Love the new desk by the way!", 1],
        ["Thanks in advance for the help.", 1],
        ["You guys have been great so far, thank you!", 1],
      ]);
      return join(context, rng.pick(t.asks)(s), mood);
    }
    case "person": {
      const about = intent.topic ? `${capitalizeFirst(rng.pick(PERSON_TOPIC[intent.topic])(s))}.` : null;
      return join(about, rng.pick(PERSON_ASKS)(s));
    }
    case "angry": {
      const about =
        intent.topic && rng.chance(0.4) ? `${capitalizeFirst(rng.pick(PERSON_TOPIC[intent.topic])(s))}.` : null;
      return join(about, rng.pick(ANGRY)(s));
    }
    case "gap":
      return join(
        rng.chance(0.3)
          ? rng.pick(["Quick question.", "Hope you can help.", `We're a small team at ${s.company}.`])
          : null,
        rng.pick(GAP)(s),
      );
    case "unclear":
      return rng.pick(UNCLEAR_TEXT)(s);
  }
}

/** Texting register for SMS, WhatsApp and quick chats. */
function shortWords(rng: Prng, intent: Intent, s: Slots): string {
  switch (intent.kind) {
    case "answer":
      return rng.pick(TOPIC_TEXT[intent.topic].short)(s);
    case "person":
      return rng.chance(0.5) && intent.topic
        ? `${rng.pick(PERSON_TOPIC[intent.topic])(s)}. ${rng.pick(PERSON_SHORT)(s)}`
        : rng.pick(PERSON_SHORT)(s);
    case "angry":
      return rng.pick(ANGRY_SHORT)(s);
    case "gap":
      return rng.pick(GAP)(s).toLowerCase();
    case "unclear":
      return rng.pick(UNCLEAR_TEXT)(s);
  }
}

function subjectFor(rng: Prng, intent: Intent, s: Slots): string {
  switch (intent.kind) {
    case "answer":
      return rng.pick(TOPIC_TEXT[intent.topic].subjects)(s);
    case "person":
      return intent.topic ? rng.pick(TOPIC_TEXT[intent.topic].subjects)(s) : "Please call me";
    case "angry":
      return rng.pick(["Complaint", "Unacceptable", `Order ${s.order}`, "Very disappointed", "URGENT"]);
    case "gap":
      return rng.pick(GAP_SUBJECTS)(s);
    case "unclear":
      return rng.pick(["Re: your message", "Follow up", "Re: Acme"]);
  }
}

const topicOf = (intent: Intent): Topic | null => ("topic" in intent ? intent.topic : null);

/** A phone call: a transcript with Customer:/Agent: lines, a voicemail, or call notes. */
export function composeCall(
  rng: Prng,
  intent: Intent,
  format: VoiceFormat,
  s: Slots,
  durationSeconds: number,
): Composed {
  const topic = topicOf(intent);
  if (format === "notes") {
    let notes: string;
    if (intent.kind === "answer") notes = `customer asked about ${rng.pick(TOPIC_TEXT[intent.topic].noted)(s)}.`;
    else if (intent.kind === "unclear") notes = rng.pick(UNCLEAR_NOTES)(s);
    else if (intent.kind === "gap")
      notes = `customer asked ${rng
        .pick(GAP)(s)
        .replace(/^(\w)/, (c) => c.toLowerCase())}`;
    else notes = `${fullWords(rng, intent, s)}`;
    return {
      text:
        intent.kind === "answer" || intent.kind === "unclear" || intent.kind === "gap"
          ? `Call notes: ${notes}`
          : `Call notes\nCustomer: ${notes}`,
      subject: null,
      topic,
    };
  }
  if (format === "voicemail") {
    const words =
      intent.kind === "unclear"
        ? rng.pick(UNCLEAR_VOICE)(s)
        : join(
            `Hi, this is ${s.first} ${s.last}${rng.chance(0.3) ? ` from ${s.company}` : ""}.`,
            fullWords(rng, intent, s),
            rng.chance(0.5) ? `You can reach me at ${s.spokenPhone}.` : null,
            "Thanks, bye.",
          );
    return { text: `Voicemail transcript\n${words}`, subject: null, topic };
  }
  const lines = [`Call transcript (${durationLabel(durationSeconds)})`];
  lines.push(
    `Agent: ${rng.pick(["Thanks for calling Acme, how can I help?", "Acme support, this is the AI line. How can I help you today?", "Hi, you've reached Acme. What can I do for you?"])}`,
  );
  if (intent.kind === "unclear") {
    lines.push(`Customer: ${rng.pick(UNCLEAR_VOICE)(s)}`);
  } else if (intent.kind === "answer") {
    const t = TOPIC_TEXT[intent.topic];
    lines.push(`Customer: Hi, this is ${s.first} ${s.last}. ${rng.chance(0.6) ? rng.pick(t.context)(s) : ""}`.trim());
    lines.push(
      `Agent: ${rng.pick(["Sure, let me help with that.", "Of course. What do you need?", "Thanks, I have your account here."])}`,
    );
    lines.push(`Customer: ${rng.pick(t.asks)(s)}`);
    lines.push(
      `Agent: ${rng.pick(["I'll send you the details by text right after this call.", "Let me look that up for you.", "I'll follow up in writing with the steps."])}`,
    );
  } else {
    lines.push(`Customer: Hi, this is ${s.first}. ${fullWords(rng, intent, s)}`);
    lines.push(
      `Agent: ${rng.pick(["I'm sorry to hear that. Let me see what I can do.", "I understand. One moment please.", "Thanks for explaining."])}`,
    );
  }
  return { text: lines.join("\n"), subject: null, topic };
}

/** An email: greeting, the words, a sign-off and signature, sometimes the quoted thread below. */
export function composeEmail(rng: Prng, intent: Intent, s: Slots, sentAt: Date): Composed {
  const subject = subjectFor(rng, intent, s);
  const body = fullWords(rng, intent, s);
  const lines = [rng.pick(EMAIL_GREETINGS), "", body, "", rng.pick(EMAIL_SIGN_OFFS), s.first];
  const signature = rng.weighted<"full" | "phone" | "none">([
    ["full", 4],
    ["phone", 2],
    ["none", 3],
  ]);
  if (signature === "full")
    lines.push(
      "",
      "--",
      `${s.first} ${s.last}`,
      `${rng.pick(TITLES)}, ${s.company}`,
      `+1 ${s.spokenPhone.replace(/ /g, "-")}`,
    );
  if (signature === "phone") lines.push("", "Sent from my iPhone");
  if (rng.chance(0.3)) {
    const earlier = new Date(sentAt.getTime() - rng.int(2, 20) * 86_400_000);
    const when = earlier.toLocaleDateString("en-US", {
      weekday: "short",
      month: "short",
      day: "numeric",
      year: "numeric",
      timeZone: "UTC",
    });
    lines.push(
      "",
      `On ${when}, Acme Support <support@acme.example> wrote:`,
      `> Hi ${s.first},`,
      ">",
      `> ${rng.pick(["Thanks for your order! We'll let you know as soon as it ships.", "Your receipt is attached. Thanks for being a customer.", "Thanks for contacting Acme. Is there anything else we can help with?"])}`,
      ">",
      "> The Acme team",
    );
    return { text: lines.join("\n"), subject: `Re: ${subject}`, topic: topicOf(intent) };
  }
  return { text: lines.join("\n"), subject, topic: topicOf(intent) };
}

/** SMS, WhatsApp or web chat: short, often lower-case. */
export function composeShort(
  rng: Prng,
  intent: Intent,
  channel: Exclude<Channel, "voice" | "email">,
  s: Slots,
): Composed {
  let text = channel === "web" && rng.chance(0.5) ? fullWords(rng, intent, s) : shortWords(rng, intent, s);
  if (channel === "whatsapp" && intent.kind === "answer" && rng.chance(0.3)) text = `${text} 🙏`;
  return { text, subject: null, topic: topicOf(intent) };
}

/** The customer's next message after the AI's answer. */
export function composeFollowUp(rng: Prng, kind: FollowUp, intent: Intent, s: Slots): string {
  if (kind === "repeat") {
    const topic = topicOf(intent) ?? "password";
    return `${rng.pick(["I did that already.", "Still stuck.", "Sorry, I'm still confused."])} ${rng.pick(TOPIC_TEXT[topic].asks)(s)}`;
  }
  return rng.pick(FOLLOW_UPS[kind])(s);
}

/** A teammate's reply after a handoff. */
export function composeTeammateReply(rng: Prng, topic: Topic | null, s: Slots): string {
  if (topic) return rng.pick(TOPIC_TEXT[topic].teammate)(s);
  return rng.pick([
    `Hi ${s.first}, thanks for your patience. I've looked into this and sorted it out. Let me know if anything else comes up.`,
    `Hi ${s.first}, sorry about the trouble. I've escalated this to our operations team and will call you tomorrow morning.`,
    `Hi ${s.first}, thanks for reaching out. I've answered your question by phone just now; following up here for your records.`,
  ]);
}
