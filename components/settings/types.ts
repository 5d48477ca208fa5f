import type { Channel, PhoneChannel } from "@/lib/front/channels";
import type { ScopeCheck } from "@/lib/front/token-scopes";
import type { ChecklistStep } from "@/lib/settings/setup-checklist";

export type { ChecklistStep, PhoneChannel, ScopeCheck };

/** Secrets: sent in full when saved, only ever read back masked ("••••abcd"). */
export type SecretField = "apiToken" | "appSecret" | "ruleSecret";

/** Settings an environment variable can fix; the page shows them locked. */
export type LockableField = SecretField | "aiTeammateId" | "handleUnassigned";

export interface FrontSettingsValues {
  apiToken: string | null;
  appSecret: string | null;
  ruleSecret: string | null;
  aiTeammateId?: string | null;
  handleUnassigned: boolean;
  enabled: boolean;
  channels: Record<Channel, boolean>;
  archiveOnReply: boolean;
  /** The channels whose `custom` messages are calls. */
  phoneChannels: PhoneChannel[];
  company?: { id: string; name?: string | null };
  /** Which scopes Frontline needs the token had when it was last checked. */
  scopeCheck?: ScopeCheck;
}

export interface DeliveryStatus {
  lastVerified: { receivedAt: string; eventType: string | null } | null;
  lastRejected: { receivedAt: string; reason: string | null; signatureResult: string } | null;
}

/** GET /api/settings/front. */
export interface FrontSettingsResponse {
  values: FrontSettingsValues;
  locked: Record<LockableField, boolean>;
  webhookUrl: string;
  subscriptions: { event: string; why: string }[];
  status: DeliveryStatus;
  checklist: ChecklistStep[];
}

/** The body of PUT /api/settings/front: any subset. */
export interface FrontSettingsPatch {
  apiToken?: string;
  appSecret?: string;
  ruleSecret?: string;
  aiTeammateId?: string;
  handleUnassigned?: boolean;
  enabled?: boolean;
  channels?: Partial<Record<Channel, boolean>>;
  archiveOnReply?: boolean;
  /** The whole list of phone channels. */
  phoneChannels?: PhoneChannel[];
}

export interface SaveFrontSettingsResponse {
  saved: string[];
  /** The token's company, when a token was saved. */
  company: { id: string; name?: string | null } | null;
  /** One sentence per scope the saved token lacks. */
  missingScopes: string[];
}

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
