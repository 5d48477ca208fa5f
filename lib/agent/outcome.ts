import { z } from "zod";
import { HANDOFF_REASONS, SENTIMENTS, type HandoffReason, type Sentiment } from "../domain";

// The lists live in lib/domain.ts; re-exported for the agent's modules.
export { HANDOFF_REASONS, SENTIMENTS, type HandoffReason, type Sentiment };

export const handoffInputSchema = z.object({
  reason: z.enum(HANDOFF_REASONS).describe("Why a person must take over"),
  summary: z
    .string()
    .min(1)
    .max(1000)
    .describe("One or two sentences a teammate reads before picking up the conversation"),
  sentiment: z.enum(SENTIMENTS).describe("The customer's mood"),
});
export type HandoffInput = z.infer<typeof handoffInputSchema>;

/** What a run decided: answer the customer, or hand the conversation to a person. */
export type AgentOutcome = { kind: "reply"; text: string; sentiment: Sentiment } | ({ kind: "handoff" } & HandoffInput);
