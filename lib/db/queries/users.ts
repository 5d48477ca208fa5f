import { count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

// Reads only: accounts are written through better-auth (lib/auth/users.ts), which owns their shape.

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ value: count() }).from(users);
  return row?.value ?? 0;
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}
