import type { Db } from "../db/client";
import { pauseSharedBudget, resizeSharedBudget, takeSharedRequest } from "../db/queries/rate-budget";
import {
  defaultBucketCapacity,
  InProcessRateLimiter,
  RateLimitPausedError,
  type AcquireOptions,
  type HeaderSource,
  type RateLimiter,
} from "./rate-limiter";

export interface SharedRateLimiterOptions {
  db: Db;
  /** Which budget: one per Front company (a hash of the token is enough; never the token itself). */
  key: string;
  requestsPerMinute: number;
  /** The longest single wait before the shared budget is asked again (another process may have paused it). */
  maxPollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Front's per-minute limit is per company, so N web processes and M workers must share one budget. This limiter
 * keeps the in-process limiter for what is local (the per-conversation burst limit and fair turns between
 * conversations), then takes each request from a token bucket kept in Postgres, which every process draws on; a
 * 429 seen by one process pauses them all.
 */
export class SharedRateLimiter implements RateLimiter {
  private readonly local: InProcessRateLimiter;
  private perMinute: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: (message: string) => void;

  constructor(private readonly options: SharedRateLimiterOptions) {
    this.perMinute = options.requestsPerMinute;
    this.local = new InProcessRateLimiter({ requestsPerMinute: options.requestsPerMinute });
    this.sleep = options.sleep ?? defaultSleep;
    this.log = options.log ?? ((message) => console.error(message));
  }

  private get shape() {
    return { perMinute: this.perMinute, capacity: defaultBucketCapacity(this.perMinute) };
  }

  async acquire(resource: string, options: AcquireOptions = {}): Promise<void> {
    await this.local.acquire(resource, options);
    const startedAt = Date.now();
    for (;;) {
      const waitMs = await takeSharedRequest(this.options.db, this.options.key, this.shape);
      if (waitMs === 0) return;
      if (options.maxPauseMs !== undefined && Date.now() - startedAt + waitMs > options.maxPauseMs) {
        throw new RateLimitPausedError(Date.now() + waitMs);
      }
      await this.sleep(Math.min(waitMs, this.options.maxPollMs ?? 1_000));
    }
  }

  pauseUntil(epochMs: number): void {
    this.local.pauseUntil(epochMs);
    pauseSharedBudget(this.options.db, this.options.key, epochMs, this.shape).catch((error) =>
      this.log(`[front] could not share a rate-limit pause: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** A burst limit is per resource and short: kept in this process, not shared. */
  pauseResource(resource: string, epochMs: number): void {
    this.local.pauseResource(resource, epochMs);
  }

  observe(headers: HeaderSource): void {
    this.local.observe(headers);
    const limit = Number(headers.get("x-ratelimit-limit"));
    if (Number.isFinite(limit) && limit >= 1 && limit !== this.perMinute) {
      this.perMinute = limit;
      resizeSharedBudget(this.options.db, this.options.key, this.shape).catch((error) =>
        this.log(
          `[front] could not resize the shared rate budget: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  }
}
