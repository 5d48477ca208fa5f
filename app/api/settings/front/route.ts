// Settings → Front: read the connection (secrets masked, env-locked fields flagged) and save changes.
import { z } from "zod";
import { ApiError, errorResponse, isErrorNamed } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { deliveryHealth, recentCustomMessage, setupMilestones } from "@/lib/db/queries/deliveries";
import { getServices } from "@/lib/runtime";
import { maskSecret } from "@/lib/secrets/encryption";
import { describeMissingScopes, type ScopeCheck } from "@/lib/front/token-scopes";
import { checkFrontToken, WEBHOOK_SUBSCRIPTIONS } from "@/lib/settings/front-connection";
import { frontSettingsPatchSchema, LockedSettingError } from "@/lib/settings/front-settings";
import { setupChecklist } from "@/lib/settings/setup-checklist";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await requireAdmin();
    const { db, config, settings, agentSettings } = await getServices();
    const { values, locked } = await settings.get();
    const phoneChannelsPicked = values.phoneChannels.length > 0;
    const [health, milestones, agent, customMessage] = await Promise.all([
      deliveryHealth(db),
      setupMilestones(db),
      agentSettings.get(),
      phoneChannelsPicked ? null : recentCustomMessage(db),
    ]);
    return Response.json(
      {
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
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PUT(request: Request) {
  try {
    const user = await requireAdmin();
    const body: unknown = await request.json().catch(() => {
      throw new ApiError(400, "invalid_json", "The body is not valid JSON.");
    });
    const patch = frontSettingsPatchSchema.parse(body);
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
    return Response.json({ saved: Object.keys(patch), company: company ?? null, missingScopes: scopeCheck ? describeMissingScopes(scopeCheck) : [] });
  } catch (error) {
    if (isErrorNamed<LockedSettingError>(error, "LockedSettingError")) return errorResponse(new ApiError(409, "locked", error.message));
    if (error instanceof z.ZodError) return errorResponse(error);
    return errorResponse(error);
  }
}
