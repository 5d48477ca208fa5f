// A user's open sign-ins (admins): list them, or sign the user out everywhere.
import { errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { currentSessionId, requireAdmin } from "@/lib/auth/guard";
import { revokeSessions, userSessions } from "@/lib/auth/user-admin";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Params) {
  try {
    await requireAdmin();
    const body = await userSessions(await getDb(), (await params).id, await currentSessionId());
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, { params }: Params) {
  try {
    const admin = await requireAdmin();
    const ended = await revokeSessions(await getDb(), actorOf(admin), (await params).id);
    return Response.json({ ended }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
