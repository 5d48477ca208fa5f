// Settings → Actions: list the team's custom HTTP actions (secret headers masked) and add one.
import { actionApiError, readJsonBody } from "@/lib/actions/api-errors";
import { allowListFromEnv } from "@/lib/actions/network-guard";
import type { ActionResponse, ActionsResponse } from "@/lib/actions/types";
import { errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await requireAdmin();
    const { actions } = await getServices();
    const body: ActionsResponse = { actions: await actions.listForAdmin(), allowedHosts: allowListFromEnv().entries };
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(actionApiError(error));
  }
}

export async function POST(request: Request) {
  try {
    const user = await requireAdmin();
    const input = await readJsonBody(request);
    const { actions } = await getServices();
    const body: ActionResponse = { action: await actions.create(input, actorOf(user)) };
    return Response.json(body, { status: 201 });
  } catch (error) {
    return errorResponse(actionApiError(error));
  }
}
