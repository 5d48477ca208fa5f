import { z } from "zod";
import type { ActionStoreError, ActionStoreErrorCode } from "../settings/actions-store";

/** The one error type API routes throw: a code, an HTTP status, a message a person can read. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * Whether `error` is an error of the named class. Next.js bundles each route on its own, so a class can exist once
 * per bundle: an error thrown by a shared service (made by whichever route ran first) fails `instanceof` in
 * another route. Every error class that crosses that boundary sets its `name`, and routes check it with this.
 */
export function isErrorNamed<T extends Error>(error: unknown, name: string): error is T {
  return error instanceof Error && error.name === name;
}

const ACTION_STATUS: Record<ActionStoreErrorCode, number> = {
  not_found: 404,
  duplicate_name: 409,
  not_callable: 409,
  too_many: 409,
  secret_missing: 422,
  invalid_action: 422,
  address_not_allowed: 422,
};

/**
 * What the services' own errors answer, keyed by the error's `name` (not its class, see isErrorNamed). One table
 * for every route, so an error means the same status wherever it is thrown.
 */
const ERROR_TABLE: Record<string, (error: Error) => ApiError> = {
  ActionStoreError: (error) => {
    const { code, message } = error as ActionStoreError;
    return new ApiError(ACTION_STATUS[code], code, message);
  },
  DuplicateTitleError: (error) =>
    new ApiError(409, "duplicate_title", `${error.message} Choose another title, or edit that article.`),
  SavedViewConflictError: (error) => new ApiError(409, "conflict", error.message),
  LockedSettingError: (error) => new ApiError(409, "locked", error.message),
  EvalSetConflictError: (error) => new ApiError(409, "duplicate_name", error.message),
  EvalSetFormatError: (error) =>
    new ApiError(
      422,
      "invalid_jsonl",
      `The file is not a valid test set: ${error.message.split("\n").slice(0, 10).join("; ")}`,
    ),
};

/** Turns anything thrown in a route into a JSON answer without a stack trace. */
export function errorResponse(error: unknown): Response {
  const mapped =
    error instanceof Error && Object.hasOwn(ERROR_TABLE, error.name) ? ERROR_TABLE[error.name](error) : error;
  if (mapped instanceof ApiError || isErrorNamed<ApiError>(mapped, "ApiError"))
    return Response.json({ error: { code: mapped.code, message: mapped.message } }, { status: mapped.status });
  if (mapped instanceof z.ZodError || isErrorNamed<z.ZodError>(mapped, "ZodError")) {
    const message = mapped.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
    return Response.json({ error: { code: "invalid_input", message } }, { status: 422 });
  }
  console.error("[api] unexpected error", mapped);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}
