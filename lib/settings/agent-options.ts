// Settings → AI choices, in a module without server code so the settings page can import it.

/** How the AI's answer reaches the customer on a channel. */
export const DELIVERY_MODES = ["reply", "draft", "comment"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const DELIVERY_MODE_LABELS: Record<DeliveryMode, string> = {
  reply: "Reply to the customer",
  draft: "Shared draft for a person to send",
  comment: "Internal comment only",
};

export const MODEL_SPEC_PATTERN = /^(local|(openai|anthropic|openai-compatible):[^\s]+)$/;
