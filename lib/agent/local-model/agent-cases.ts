/** Test-only: customer texts with the outcome the offline model must reach, shared by the generate and stream tests. */
import type { SYSTEM } from "./test-kb";

/** Texts from the Front fixtures (test/fixtures/front/fixtures/app-inbound-*.json), copied so the test stands alone. */
export const FIXTURES = {
  handoffCall:
    "Call transcript (3m09s)\nCustomer: Hi, I was charged twice for my March invoice and I've called three times already.\nAI line: I can help look into billing questions.\nCustomer: No. I want to talk to a real person right now, this is ridiculous.",
  passwordVoicemail:
    "Voicemail transcript\nHi, this is Sam. Quick question: how do I reset my password? The reset email never arrives. Thanks.",
  deliveryNotes: "Call notes: customer asked about delivery times.",
  billingEmail: "Hello,\nCan I change the billing email on my account?\n\nOn Mon, someone wrote:\n> previous thread",
};

export type Channel = keyof typeof SYSTEM;
export interface Case {
  name: string;
  channel: Channel;
  text: string;
  expect: "reply" | "handoff";
  reason?: string;
  sentiment: "angry" | "frustrated" | "neutral" | "positive";
  /** For replies: the article title the answer must cite. */
  article?: string;
}

const person = (
  name: string,
  text: string,
  sentiment: Case["sentiment"] = "neutral",
  channel: Channel = "email",
): Case => ({
  name,
  channel,
  text,
  expect: "handoff",
  reason: "user_requested_human_assistance",
  sentiment,
});
const upset = (name: string, text: string, sentiment: Case["sentiment"]): Case => ({
  name,
  channel: "email",
  text,
  expect: "handoff",
  reason: "based_on_instructions",
  sentiment,
});
const answer = (
  name: string,
  text: string,
  article: string,
  sentiment: Case["sentiment"] = "neutral",
  channel: Channel = "email",
): Case => ({
  name,
  channel,
  text,
  expect: "reply",
  article,
  sentiment,
});
const unknown = (name: string, text: string, sentiment: Case["sentiment"] = "neutral"): Case => ({
  name,
  channel: "email",
  text,
  expect: "handoff",
  reason: "insufficient_knowledge",
  sentiment,
});
const unclear = (name: string, text: string, sentiment: Case["sentiment"] = "neutral"): Case => ({
  name,
  channel: "voice",
  text,
  expect: "handoff",
  reason: "instructions_not_clear",
  sentiment,
});

export const CASES: Case[] = [
  // Requests for a person, many phrasings.
  person("fixture: charged twice, wants a real person", FIXTURES.handoffCall, "frustrated", "voice"),
  person("speak to someone", "Can I speak to someone about my account?"),
  person("talk to a human", "I want to talk to a human."),
  person("bare 'Agent!'", "Agent!"),
  person("representative please", "Representative please"),
  person("manager call me back", "Please have a manager call me back."),
  person("supervisor", "Let me speak with your supervisor, now."),
  person("bot? real person", "Are you a bot? I need a real person."),
  person("somebody call me back", "Can somebody call me back at this number? Thanks."),
  person("operator", "Operator."),
  person("live agent, taking forever", "Transfer me to a live agent, this is taking forever.", "frustrated"),
  person("not a bot but a human being", "I don't want a bot, I want a real human being."),
  person(
    "voicemail asking for a call back",
    "Voicemail transcript\nHi, it's Priya from Globex. Could someone give me a call back about our contract? Thanks.",
    "neutral",
    "voice",
  ),
  // Upset customers who did not ask for a person.
  upset("shouting", "THIS IS RIDICULOUS!!! FIX IT NOW", "angry"),
  upset(
    "worst service",
    "This is the worst service I have ever had. Absolutely disgusting, you people are incompetent.",
    "angry",
  ),
  upset(
    "threatens cancel and chargeback",
    "If this isn't fixed today I'm going to cancel and file a chargeback.",
    "frustrated",
  ),
  upset("threatens a lawyer", "I will be contacting my lawyer about these charges.", "frustrated"),
  upset("profanity", "Your app is a fucking joke and I'm sick of it", "angry"),
  // Questions the knowledge base answers.
  answer("fixture: password voicemail", FIXTURES.passwordVoicemail, "Resetting your password", "neutral", "voice"),
  answer("fixture: billing email", FIXTURES.billingEmail, "Changing the billing email on your account"),
  answer(
    "fixture: call notes about delivery",
    FIXTURES.deliveryNotes,
    "Delivery times and tracking your order",
    "neutral",
    "voice",
  ),
  answer(
    "opening hours by sms",
    "What are your opening hours on Saturday?",
    "Opening hours and how to reach us",
    "neutral",
    "sms",
  ),
  answer("cancel is a question, not a threat", "How do I cancel my subscription?", "Cancelling your subscription"),
  answer(
    "plans to cancel, asks how",
    "I'm going to cancel my subscription, how do I do that?",
    "Cancelling your subscription",
  ),
  answer(
    "charged twice, no request",
    "I was charged twice for my March invoice, can you help?",
    "Refunds and duplicate charges",
    "frustrated",
  ),
  answer("where is my order", "My order is late, where is my order?", "Delivery times and tracking your order"),
  answer(
    "positive with a question",
    "Thanks so much for the quick help last week, you guys are great! One more question: how do I update my payment card?",
    "Updating your payment card",
    "positive",
  ),
  answer(
    "annoyed with a question",
    "I'm really annoyed, the reset email never arrives. How do I reset my password?",
    "Resetting your password",
    "frustrated",
  ),
  answer(
    "transcript: agent offers a manager, caller declines",
    "Call transcript (1m02s)\nCustomer: How do I update my payment card?\nAgent: Would you like to speak to a manager?\nCustomer: No need to talk to anyone, just tell me where to change the card.",
    "Updating your payment card",
    "neutral",
    "voice",
  ),
  // Negations of a request.
  answer(
    "no need to talk to anyone",
    "No need to talk to anyone, just tell me how to reset my password.",
    "Resetting your password",
  ),
  answer(
    "don't need a human",
    "I don't need a human, I just want to know what your opening hours are.",
    "Opening hours and how to reach us",
  ),
  // Questions the knowledge base does not answer.
  unknown("ship to Antarctica (one shared word)", "Do you ship to Antarctica by drone?"),
  unknown("no article at all", "Is your API compatible with SAP?"),
  unknown("wifi password (score alone would fit)", "What's the wifi password for your office?"),
  unknown("bitcoin", "Can I pay with Bitcoin?"),
  // Voicemails and notes with nothing to answer.
  unclear("returning a call", "Voicemail transcript\nHi it's Sam, just returning your call."),
  unclear("got your message", "Voicemail transcript\nHey, this is Jordan from Initech. Got your message, talk soon."),
  unclear("call notes, nothing needed", "Call notes: customer confirmed their new address, nothing else needed."),
];
