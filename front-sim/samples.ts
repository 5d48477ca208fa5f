import { HUMAN_TEAMMATE_ID } from "./directory";
import type { FrontSimulator } from "./types";
import type { PlaceCallInput, SendMessageInput, SimActionResult } from "./types";

// Believable conversations for the demo: questions a knowledge base answers, people who want a person,
// and one that belongs to a human teammate so the AI must leave it alone.

export type SampleOutcome = "answer" | "handoff" | "skip";

export type SampleConversation = {
  key: string;
  description: string;
  /** What Frontline should do with it. */
  expected: SampleOutcome;
} & ({ kind: "call"; call: PlaceCallInput } | { kind: "message"; message: SendMessageInput });

export const SAMPLE_CONVERSATIONS: SampleConversation[] = [
  {
    key: "voicemail-password-reset",
    description: "Voicemail: password reset email never arrives",
    expected: "answer",
    kind: "call",
    call: {
      from: "+14155550188",
      answered: false,
      durationSeconds: 41,
      text: [
        "Voicemail transcript",
        'Hi, this is Sam Patel. Quick question: how do I reset my password? I click "forgot password" but the reset email never arrives. My login is sam.patel@customer.example. Thanks.',
      ].join("\n"),
    },
  },
  {
    key: "call-order-tracking",
    description: "Call transcript: where is my order, and how long does delivery take",
    expected: "answer",
    kind: "call",
    call: {
      from: "+14155550177",
      durationSeconds: 132,
      text: [
        "Call transcript (2m12s)",
        "Agent: Thanks for calling Acme, how can I help?",
        "Customer: Hi, I ordered a standing desk last Tuesday, order 4411, and it still says processing.",
        "Agent: Let me take a note of that.",
        "Customer: How long does delivery usually take? And is there a way to track it myself?",
      ].join("\n"),
    },
  },
  {
    key: "email-billing-email",
    description: "Email: change the billing email on the account",
    expected: "answer",
    kind: "message",
    message: {
      channel: "email",
      from: "maria.gomez@customer.example",
      fromName: "Maria Gomez",
      subject: "Change billing email",
      text: [
        "Hello,",
        "Our invoices still go to my old colleague's address. Can I change the billing email on our account to accounts@gomez-studio.example?",
        "",
        "Thanks,",
        "Maria",
      ].join("\n"),
    },
  },
  {
    key: "sms-business-hours",
    description: "SMS: are you open on Saturday",
    expected: "answer",
    kind: "message",
    message: {
      channel: "sms",
      from: "+14155550142",
      text: "hi are you guys open saturday? what are your hours",
    },
  },
  {
    key: "email-cancel-and-card",
    description: "Email: cancel a subscription, or at least update the card",
    expected: "answer",
    kind: "message",
    message: {
      channel: "email",
      from: "lee.chen@customer.example",
      fromName: "Lee Chen",
      subject: "Cancel my subscription?",
      text: [
        "Hi there,",
        "My card expired and I got a failed payment notice. How do I update the card on file?",
        "If it's complicated I'd rather just cancel the subscription at the end of the month.",
        "",
        "Lee",
      ].join("\n"),
    },
  },
  {
    key: "call-charged-twice",
    description: "Call transcript: charged twice and wants a real person",
    expected: "handoff",
    kind: "call",
    call: {
      from: "+14155550123",
      durationSeconds: 189,
      text: [
        "Call transcript (3m09s)",
        "Customer: Hi, I was charged twice for my March invoice and I've called three times already.",
        "Agent: I'm sorry about that. I can help look into billing questions.",
        "Customer: No. I want to talk to a real person right now, this is ridiculous.",
      ].join("\n"),
    },
  },
  {
    key: "call-furious-caller",
    description: "Phone call notes: furious caller threatening to leave",
    expected: "handoff",
    kind: "call",
    call: {
      from: "+14155550161",
      messageType: "phone-call",
      durationSeconds: 254,
      text: [
        "Call notes",
        "Caller was shouting from the start. Third delivery of the same broken chair; says nobody ever calls back.",
        "Customer: This is the worst service I have ever had. Fix it today or I'm disputing every charge and telling everyone I know.",
        "Caller hung up before we could take an order number.",
      ].join("\n"),
    },
  },
  {
    key: "call-assigned-to-dana",
    description: "Call notes on a conversation Dana already owns (the AI must skip it)",
    expected: "skip",
    kind: "call",
    call: {
      from: "+14155550119",
      durationSeconds: 75,
      assigneeId: HUMAN_TEAMMATE_ID,
      text: "Call notes: customer asked Dana to call back about the bulk order quote for 40 chairs.",
    },
  },
];

export interface PlacedSample extends SimActionResult {
  key: string;
  expected: SampleOutcome;
}

/** Places every sample, one after the other so the order is stable. */
export async function placeSamples(
  sim: FrontSimulator,
  samples: SampleConversation[] = SAMPLE_CONVERSATIONS,
): Promise<PlacedSample[]> {
  const placed: PlacedSample[] = [];
  for (const sample of samples) {
    const result = sample.kind === "call" ? await sim.placeCall(sample.call) : await sim.sendMessage(sample.message);
    placed.push({ key: sample.key, expected: sample.expected, ...result });
  }
  return placed;
}
