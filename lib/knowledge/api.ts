import { z } from "zod";
import { ApiError } from "../api/errors";

/** An article id from the URL; anything that is not a UUID cannot name an article. */
export function articleIdFrom(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new ApiError(404, "not_found", "No such article.");
  return id;
}
