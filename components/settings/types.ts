import type { PhoneChannel } from "@/lib/front/channels";
import type { ListedTeammate, TeammatesResponse } from "@/lib/front/pickers";
import type { ScopeCheck } from "@/lib/front/token-scopes";
import type { FrontSettingsPatch } from "@/lib/settings/front-settings";
import type { SecretField } from "@/lib/settings/front-settings-fields";
import type {
  FrontSettingsResponse,
  MaskedFrontSettings,
  SaveFrontSettingsResponse,
} from "@/lib/settings/front-settings-view";
import type { ChecklistStep } from "@/lib/settings/setup-checklist";

// Settings → Front's answers (and its teammate picker's) are typed beside the lib functions that build them; the
// page reads them from here.
export type {
  ChecklistStep,
  FrontSettingsPatch,
  FrontSettingsResponse,
  ListedTeammate,
  MaskedFrontSettings,
  PhoneChannel,
  SaveFrontSettingsResponse,
  ScopeCheck,
  SecretField,
  TeammatesResponse,
};
