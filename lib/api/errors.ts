import { z } from "zod";

/** The one error type API routes throw: a code, an HTTP status, a message a person can read. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
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

/** Turns anything thrown in a route into a JSON answer without a stack trace. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  if (error instanceof z.ZodError || isErrorNamed<z.ZodError>(error, "ZodError")) {
    const message = error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
    return Response.json({ error: { code: "invalid_input", message } }, { status: 422 });
  }
  console.error("[api] unexpected error", error);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}
