import { index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** A person's own Inbox views: a name and the Inbox query string it stands for (filters only, no page size). */
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** e.g. `channel=voice&status=handed_off`; read back through the Inbox's URL contract, like any link. */
    query: text("query").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("saved_views_user_name_unique").on(t.userId, t.name),
    index("saved_views_user_idx").on(t.userId, t.createdAt),
  ],
);

export type SavedView = typeof savedViews.$inferSelect;
