import type { OutcomeStatus, ReportSentiment } from "./types";

/**
 * Chart colours. Channels use the Okabe–Ito palette (distinct for the common colour-vision deficiencies) and keep
 * their colour in every chart; outcomes and sentiment use their own sets so they are never mistaken for a channel.
 * Colour is never the only signal: every segment has a name, a tooltip and a row in the data table.
 */
export const CHANNEL_COLORS: Record<string, string> = {
  voice: "#0072B2",
  email: "#E69F00",
  sms: "#009E73",
  whatsapp: "#CC79A7",
  web: "#56B4E9",
};

const FALLBACK_COLORS = ["#D55E00", "#F0E442", "#000000", "#999999"];

export function channelColor(channel: string, fallbackIndex = 0): string {
  return CHANNEL_COLORS[channel] ?? FALLBACK_COLORS[fallbackIndex % FALLBACK_COLORS.length];
}

/** Paul Tol's colour-blind safe "muted" hues, ordered light/dark so neighbours differ in lightness too. */
export const OUTCOME_COLORS: Record<OutcomeStatus | "other", string> = {
  answered: "#117733",
  resolved: "#44AA99",
  handed_off: "#DDCC77",
  failed: "#882255",
  skipped: "#BBBBBB",
  ai_answering: "#88CCEE",
  other: "#777777",
};

/** A diverging red–blue scale (ColorBrewer RdBu), readable with red–green colour blindness. */
export const SENTIMENT_COLORS: Record<ReportSentiment | "unknown", string> = {
  angry: "#B2182B",
  frustrated: "#EF8A62",
  neutral: "#BABABA",
  positive: "#2166AC",
  /** Drawn as grey stripes on white, so it never reads as "neutral". */
  unknown: "#9CA3AF",
};
