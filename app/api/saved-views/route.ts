// The Inbox's saved views of the signed-in person: list them and save the current filters under a name. Views are
// personal, so a viewer may keep their own too.
import { savedViewInputSchema, savedViewJson } from "@/lib/api/saved-views";
import { route } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { createSavedView, listSavedViews } from "@/lib/db/queries/saved-views";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async ({ user }) => {
  const views = await listSavedViews(await getDb(), user.id);
  return { views: views.map(savedViewJson) };
});

export const POST = route({ role: "viewer", body: savedViewInputSchema }, async ({ user, body: input }) => {
  const view = savedViewJson(await createSavedView(await getDb(), { userId: user.id, ...input }));
  return Response.json({ view }, { status: 201 });
});
