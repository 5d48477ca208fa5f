// Delete one of the signed-in person's own saved views.
import { ApiError } from "@/lib/api/errors";
import { savedViewIdFrom } from "@/lib/api/saved-views";
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { deleteSavedView } from "@/lib/db/queries/saved-views";

export const dynamic = "force-dynamic";

export const DELETE = route({ role: "viewer" }, async ({ user, params }) => {
  const id = savedViewIdFrom(params.id);
  if (!(await deleteSavedView(await getDb(), user.id, id))) throw new ApiError(404, "not_found", "No such saved view.");
  return { deleted: id };
});
