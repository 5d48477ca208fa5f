/** A Front Core API failure, carrying Front's `_error` body when it sent one. */
export class FrontApiError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly method: string,
    public readonly path: string,
    public readonly frontError?: { status?: number; title?: string; message?: string; details?: unknown[] },
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "FrontApiError";
  }

  /** 429 and 5xx are worth trying again; other 4xx are not. Status 0 means no answer at all. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/**
 * `instanceof FrontApiError` by name: the Front client is shared by the process, but Next.js may bundle this class
 * once per route, so the client's errors can come from another copy of it.
 */
export function isFrontApiError(error: unknown): error is FrontApiError {
  return error instanceof Error && error.name === "FrontApiError";
}
