// Signs a user out of one browser (admins); the next request with that cookie is signed out.
import { errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { revokeSessions } from "@/lib/auth/user-admin";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; sessionId: string }> };

export async function DELETE(_request: Request, { params }: Params) {
  try {
    const admin = await requireAdmin();
    const { id, sessionId } = await params;
    const ended = await revokeSessions(await getDb(), actorOf(admin), id, sessionId);
    return Response.json({ ended }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
