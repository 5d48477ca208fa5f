import type { ModelPrice } from "@/lib/agent/pricing";
import type { FrontChannelsResponse, ListedFrontChannel } from "@/lib/front/pickers";
import type {
  AgentSettingsPatch,
  AgentSettingsResponse,
  DeliveryMode,
  SaveAgentSettingsResponse,
  TextBackChannel,
} from "@/lib/settings/ai-settings";

// Settings → AI's answers (and the channel picker's) are typed beside the lib functions that build them; the page
// reads them from here.
export type {
  AgentSettingsPatch,
  AgentSettingsResponse,
  DeliveryMode,
  FrontChannelsResponse,
  ListedFrontChannel,
  ModelPrice,
  SaveAgentSettingsResponse,
  TextBackChannel,
};

/** POST /api/settings/ai/check. */
export type ModelCheckResponse =
  | { ok: true; model: string; durationMs: number; text: string }
  | { ok: false; model: string; durationMs: number; message: string };
