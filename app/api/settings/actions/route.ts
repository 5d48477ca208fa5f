// Settings → Actions: list the team's custom HTTP actions (secret headers masked) and add one.
import { z } from "zod";
import { allowListFromEnv } from "@/lib/actions/network-guard";
import type { ActionResponse, ActionsResponse } from "@/lib/actions/types";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async (): Promise<ActionsResponse> => {
  const { actions } = await getServices();
  return { actions: await actions.listForAdmin(), allowedHosts: allowListFromEnv().entries };
});

// The store checks the definition itself (its refusals carry the action's own codes).
export const POST = route({ role: "admin", body: z.unknown() }, async ({ user, body: input }) => {
  const { actions } = await getServices();
  const body: ActionResponse = { action: await actions.create(input, actorOf(user)) };
  return Response.json(body, { status: 201 });
});
