import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appSettings } from "../schema";

export async function readSettingsDocument(db: Db, key: string): Promise<Record<string, unknown>> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
  return row?.value ?? {};
}

export async function writeSettingsDocument(db: Db, key: string, value: Record<string, unknown>): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: sql`now()` } });
}
