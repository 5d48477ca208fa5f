import { BACKGROUND_SESSION_LIMIT } from "./limits";

/** What the knowledge-gaps table's info button says: which sessions, which words, and the formula. */
export const KNOWLEDGE_GAPS_DEFINITION = {
  sessions:
    "Sessions the AI handed off for insufficient knowledge (no article answered the customer), counted once each: the groups add up to the “insufficient knowledge” row of the handoff rate by reason. The question is what the customer wrote or said in the message the AI handed off on (a call's agent lines left out).",
  words:
    "A question's words are its words without stop words, one per stem (“invoices” is “invoice”). Each word scores n × (ln((1 + N) ÷ (1 + d)) + 1): n = gap questions using it, d = questions using it among the N read, N = the gap questions plus the customer questions of the range's latest " +
    `${BACKGROUND_SESSION_LIMIT.toLocaleString("en-US")} other sessions. Words many gaps share and other customers rarely use score highest.`,
  groups:
    "Each question joins the group of its best-scoring word (ties: the longer word, then A–Z). A group is named by the words every question in it uses, best first, at most three; groups are sorted by sessions, then by name. Examples are the group's newest questions.",
} as const;
