import { z } from "zod";
import { ApiError } from "../api/errors";
import { DuplicateTitleError } from "./errors";

/** The request's JSON body, or ApiError 400. */
export async function readJsonBody(request: Request): Promise<unknown> {
  return request.json().catch(() => {
    throw new ApiError(400, "invalid_json", "The body is not valid JSON.");
  });
}

/** An article id from the URL; anything that is not a UUID cannot name an article. */
export function articleIdFrom(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new ApiError(404, "not_found", "No such article.");
  return id;
}

/** A taken title is the admin's to fix: 409 with the title named. */
export function knowledgeError(error: unknown): unknown {
  if (error instanceof DuplicateTitleError) return new ApiError(409, "duplicate_title", `${error.message} Choose another title, or edit that article.`);
  return error;
}
