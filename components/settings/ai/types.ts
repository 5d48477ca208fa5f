import type { ModelPrice } from "@/lib/agent/pricing";
import type { Channel } from "@/lib/front/channels";
import type { AgentLockableField, AgentSettingsPatch, DeliveryMode, TextBackChannel } from "@/lib/settings/ai-settings";

export type { AgentSettingsPatch, DeliveryMode, ModelPrice, TextBackChannel };

/** One of Front's channels as GET /api/settings/front/channels lists it. */
export interface ListedFrontChannel {
  id: string;
  name: string;
  address: string | null;
  type: string | null;
  smsCapable: boolean;
  /** An application channel (custom), Truly or Talkdesk: one that can carry calls. */
  callCapable: boolean;
  inboxId: string | null;
}

/** GET /api/settings/front/channels: Front's channels, SMS-capable first. */
export interface FrontChannelsResponse {
  channels: ListedFrontChannel[];
}

/** GET /api/settings/ai: the key only ever masked ("••••abcd"). */
export interface AgentSettingsResponse {
  values: {
    model: string;
    baseUrl: string | null;
    apiKey: string | null;
    instructions: string;
    handoffTopics: string[];
    redactionPatterns: { name: string; pattern: string }[];
    delivery: Record<Channel, DeliveryMode>;
    textBackChannel: TextBackChannel | null;
    maxSteps: number;
    timeoutSeconds: number;
    prices: Record<string, ModelPrice>;
  };
  locked: Record<AgentLockableField, boolean>;
  defaultPrices: Record<string, ModelPrice>;
}

/** POST /api/settings/ai/check. */
export type ModelCheckResponse =
  | { ok: true; model: string; durationMs: number; text: string }
  | { ok: false; model: string; durationMs: number; message: string };
