// Checks again which of the scopes Frontline needs the saved Front token has, and keeps the answer.
import { actorOf } from "@/lib/audit";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { checkTokenScopes } from "@/lib/front/token-scopes";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export const POST = route({ role: "admin" }, async ({ user }) => {
  const { front, settings } = await getServices();
  if (!(await settings.get()).values.apiToken) throw new ApiError(409, "no_token", "Save a Front API token first.");
  const scopeCheck = await checkTokenScopes(front);
  // Only the check result changes: not an audited change (actorOf(user) names who, should that change).
  await settings.save({}, { scopeCheck }, actorOf(user));
  return { scopeCheck };
});
