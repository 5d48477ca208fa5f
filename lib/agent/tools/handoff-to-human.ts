import { tool } from "ai";
import { handoffInputSchema } from "../outcome";

/**
 * Hands the conversation to a person. The run stops at this call; the pipeline posts the comment and unassigns
 * after the run, so a failed Front call can be retried without asking the model again.
 */
export function handoffToHumanTool() {
  return tool({
    description:
      "Hand the conversation to a human teammate: when the customer asks for a person, is angry or frustrated, or the knowledge base does not answer the question. Give the reason, a short summary for the teammate, and the customer's sentiment.",
    inputSchema: handoffInputSchema,
    execute: async (input) => ({ handedOff: true, reason: input.reason }),
  });
}
