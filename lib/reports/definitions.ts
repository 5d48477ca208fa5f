import type { OutcomeStatus } from "./types";

/** How each number on the Reports page is computed, in the words its info buttons show. */

export const POPULATION =
  "Every report counts the same sessions: those whose first message Frontline saw between 00:00 UTC on the first day and 24:00 UTC on the last day of the range, of the chosen channel, sample sessions included.";

export const DEFINITIONS = {
  totalSessions: "Sessions started in the range: one per Front conversation, counted on the UTC day Frontline saw its first message.",
  volume:
    "Sessions started each day, stacked by channel. A session is one Front conversation, counted once, on the UTC day (00:00–24:00 UTC, not your local time) Frontline saw its first message.",
  outcomes:
    "Each session counts once, under its current status. Rate = sessions with that outcome ÷ sessions that reached an outcome (answered + resolved + handed off + failed). Skipped sessions (the AI did not take part) and sessions in progress are counted but left out of the rates.",
  answeredRate: "Sessions whose status is Answered (the AI's reply reached Front and the conversation is open) ÷ sessions that reached an outcome (answered + resolved + handed off + failed).",
  handedOffRate: "Sessions whose status is Handed off (the AI passed the conversation to a person) ÷ sessions that reached an outcome (answered + resolved + handed off + failed).",
  reasons:
    "Sessions the AI handed off, by the reason of their latest handoff (a session handed off twice counts once). Share = sessions with that reason ÷ all sessions with a handoff reason in the range.",
  sentiment:
    "The customer's mood as the AI last judged it, one per session. Shares are of the sessions with a sentiment; “Not judged” are sessions no AI run finished for (skipped or in progress).",
  responseTimes:
    "For each AI run on these sessions: seconds from the moment Front's webhook reached Frontline to the moment Front accepted the AI's reply or handoff. Median: half the runs were at least this fast. 90th percentile: 9 runs in 10 were at least this fast. Both interpolate between the closest runs (Postgres percentile_cont); runs never delivered to Front are left out.",
  medianWait: "Median seconds from Front's webhook reaching Frontline to the AI's reply or handoff reaching Front, over every delivered AI run on sessions started in the range.",
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
