import { z } from "zod";

export const HANDOFF_REASONS = [
  "user_requested_human_assistance",
  "insufficient_knowledge",
  "insufficient_tools",
  "prohibited_topic",
  "instructions_not_clear",
  "based_on_instructions",
  "error",
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export const SENTIMENTS = ["angry", "frustrated", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const handoffInputSchema = z.object({
  reason: z.enum(HANDOFF_REASONS).describe("Why a person must take over"),
  summary: z.string().min(1).max(1000).describe("One or two sentences a teammate reads before picking up the conversation"),
  sentiment: z.enum(SENTIMENTS).describe("The customer's mood"),
});
export type HandoffInput = z.infer<typeof handoffInputSchema>;

/** What a run decided: answer the customer, or hand the conversation to a person. */
export type AgentOutcome = { kind: "reply"; text: string; sentiment: Sentiment } | ({ kind: "handoff" } & HandoffInput);
