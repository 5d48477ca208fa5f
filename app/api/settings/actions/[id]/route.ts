// One custom action: change it (only the fields sent; a secret header sent without a value keeps its saved one) or delete it.
import { z } from "zod";
import type { ActionResponse } from "@/lib/actions/types";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

// The store checks the patch itself (its refusals carry the action's own codes).
export const PUT = route(
  { role: "admin", body: z.unknown() },
  async ({ user, body: patch, params: { id } }): Promise<ActionResponse> => {
    const { actions } = await getServices();
    return { action: await actions.update(id, patch, actorOf(user)) };
  },
);

export const DELETE = route({ role: "admin" }, async ({ user, params: { id } }) => {
  const { actions } = await getServices();
  await actions.delete(id, actorOf(user));
  return { deleted: id };
});
