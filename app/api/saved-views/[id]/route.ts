// Delete one of the signed-in person's own saved views.
import { ApiError, errorResponse } from "@/lib/api/errors";
import { savedViewIdFrom } from "@/lib/api/saved-views";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { deleteSavedView } from "@/lib/db/queries/saved-views";

export const dynamic = "force-dynamic";

export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireUser();
    const id = savedViewIdFrom((await params).id);
    if (!(await deleteSavedView(await getDb(), user.id, id))) throw new ApiError(404, "not_found", "No such saved view.");
    return Response.json({ deleted: id }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
