import type { OutcomeStatus } from "./types";

/** How each number on the Reports page is computed, in the words its info buttons show. */

export const POPULATION =
  "Every report counts the same sessions: those whose first message Frontline saw between 00:00 UTC on the first day and 24:00 UTC on the last day of the range, of the chosen channel, sample sessions included.";

export const DEFINITIONS = {
  totalSessions:
    "Sessions started in the range: one per Front conversation, counted on the UTC day Frontline saw its first message.",
  volume:
    "Sessions started each day, stacked by channel. A session is one Front conversation, counted once, on the UTC day (00:00–24:00 UTC, not your local time) Frontline saw its first message.",
  outcomes:
    "Each session counts once, under its current status: where the conversation is now, after whatever people did (a handoff a teammate later archived is Resolved here). How the AI did is measured by the AI's outcome above, not by this. Rate = sessions with that outcome ÷ sessions that reached an outcome (answered + resolved + handed off + failed). Skipped sessions (the AI did not take part) and sessions in progress are counted but left out of the rates.",
  reasons:
    "Sessions whose AI outcome is a handoff, by that handoff's reason: the same sessions as the handoff rate. Share = sessions with that reason ÷ all sessions the AI handed off in the range.",
  sentiment:
    "The customer's mood as the AI last judged it, one per session. Shares are of the sessions with a sentiment; “Not judged” are sessions no AI run finished for (skipped or in progress).",
  responseTimes:
    "For each AI run on these sessions: seconds from the moment Front's webhook reached Frontline to the moment Front accepted the AI's reply or handoff. Median: half the runs were at least this fast. 90th percentile: 9 runs in 10 were at least this fast. Both interpolate between the closest runs (Postgres percentile_cont); runs never delivered to Front are left out.",
} as const;

export const OUTCOME_DEFINITIONS: Record<OutcomeStatus | "other", string> = {
  answered: "The AI's reply reached the customer and the conversation is still open.",
  resolved: "The conversation is closed: archived by the AI after its reply, or archived or deleted in Front.",
  handed_off: "The AI passed the conversation to a person: an internal comment and an unassign in Front.",
  failed: "Processing failed after every retry, or Front refused the AI's reply.",
  skipped: "Frontline left the conversation alone (channel switched off, assigned to a person…). Not in the rates.",
  ai_answering: "The AI is still working on it. Not in the rates.",
  other: "A status this version of the reports does not know. Not in the rates.",
};
