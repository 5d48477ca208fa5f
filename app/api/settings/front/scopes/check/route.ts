// Checks again which of the scopes Frontline needs the saved Front token has, and keeps the answer.
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { checkTokenScopes } from "@/lib/front/token-scopes";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export async function POST() {
  try {
    const user = await requireAdmin();
    const { front, settings } = await getServices();
    if (!(await settings.get()).values.apiToken) throw new ApiError(409, "no_token", "Save a Front API token first.");
    const scopeCheck = await checkTokenScopes(front);
    // Only the check result changes: not an audited change (actorOf(user) names who, should that change).
    await settings.save({}, { scopeCheck }, actorOf(user));
    return Response.json({ scopeCheck }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
