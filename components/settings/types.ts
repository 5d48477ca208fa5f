import type { PhoneChannel } from "@/lib/front/channels";
import type { ScopeCheck } from "@/lib/front/token-scopes";
import type { FrontSettingsPatch } from "@/lib/settings/front-settings";
import type { SecretField } from "@/lib/settings/front-settings-fields";
import type {
  FrontSettingsResponse,
  MaskedFrontSettings,
  SaveFrontSettingsResponse,
} from "@/lib/settings/front-settings-view";
import type { ChecklistStep } from "@/lib/settings/setup-checklist";

// Settings → Front's answers are typed beside the lib functions that build them; the page reads them from here.
export type {
  ChecklistStep,
  FrontSettingsPatch,
  FrontSettingsResponse,
  MaskedFrontSettings,
  PhoneChannel,
  SaveFrontSettingsResponse,
  ScopeCheck,
  SecretField,
};

export interface Teammate {
  id: string;
  name: string;
  email: string | null;
  type: string;
  isBot: boolean;
}

/** GET /api/settings/front/teammates. */
export interface TeammatesResponse {
  teammates: Teammate[];
}
