import type { Config } from "../config";
import type { Db } from "../db/client";
import { deliveryHealth, recentCustomMessage, setupMilestones } from "../db/queries/deliveries";
import { describeMissingScopes, type ScopeCheck } from "../front/token-scopes";
import { maskSecret } from "../secrets/encryption";
import type { AgentSettingsStore } from "./ai-settings";
import { WEBHOOK_SUBSCRIPTIONS } from "./front-connection";
import type { FrontSettings, FrontSettingsPatch, FrontSettingsStore, LockableField } from "./front-settings";
import type { SecretField } from "./front-settings-fields";
import { setupChecklist, type ChecklistStep } from "./setup-checklist";

/** The Front settings as the page reads them: secrets only ever masked ("••••abcd"), null when unset. */
export type MaskedFrontSettings = Omit<FrontSettings, SecretField> & Record<SecretField, string | null>;

/** The last verified and the last refused delivery from Front, for the page's live status. */
export interface DeliveryStatus {
  lastVerified: { receivedAt: string; eventType: string | null } | null;
  lastRejected: { receivedAt: string; reason: string | null; signatureResult: string } | null;
}

/** GET /api/settings/front. */
export interface FrontSettingsResponse {
  values: MaskedFrontSettings;
  locked: Record<LockableField, boolean>;
  webhookUrl: string;
  subscriptions: { event: string; why: string }[];
  status: DeliveryStatus;
  checklist: ChecklistStep[];
}

/** PUT /api/settings/front. */
export interface SaveFrontSettingsResponse {
  saved: string[];
  /** The token's company, when a token was saved. */
  company: { id: string; name?: string | null } | null;
  /** One sentence per scope the saved token lacks. */
  missingScopes: string[];
}

/** What Settings → Front reads besides its own store: the traffic, Settings → AI, and the app's address. */
export interface FrontSettingsSources {
  db: Db;
  config: Pick<Config, "APP_URL">;
  settings: FrontSettingsStore;
  agentSettings: AgentSettingsStore;
}

/** Settings → Front as the page shows it: the connection, the webhook to subscribe, its status and the checklist. */
export async function frontSettingsResponse({
  db,
  config,
  settings,
  agentSettings,
}: FrontSettingsSources): Promise<FrontSettingsResponse> {
  const { values, locked } = await settings.get();
  const phoneChannelsPicked = values.phoneChannels.length > 0;
  const [health, milestones, agent, customMessage] = await Promise.all([
    deliveryHealth(db),
    setupMilestones(db),
    agentSettings.get(),
    phoneChannelsPicked ? null : recentCustomMessage(db),
  ]);
  return {
    values: {
      ...values,
      apiToken: maskSecret(values.apiToken),
      appSecret: maskSecret(values.appSecret),
      ruleSecret: maskSecret(values.ruleSecret),
    },
    locked,
    webhookUrl: `${config.APP_URL.replace(/\/+$/, "")}/api/webhooks/front`,
    subscriptions: WEBHOOK_SUBSCRIPTIONS,
    status: deliveryStatus(health),
    checklist: setupChecklist(milestones, {
      voiceDelivery: agent.values.delivery.voice,
      textBackChannel: agent.values.textBackChannel,
      phoneChannelsPicked,
      customMessage,
    }),
  };
}

/** The dates as JSON writes them (toISOString), so the type says what the page gets. */
function deliveryStatus({ lastVerified, lastRejected }: Awaited<ReturnType<typeof deliveryHealth>>): DeliveryStatus {
  return {
    lastVerified: lastVerified && { ...lastVerified, receivedAt: lastVerified.receivedAt.toISOString() },
    lastRejected: lastRejected && { ...lastRejected, receivedAt: lastRejected.receivedAt.toISOString() },
  };
}

/** The answer to a save: which fields it named, and what was learnt about a new token. */
export function savedFrontSettingsResponse(
  patch: FrontSettingsPatch,
  checked: { company?: { id: string; name?: string | null }; scopeCheck?: ScopeCheck },
): SaveFrontSettingsResponse {
  return {
    saved: Object.keys(patch),
    company: checked.company ?? null,
    missingScopes: checked.scopeCheck ? describeMissingScopes(checked.scopeCheck) : [],
  };
}
