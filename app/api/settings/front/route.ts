// Settings → Front: read the connection (secrets masked, env-locked fields flagged) and save changes.
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { getServices } from "@/lib/runtime";
import type { ScopeCheck } from "@/lib/front/token-scopes";
import { checkFrontToken } from "@/lib/settings/front-connection";
import { frontSettingsPatchSchema } from "@/lib/settings/front-settings";
import { frontSettingsResponse, savedFrontSettingsResponse } from "@/lib/settings/front-settings-view";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => frontSettingsResponse(await getServices()));

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
  return savedFrontSettingsResponse(patch, { company, scopeCheck });
});
