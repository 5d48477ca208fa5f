import type { FrontClient } from "../front/client";
import { isFrontApiError } from "../front/errors";
import { getServices } from "../runtime";
import { ApiError } from "./errors";

/**
 * A read from Front for a Settings picker (teammates, channels): 409 while no token is saved (with `noToken` saying
 * where to save one), 502 with Front's own words when Front refuses.
 */
export async function readFromFront<T>(noToken: string, read: (front: FrontClient) => Promise<T>): Promise<T> {
  const { front, settings } = await getServices();
  if (!(await settings.get()).values.apiToken) throw new ApiError(409, "no_token", noToken);
  return read(front).catch((error: unknown) => {
    if (isFrontApiError(error)) throw new ApiError(502, "front_error", error.message);
    throw error;
  });
}
