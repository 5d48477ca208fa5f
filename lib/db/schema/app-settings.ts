import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Settings edited in the app, one JSON document per area (e.g. "front"); secrets inside are encrypted. */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
