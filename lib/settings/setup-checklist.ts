import type { setupMilestones } from "../db/queries/deliveries";

export interface ChecklistStep {
  id: "call_received" | "ai_processed" | "handoff_fired";
  label: string;
  done: boolean;
  at: string | null;
  /** What proved it. */
  link: string | null;
  linkLabel: string | null;
  /** The next thing to try while it is not done. */
  hint: string | null;
}

/** The three steps a Front admin follows to go live, each ticked from real data. */
export function setupChecklist(milestones: Awaited<ReturnType<typeof setupMilestones>>): ChecklistStep[] {
  const { firstCall, firstRun, firstHandoff } = milestones;
  const session = (proof: { sessionId: string; ticketNumber: number } | null) =>
    proof ? { link: `/inbox/${proof.sessionId}`, linkLabel: `Session #${proof.ticketNumber}` } : { link: null, linkLabel: null };
  return [
    {
      id: "call_received",
      label: "A call record arrived",
      done: Boolean(firstCall),
      at: firstCall?.at.toISOString() ?? null,
      ...session(firstCall),
      hint: firstCall
        ? null
        : "Call a Front phone number routed to the AI teammate. If nothing arrives, check the webhook URL and its subscription to inbound messages; if deliveries are refused, check the app secret.",
    },
    {
      id: "ai_processed",
      label: "The AI processed a conversation",
      done: Boolean(firstRun),
      at: firstRun?.at.toISOString() ?? null,
      ...session(firstRun),
      hint: firstRun
        ? null
        : "Assign a conversation with a customer message to the AI teammate, or turn on “Handle unassigned conversations”. If the AI skipped it, “Why didn't the AI reply?” on the Troubleshooting page says why.",
    },
    {
      id: "handoff_fired",
      label: "A handoff fired",
      done: Boolean(firstHandoff),
      at: firstHandoff?.at?.toISOString() ?? null,
      ...session(firstHandoff),
      hint: firstHandoff
        ? null
        : "Call and ask for a person (“can I talk to someone?”). The AI posts an internal comment and unassigns the conversation; if the unassign fails, check that the token may assign conversations.",
    },
  ];
}
