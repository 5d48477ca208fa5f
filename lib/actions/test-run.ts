import { ApiError } from "../api/errors";
import { buildRequest, callHttpAction, HttpActionError, type ActionCallOptions, type HttpAction } from "./http-action";
import type { ActionTestResponse } from "./types";

/**
 * One real call of an action for the settings page's "Test". A failed call is a result to show, not an API error;
 * arguments that cannot fill the URL are the admin's to fix (422).
 */
export async function testHttpAction(
  action: HttpAction,
  args: Record<string, unknown>,
  options: ActionCallOptions = {},
): Promise<ActionTestResponse> {
  let url: string;
  try {
    url = buildRequest(action, args).url;
  } catch (error) {
    throw new ApiError(
      422,
      "invalid_arguments",
      `arguments: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const startedAt = performance.now();
  const duration = () => Math.round(performance.now() - startedAt);
  try {
    const result = await callHttpAction(action, args, options);
    return {
      ok: true,
      status: result.status,
      body: result.body,
      error: null,
      errorKind: null,
      durationMs: duration(),
      url,
    };
  } catch (error) {
    if (!(error instanceof HttpActionError) || error.kind === "arguments") throw error;
    return {
      ok: false,
      status: error.status,
      body: error.body,
      error: error.message,
      errorKind: error.kind,
      durationMs: duration(),
      url,
    };
  }
}
