import { z } from "zod";
import type { SavedView } from "../db/schema";
import { parseSessionFilters, sessionFilterParams } from "../inbox/session-filters";
import { ApiError } from "./errors";

export const MAX_VIEW_NAME_LENGTH = 60;

/**
 * POST /api/saved-views: a name and the Inbox's query string. The query is read through the Inbox's URL contract
 * and stored in its canonical form, filters only (no page size); one the Inbox could not read is refused.
 */
export const savedViewInputSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, "Give the view a name.")
      .max(MAX_VIEW_NAME_LENGTH, `Keep the name to ${MAX_VIEW_NAME_LENGTH} characters.`),
    query: z.string().max(1_000, "The filters are too long to save."),
  })
  .transform((input, context) => {
    const { filters, issues } = parseSessionFilters(new URLSearchParams(input.query));
    for (const issue of issues) context.addIssue({ code: "custom", path: ["query"], message: issue });
    const query = sessionFilterParams(filters).toString();
    if (!query)
      context.addIssue({ code: "custom", path: ["query"], message: "Set at least one filter or view to save." });
    return { name: input.name, query };
  });

/** A saved view's id from the URL; anything that is not a UUID names no view. */
export function savedViewIdFrom(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new ApiError(404, "not_found", "No such saved view.");
  return id;
}

/** One of the signed-in person's saved views, as /api/saved-views answers it. */
export interface SavedViewJson {
  id: string;
  name: string;
  /** The Inbox's canonical filter query, e.g. `channel=voice&status=handed_off`. */
  query: string;
  createdAt: string;
}

export function savedViewJson({ id, name, query, createdAt }: SavedView): SavedViewJson {
  return { id, name, query, createdAt: createdAt.toISOString() };
}
