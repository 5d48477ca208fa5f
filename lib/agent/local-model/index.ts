/** The offline model and the text analysis it is built on, which the rest of the app reuses. */
export { createLocalModel, OFFLINE_MODEL_ID, OFFLINE_MODEL_LABEL, OFFLINE_PROVIDER, type LocalModelOptions } from "./model";
export { scoreSentiment, SENTIMENT_THRESHOLDS, type SentimentLabel, type SentimentResult } from "./sentiment";
export { detectHumanRequest, detectThreat, findQuestion, type HumanRequest, type Threat, type CustomerQuestion } from "./intent";
export { extractCustomerWords, transcriptKind, callerName, type TranscriptKind } from "./customer-words";
export { summarize, SUMMARY_MAX_CHARS } from "./summary";
export { DEFAULT_FIT, type FitThresholds } from "./compose-answer";
