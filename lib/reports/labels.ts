import { CHANNEL_LABELS, CHANNELS, type Channel } from "../front/channels";
import { handoffReasonLabel } from "../pipeline/handoff-comment";
import type { OutcomeStatus, ReportSentiment } from "./types";

/** What the reports call each channel: voice is "Phone" everywhere; "all" is the row over every channel. */
export function channelLabel(channel: string): string {
  if (channel === "all") return "All channels";
  return (CHANNEL_LABELS as Record<string, string>)[channel] ?? channel;
}

export function isKnownChannel(channel: string): channel is Channel {
  return (CHANNELS as readonly string[]).includes(channel);
}

export const OUTCOME_LABELS: Record<OutcomeStatus | "other", string> = {
  answered: "Answered by the AI",
  resolved: "Resolved",
  handed_off: "Handed off",
  failed: "Failed",
  skipped: "Skipped",
  ai_answering: "In progress",
  other: "Other",
};

/** Short column names for the tables, where "by the AI" is implied. */
export const OUTCOME_SHORT_LABELS: Record<OutcomeStatus | "other", string> = {
  answered: "Answered",
  resolved: "Resolved",
  handed_off: "Handed off",
  failed: "Failed",
  skipped: "Skipped",
  ai_answering: "In progress",
  other: "Other",
};

export const SENTIMENT_LABELS: Record<ReportSentiment | "unknown", string> = {
  angry: "Angry",
  frustrated: "Frustrated",
  neutral: "Neutral",
  positive: "Positive",
  unknown: "Not judged",
};

/** A handoff reason in words, as the Inbox and Front's handoff comment say it. */
export function reasonLabel(reason: string): string {
  return handoffReasonLabel(reason);
}
