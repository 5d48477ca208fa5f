import type { ModelPrice } from "@/lib/agent/pricing";
import type {
  AgentSettingsPatch,
  AgentSettingsResponse,
  DeliveryMode,
  SaveAgentSettingsResponse,
  TextBackChannel,
} from "@/lib/settings/ai-settings";

// Settings → AI's answers are typed beside the lib functions that build them; the page reads them from here.
export type {
  AgentSettingsPatch,
  AgentSettingsResponse,
  DeliveryMode,
  ModelPrice,
  SaveAgentSettingsResponse,
  TextBackChannel,
};

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

/** POST /api/settings/ai/check. */
export type ModelCheckResponse =
  | { ok: true; model: string; durationMs: number; text: string }
  | { ok: false; model: string; durationMs: number; message: string };
