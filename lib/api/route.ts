import type { z } from "zod";
import { requireAdmin, requireUser, type AuthUser } from "../auth/guard";
import { ApiError, errorResponse } from "./errors";

/** Who may call a route: anyone signed in, admins only, or anyone at all (only the routes exempt today). */
export type RouteRole = "viewer" | "admin" | "none";

export interface RouteContext<R extends RouteRole, B, Q> {
  request: Request;
  user: R extends "none" ? null : AuthUser;
  /** The JSON body as the `body` schema reads it (undefined without one). */
  body: B;
  /** The query string as the `query` schema reads it (undefined without one). */
  query: Q;
  /** The URL's dynamic segments, e.g. { id } for /api/knowledge/[id]. */
  params: Record<string, string>;
}

export interface RouteOptions<R extends RouteRole, B, Q> {
  role: R;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
}

/** What Next.js passes a route handler besides the request: the dynamic segments, as a promise since Next 15. */
type NextContext = { params: Promise<Record<string, string>> };

/**
 * One way to write an API route: sign in (401 / 403), read and check the body and the query string (400 / 422), run
 * the handler, and answer `cache-control: no-store` (API answers are per person and change). Whatever the handler
 * throws becomes the JSON error errorResponse makes. The handler returns a Response, or a value to send as JSON.
 */
export function route<R extends RouteRole, B = undefined, Q = undefined>(
  options: RouteOptions<R, B, Q>,
  handler: (context: RouteContext<R, B, Q>) => Promise<unknown>,
) {
  return async (request: Request, next?: NextContext): Promise<Response> => {
    let response: Response;
    try {
      const user =
        options.role === "admin" ? await requireAdmin() : options.role === "viewer" ? await requireUser() : null;
      const body = options.body ? options.body.parse(await readJsonBody(request)) : (undefined as B);
      const query = options.query ? options.query.parse(queryObject(request)) : (undefined as Q);
      const params = (await next?.params) ?? {};
      const result = await handler({ request, user: user as RouteContext<R, B, Q>["user"], body, query, params });
      response = result instanceof Response ? result : Response.json(result);
    } catch (error) {
      response = errorResponse(error);
    }
    if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
    return response;
  };
}

/** The request body as JSON, or a 400 that says so. */
async function readJsonBody(request: Request): Promise<unknown> {
  return request.json().catch(() => {
    throw new ApiError(400, "invalid_json", "The body is not valid JSON.");
  });
}

/** The query string for a schema: an empty value is no value (a form sends empty fields), and a repeated name's first value wins (as searchParams.get). */
function queryObject(request: Request): Record<string, string> {
  const given = [...new URL(request.url).searchParams].filter(([, value]) => value !== "");
  return Object.fromEntries(given.reverse());
}
