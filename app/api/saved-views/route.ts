// The Inbox's saved views of the signed-in person: list them and save the current filters under a name. Views are
// personal, so a viewer may keep their own too.
import { errorResponse } from "@/lib/api/errors";
import { savedViewError, savedViewInputSchema } from "@/lib/api/saved-views";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { createSavedView, listSavedViews } from "@/lib/db/queries/saved-views";
import { readJsonBody } from "@/lib/knowledge/api";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const user = await requireUser();
    const views = await listSavedViews(await getDb(), user.id);
    return Response.json({ views: views.map(({ id, name, query, createdAt }) => ({ id, name, query, createdAt })) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const input = savedViewInputSchema.parse(await readJsonBody(request));
    const { id, name, query, createdAt } = await createSavedView(await getDb(), { userId: user.id, ...input });
    return Response.json({ view: { id, name, query, createdAt } }, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(savedViewError(error));
  }
}
