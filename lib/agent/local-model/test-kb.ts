/** Test-only: a canned knowledge base and the two agent tools, wired like the pipeline but without a database. */
import {
  generateText,
  hasToolCall,
  stepCountIs,
  streamText,
  tool,
  type LanguageModel,
  type ModelMessage,
  type ToolSet,
} from "ai";
import { z } from "zod";
import { createLocalModel } from "./model";
import { HANDOFF_REASONS } from "./tools";
import { stem, words } from "../../text-analysis/text";

export const ARTICLES = [
  {
    articleId: "kb-password",
    title: "Resetting your password",
    content:
      'To reset your password, open the sign-in page and choose "Forgot password". Enter the email address on your account and we send a reset link that is valid for 60 minutes. If the reset email never arrives, check your spam or junk folder and make sure the address matches the one on your account. Reset emails come from no-reply@acme.example; add it to your contacts if your provider filters it. You can request a new link after five minutes.',
  },
  {
    articleId: "kb-billing-email",
    title: "Changing the billing email on your account",
    content:
      "Account owners can change the billing email under Settings → Billing → Billing contact. Enter the new billing email address and save; invoices and receipts go to the new address from the next billing cycle. Only the account owner can change the billing email.",
  },
  {
    articleId: "kb-delivery",
    title: "Delivery times and tracking your order",
    content:
      "Orders ship within one business day. Standard delivery takes 3 to 5 business days and express delivery 1 to 2 business days. Every order gets a tracking link by email as soon as it ships; you can also track your order from Account → Orders with your order number. If your order is late by more than two business days, reply with your order number and we open an investigation with the carrier.",
  },
  {
    articleId: "kb-hours",
    title: "Opening hours and how to reach us",
    content:
      "Our support team is open Monday to Friday, 8am to 6pm Eastern time, and Saturday 10am to 2pm. Phone calls and voicemails left outside opening hours are answered the next business day.",
  },
  {
    articleId: "kb-cancel",
    title: "Cancelling your subscription",
    content:
      "You can cancel your subscription at any time under Settings → Billing → Cancel subscription. Your plan stays active until the end of the current billing period and you are not charged again. Annual plans cancelled within 30 days of renewal are refunded in full. Your data is kept for 90 days after cancellation in case you come back.",
  },
  {
    articleId: "kb-card",
    title: "Updating your payment card",
    content:
      'To update the card we charge, go to Settings → Billing → Payment method and choose "Update card". The new card is used for the next invoice. If a payment failed, update the card and we retry the charge automatically within 24 hours.',
  },
  {
    articleId: "kb-refunds",
    title: "Refunds and duplicate charges",
    content:
      "If you see a duplicate charge, it is usually a pending authorisation that disappears within 3 business days. Charges that remain after that are refunded by our billing team once they confirm the duplicate; refunds reach your card in 5 to 10 business days.",
  },
];

/** Like the Postgres OR search: any shared word matches; rank = share of query words found, scaled to ~0–0.6. */
export function searchArticles(query: string, limit = 3) {
  const terms = [...new Set(words(query).map(stem))].filter((t) => t.length > 2);
  return ARTICLES.map((a) => {
    const stems = new Set(words(`${a.title} ${a.content}`).map(stem));
    const hits = terms.filter((t) => stems.has(t)).length;
    return { ...a, score: terms.length ? Number(((0.6 * hits) / terms.length).toFixed(3)) : 0 };
  })
    .filter((a) => a.score > 0)
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title))
    .slice(0, limit);
}

export const searchKnowledgeBase = tool({
  description: "Search the support team's knowledge base.",
  inputSchema: z.object({ query: z.string().min(1).max(500) }),
  execute: async ({ query }) => ({ results: searchArticles(query) }),
});

export const handoffToHuman = tool({
  description: "Hand the conversation to a human teammate.",
  inputSchema: z.object({
    reason: z.enum(HANDOFF_REASONS),
    summary: z.string().min(1).max(1000),
    sentiment: z.enum(["angry", "frustrated", "neutral", "positive"]),
  }),
  execute: async (input) => ({ handedOff: true, reason: input.reason }),
});

export const TOOLS = { search_knowledge_base: searchKnowledgeBase, handoff_to_human: handoffToHuman };

export const SYSTEM = {
  voice:
    "You are Frontline, Acme's AI teammate. Answer only from the knowledge base. Contact: +14155550123. Channel: voice (phone call).",
  email:
    "You are Frontline, Acme's AI teammate. Answer only from the knowledge base. Contact: sam@customer.example. Channel: email.",
  sms: "You are Frontline, Acme's AI teammate. Answer only from the knowledge base. Contact: +14155550123. Channel: sms.",
};

export type Outcome =
  | { kind: "reply"; text: string }
  | { kind: "handoff"; reason: string; summary: string; sentiment: string }
  | { kind: "none" };

interface StepLike {
  text: string;
  reasoningText: string | undefined;
  toolCalls: { toolName: string; input: unknown }[];
}

/** What a run decided, read from its steps the way the pipeline reads them. */
export function outcomeOf(steps: StepLike[]): Outcome {
  for (const step of steps) {
    const handoff = step.toolCalls.find((c) => c.toolName === "handoff_to_human");
    if (handoff)
      return { kind: "handoff", ...(handoff.input as { reason: string; summary: string; sentiment: string }) };
  }
  const last = steps[steps.length - 1];
  return last?.text ? { kind: "reply", text: last.text } : { kind: "none" };
}

export interface TurnInput {
  system: string;
  messages: ModelMessage[];
  tools?: ToolSet;
  model?: LanguageModel;
}

const stopWhen = [stepCountIs(6), hasToolCall("handoff_to_human")];

export async function runTurn({ system, messages, tools = TOOLS, model = createLocalModel() }: TurnInput) {
  const result = await generateText({ model, system, messages, tools, stopWhen });
  return { result, steps: result.steps, outcome: outcomeOf(result.steps) };
}

export async function streamTurn({ system, messages, tools = TOOLS, model = createLocalModel() }: TurnInput) {
  const result = streamText({ model, system, messages, tools, stopWhen });
  const steps = await result.steps;
  return { result, steps, outcome: outcomeOf(steps) };
}
