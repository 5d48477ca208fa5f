import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { savedViewInputSchema } from "@/lib/api/saved-views";
import type { Database } from "@/lib/db/client";
import {
  createSavedView,
  deleteSavedView,
  listSavedViews,
  MAX_SAVED_VIEWS,
  SavedViewConflictError,
} from "@/lib/db/queries/saved-views";
import { users } from "@/lib/db/schema";
import { createTestDatabase, dbKinds } from "../helpers/db";

describe("saved view input", () => {
  it("keeps the Inbox's filters in their canonical form, without the page size", () => {
    expect(
      savedViewInputSchema.parse({
        name: "  Angry calls ",
        query: "limit=20&sentiment=angry&channel=voice&channel=sms",
      }),
    ).toEqual({
      name: "Angry calls",
      query: "channel=voice%2Csms&sentiment=angry",
    });
  });

  it("refuses filters the Inbox cannot read, no filters at all, and an empty or long name", () => {
    expect(savedViewInputSchema.safeParse({ name: "x", query: "channel=fax" }).error?.issues[0].message).toMatch(
      /unknown value "fax"/,
    );
    expect(savedViewInputSchema.safeParse({ name: "x", query: "limit=20" }).error?.issues[0].message).toMatch(
      /at least one filter/,
    );
    expect(savedViewInputSchema.safeParse({ name: " ", query: "status=failed" }).success).toBe(false);
    expect(savedViewInputSchema.safeParse({ name: "x".repeat(61), query: "status=failed" }).success).toBe(false);
    expect(savedViewInputSchema.safeParse({ name: "x", query: "status=failed", extra: 1 }).success).toBe(false);
  });
});

describe.each(dbKinds())("saved views on %s", (kind) => {
  let database: Database;
  const lead = "user_lead";
  const other = "user_other";

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    await database.db.insert(users).values([
      { id: lead, name: "Lead", email: "lead@example.test", role: "admin" },
      { id: other, name: "Other", email: "other@example.test", role: "viewer" },
    ]);
  });
  afterEach(async () => {
    await database.close();
  });

  it("keeps each person's views to themselves, in the order they were saved", async () => {
    const { db } = database;
    await createSavedView(db, { userId: lead, name: "Failed", query: "status=failed" });
    await createSavedView(db, { userId: lead, name: "Angry phone", query: "channel=voice&sentiment=angry" });
    await createSavedView(db, { userId: other, name: "Failed", query: "status=failed&channel=email" });
    expect((await listSavedViews(db, lead)).map((view) => [view.name, view.query])).toEqual([
      ["Failed", "status=failed"],
      ["Angry phone", "channel=voice&sentiment=angry"],
    ]);
    expect((await listSavedViews(db, other)).map((view) => view.query)).toEqual(["status=failed&channel=email"]);
  });

  it("refuses a name the person already uses, and more than the limit", async () => {
    const { db } = database;
    await createSavedView(db, { userId: lead, name: "Failed", query: "status=failed" });
    await expect(createSavedView(db, { userId: lead, name: "Failed", query: "status=skipped" })).rejects.toThrow(
      SavedViewConflictError,
    );
    for (let index = 1; index < MAX_SAVED_VIEWS; index += 1)
      await createSavedView(db, { userId: lead, name: `View ${index}`, query: "status=failed" });
    await expect(createSavedView(db, { userId: lead, name: "One more", query: "status=failed" })).rejects.toThrow(
      /50 saved views/,
    );
  });

  it("deletes only the person's own view, and a person's views go with them", async () => {
    const { db } = database;
    const mine = await createSavedView(db, { userId: lead, name: "Failed", query: "status=failed" });
    expect(await deleteSavedView(db, other, mine.id)).toBe(false);
    expect(await listSavedViews(db, lead)).toHaveLength(1);
    expect(await deleteSavedView(db, lead, mine.id)).toBe(true);
    expect(await listSavedViews(db, lead)).toHaveLength(0);

    await createSavedView(db, { userId: other, name: "Mine", query: "status=failed" });
    await db.delete(users).where(eq(users.id, other));
    expect(await listSavedViews(db, other)).toHaveLength(0);
  });
});
