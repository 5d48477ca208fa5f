// Settings → Audit: every admin change, newest first, filtered by action, actor and time (admins only; viewers 403).
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import type { AuditEntryView, AuditResponse } from "@/lib/audit/actions";
import { listAuditEntries } from "@/lib/db/queries/audit";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An instant, or a day (YYYY-MM-DD, UTC): `from` a day is its start, `to` a day is its end (the day included). */
function instant(edge: "from" | "to") {
  return z
    .string()
    .trim()
    .refine((text) => !Number.isNaN(Date.parse(text)), "must be a date (YYYY-MM-DD) or a date and time")
    .transform((text) => {
      const date = new Date(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
      if (edge === "to" && DATE_ONLY.test(text)) date.setUTCDate(date.getUTCDate() + 1);
      return date;
    })
    .optional();
}

const querySchema = z.object({
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z_.]*$/, "must be an action such as settings or actions.update")
    .optional(),
  actor: z.string().trim().max(200).optional(),
  from: instant("from"),
  to: instant("to"),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = route({ role: "admin", query: querySchema }, async ({ query }): Promise<AuditResponse> => {
  if (query.from && query.to && query.from >= query.to)
    throw new ApiError(422, "invalid_input", "from: must be before to");
  const { db } = await getServices();
  const page = await listAuditEntries(db, query);
  const entries: AuditEntryView[] = page.entries.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actorId, email: row.actorEmail, name: row.actorName },
    action: row.action,
    target: row.target,
    before: row.before,
    after: row.after,
  }));
  return { entries, nextCursor: page.nextCursor };
});
