// One account (admins): change its role, or remove it (its sessions end at once).
import { z } from "zod";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { roleSchema } from "@/lib/auth/types";
import { changeRole, removeUser } from "@/lib/auth/user-admin";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ role: roleSchema }).strict();

export const PATCH = route({ role: "admin", body: bodySchema }, async ({ user, body: { role }, params }) => ({
  user: await changeRole(await getDb(), actorOf(user), params.id, role),
}));

export const DELETE = route({ role: "admin" }, async ({ user, params }) => {
  await removeUser(await getDb(), actorOf(user), params.id, { environmentAdmin: getConfig().ADMIN_EMAIL });
  return { removed: true };
});
