// Settings → Front: read the connection (secrets masked, env-locked fields flagged) and save changes.
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { deliveryHealth, recentCustomMessage, setupMilestones } from "@/lib/db/queries/deliveries";
import { getServices } from "@/lib/runtime";
import { maskSecret } from "@/lib/secrets/encryption";
import { describeMissingScopes, type ScopeCheck } from "@/lib/front/token-scopes";
import { checkFrontToken, WEBHOOK_SUBSCRIPTIONS } from "@/lib/settings/front-connection";
import { frontSettingsPatchSchema } from "@/lib/settings/front-settings";
import { setupChecklist } from "@/lib/settings/setup-checklist";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const { db, config, settings, agentSettings } = await getServices();
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
    status: health,
    checklist: setupChecklist(milestones, {
      voiceDelivery: agent.values.delivery.voice,
      textBackChannel: agent.values.textBackChannel,
      phoneChannelsPicked,
      customMessage,
    }),
  };
});

export const PUT = route({ role: "admin", body: frontSettingsPatchSchema }, async ({ user, body: patch }) => {
  const { config, settings } = await getServices();
  let company: { id: string; name?: string | null } | undefined;
  let scopeCheck: ScopeCheck | undefined;
  if (patch.apiToken) {
    const check = await checkFrontToken(config.FRONT_API_BASE_URL, patch.apiToken);
    if (!check.ok) throw new ApiError(422, check.code, check.message);
    company = check.company;
    scopeCheck = check.scopes;
  }
  await settings.save(patch, { company, scopeCheck }, actorOf(user));
  return {
    saved: Object.keys(patch),
    company: company ?? null,
    missingScopes: scopeCheck ? describeMissingScopes(scopeCheck) : [],
  };
});
