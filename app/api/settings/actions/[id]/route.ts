// One custom action: change it (only the fields sent; a secret header sent without a value keeps its saved one) or delete it.
import { actionApiError, readJsonBody } from "@/lib/actions/api-errors";
import type { ActionResponse } from "@/lib/actions/types";
import { errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function PUT(request: Request, { params }: Params) {
  try {
    const user = await requireAdmin();
    const { id } = await params;
    const patch = await readJsonBody(request);
    const { actions } = await getServices();
    const body: ActionResponse = { action: await actions.update(id, patch, actorOf(user)) };
    return Response.json(body);
  } catch (error) {
    return errorResponse(actionApiError(error));
  }
}

export async function DELETE(_request: Request, { params }: Params) {
  try {
    const user = await requireAdmin();
    const { id } = await params;
    const { actions } = await getServices();
    await actions.delete(id, actorOf(user));
    return Response.json({ deleted: id });
  } catch (error) {
    return errorResponse(actionApiError(error));
  }
}
