// One account (admins): change its role, or remove it (its sessions end at once).
import { z } from "zod";
import { errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { roleSchema } from "@/lib/auth/types";
import { changeRole, removeUser } from "@/lib/auth/user-admin";
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/knowledge/api";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const bodySchema = z.object({ role: roleSchema }).strict();

export async function PATCH(request: Request, { params }: Params) {
  try {
    const admin = await requireAdmin();
    const { role } = bodySchema.parse(await readJsonBody(request));
    const user = await changeRole(await getDb(), actorOf(admin), (await params).id, role);
    return Response.json({ user }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, { params }: Params) {
  try {
    const admin = await requireAdmin();
    await removeUser(await getDb(), actorOf(admin), (await params).id);
    return Response.json({ removed: true }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
