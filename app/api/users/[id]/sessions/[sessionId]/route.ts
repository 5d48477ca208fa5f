// Signs a user out of one browser (admins); the next request with that cookie is signed out.
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { revokeSessions } from "@/lib/auth/user-admin";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const DELETE = route({ role: "admin" }, async ({ user, params }) => ({
  ended: await revokeSessions(await getDb(), actorOf(user), params.id, params.sessionId),
}));
