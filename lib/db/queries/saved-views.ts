import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { savedViews, type SavedView } from "../schema";

/** How many views one person may keep: plenty for a lead, and a bound on what one account can store. */
export const MAX_SAVED_VIEWS = 50;

export class SavedViewConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SavedViewConflictError";
  }
}

/** A person's saved views, oldest first (the order they appear beside the presets). */
export async function listSavedViews(db: Db, userId: string): Promise<SavedView[]> {
  return db
    .select()
    .from(savedViews)
    .where(eq(savedViews.userId, userId))
    .orderBy(asc(savedViews.createdAt), asc(savedViews.id));
}

/** Saves `query` (the Inbox's canonical filters) under `name`; a name the person already uses is refused. */
export async function createSavedView(
  db: Db,
  input: { userId: string; name: string; query: string },
): Promise<SavedView> {
  return db.transaction(async (tx) => {
    const [{ total }] = await tx.select({ total: count() }).from(savedViews).where(eq(savedViews.userId, input.userId));
    if (total >= MAX_SAVED_VIEWS)
      throw new SavedViewConflictError(`You already have ${MAX_SAVED_VIEWS} saved views; delete one first.`);
    const [created] = await tx.insert(savedViews).values(input).onConflictDoNothing().returning();
    if (!created)
      throw new SavedViewConflictError(`You already have a view named “${input.name}”; choose another name.`);
    return created;
  });
}

/** Deletes one of the person's own views; false when they have none with this id. */
export async function deleteSavedView(db: Db, userId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
    .returning({ id: savedViews.id });
  return deleted.length > 0;
}
