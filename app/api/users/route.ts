// Settings → Users (admins): every account with its open sign-ins, and adding one (the same rules as
// `npm run user:create`: an email, a password of 10 to 128 characters, a role).
import { ApiError, errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { getAuth } from "@/lib/auth/server";
import { listUsers, type UsersResponse } from "@/lib/auth/user-admin";
import { createUserAccount, newUserSchema } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/knowledge/api";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await requireAdmin();
    const body: UsersResponse = { users: await listUsers(await getDb()) };
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const admin = await requireAdmin();
    const input = newUserSchema.strict().parse(await readJsonBody(request));
    const db = await getDb();
    const result = await createUserAccount(await getAuth(), input, { db, actor: actorOf(admin) });
    if (result.status === "exists") throw new ApiError(409, "exists", `${result.user.email} already has an account.`);
    const user = (await listUsers(db)).find((row) => row.id === result.user.id);
    return Response.json({ user }, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
