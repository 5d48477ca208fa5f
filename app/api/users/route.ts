// Settings → Users (admins): every account with its open sign-ins, and adding one (the same rules as
// `npm run user:create`: an email, a password of 10 to 128 characters, a role).
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { getAuth } from "@/lib/auth/server";
import { listUsers, type UsersResponse } from "@/lib/auth/user-admin";
import { createUserAccount, newUserSchema } from "@/lib/auth/users";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async (): Promise<UsersResponse> => ({
  users: await listUsers(await getDb()),
}));

export const POST = route({ role: "admin", body: newUserSchema.strict() }, async ({ user: admin, body }) => {
  const db = await getDb();
  const result = await createUserAccount(await getAuth(), body, { db, actor: actorOf(admin) });
  if (result.status === "exists") throw new ApiError(409, "exists", `${result.user.email} already has an account.`);
  const user = (await listUsers(db)).find((row) => row.id === result.user.id);
  return Response.json({ user }, { status: 201 });
});
