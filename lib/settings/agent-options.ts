// Settings → AI choices, in a module without server code so the settings page can import it.

import { DELIVERY_MODES, type DeliveryMode } from "../domain";

export { DELIVERY_MODES, type DeliveryMode };

export const DELIVERY_MODE_LABELS: Record<DeliveryMode, string> = {
  reply: "Reply to the customer",
  draft: "Shared draft for a person to send",
  comment: "Internal comment only",
};

/**
 * The same modes on a call (Front's voice channels take no text reply): a reply is a text back by SMS, a draft is
 * left on the SMS channel, and a comment is a note for whoever calls the customer back.
 */
export const VOICE_DELIVERY_MODE_LABELS: Record<DeliveryMode, string> = {
  reply: "Text back by SMS",
  draft: "Shared SMS draft for a person to send",
  comment: "Internal note for the callback",
};

export const MODEL_SPEC_PATTERN = /^(local|(openai|anthropic|openai-compatible):[^\s]+)$/;
