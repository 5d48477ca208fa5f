// Reading a customer's words: who speaks in a transcript, what they want, how they feel, a summary for the person
// taking over. Every model uses it (fallback handoffs, a reply's sentiment, voice parsing, the knowledge-gaps report);
// the offline model (lib/agent/local-model) is built on it.
export { scoreSentiment, SENTIMENT_THRESHOLDS, type SentimentLabel, type SentimentResult } from "./sentiment";
export {
  detectHumanRequest,
  detectThreat,
  findQuestion,
  type HumanRequest,
  type Threat,
  type CustomerQuestion,
} from "./intent";
export { extractCustomerWords, transcriptKind, callerName, type TranscriptKind } from "./customer-words";
export { summarize, SUMMARY_MAX_CHARS } from "./summary";
