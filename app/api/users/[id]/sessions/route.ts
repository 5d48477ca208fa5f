// A user's open sign-ins (admins): list them, or sign the user out everywhere.
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { currentSessionId } from "@/lib/auth/guard";
import { revokeSessions, userSessions } from "@/lib/auth/user-admin";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async ({ params }) =>
  userSessions(await getDb(), params.id, await currentSessionId()),
);

export const DELETE = route({ role: "admin" }, async ({ user, params }) => ({
  ended: await revokeSessions(await getDb(), actorOf(user), params.id),
}));
