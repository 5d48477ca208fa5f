// Client-side rate limiting for Front's Core API (README §5): per company 50/100/200 requests a minute by plan,
// plus a burst limit of about 5 requests a second per resource (a conversation). Front answers 429 with
// `retry-after` once either is exceeded; the limiter keeps us under both so that rarely happens, and when it
// does, pauses every caller, because the per-minute limit is shared by the whole company.

/** Anything with `get(name)`, like the `Headers` of a fetch `Response`. */
export interface HeaderSource {
  get(name: string): string | null;
}

export interface AcquireOptions {
  /**
   * Reject with `RateLimitPausedError` instead of waiting when a company-wide pause ends more than this many ms
   * from now (checked on acquire and whenever a pause is announced). Waits for budget are never rejected.
   */
  maxPauseMs?: number;
}

/**
 * What the Front client needs from a rate limiter. `InProcessRateLimiter` below shares the budget among the
 * callers of one process. Issue 6 (several workers and the web app sharing one company budget) plugs in here:
 * a Postgres-backed class implementing this same interface (the bucket, per-resource windows and the pause kept
 * in rows, claimed with `UPDATE … RETURNING`), handed to `new FrontClient({ rateLimiter })` in lib/runtime.ts.
 * The client does not change.
 */
export interface RateLimiter {
  /** Resolves when one request on `resource` may be sent now. Served round-robin across resources. */
  acquire(resource: string, options?: AcquireOptions): Promise<void>;
  /** No request from anyone before `epochMs` (a 429's `retry-after`). Never shortens a pause already set. */
  pauseUntil(epochMs: number): void;
  /**
   * No request on one resource before `epochMs`: a burst-limit 429 (about 5 requests a second per resource) holds
   * back that conversation only, not the company. Limiters without it pause everyone instead.
   */
  pauseResource?(resource: string, epochMs: number): void;
  /** Learns from the `x-ratelimit-*` headers of an answer. */
  observe(headers: HeaderSource): void;
}

/** `acquire` would have waited longer than its `maxPauseMs` for a company-wide pause to end. */
export class RateLimitPausedError extends Error {
  constructor(public readonly untilMs: number) {
    super(`Front rate limit: requests paused until ${new Date(untilMs).toISOString()}`);
    this.name = "RateLimitPausedError";
  }
}

export interface InProcessRateLimiterOptions {
  /** The company's budget; replaced by `x-ratelimit-limit` once Front has answered. Default 50 (the smallest plan). */
  requestsPerMinute?: number;
  /** How many requests may go back to back after a quiet spell. Default min(10, requestsPerMinute / 6). */
  bucketCapacity?: number;
  /** Requests per resource within `burstWindowMs`. Default 5. */
  burstPerResource?: number;
  /**
   * Default 1100: Front's window is one second, but a request sent 1000 ms after another can reach Front a few
   * ms sooner than that (the first waited for a new connection, the second reused it); the margin absorbs it.
   */
  burstWindowMs?: number;
  now?: () => number;
  /** Used as the only timer, so tests can drive the limiter with a fake clock. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_REQUESTS_PER_MINUTE = 50;
export const DEFAULT_BURST_PER_RESOURCE = 5;
export const DEFAULT_BURST_WINDOW_MS = 1100;
/** A `reset` further away than this is not believed: Front's window is one minute. */
const MAX_RESET_WAIT_MS = 61_000;

/** Small, so a quiet spell does not turn into a long burst; at least 1. */
export function defaultBucketCapacity(requestsPerMinute: number): number {
  return Math.max(1, Math.min(10, Math.floor(requestsPerMinute / 6)));
}

/**
 * The resource a Core API path counts against for the burst limit: the conversation for
 * `/conversations/{id}/…`, the message for `/messages/{id}`, otherwise the first path segment (`me`, `teammates`).
 */
export function rateLimitResource(path: string): string {
  const pathname = path.split(/[?#]/, 1)[0];
  const [first = "", id] = pathname.split("/").filter(Boolean);
  if ((first === "conversations" || first === "messages") && id) return safeDecode(id);
  return first || "/";
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  maxPauseMs?: number;
}

interface ResourceState {
  /** When its recent requests were let through, oldest first; never more than the burst limit. */
  grants: number[];
  waiters: Waiter[];
  /** No request on this resource before then (a burst-limit 429). */
  pausedUntilMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One process's share of the company budget: a token bucket for the per-minute limit, a sliding window per
 * resource for the burst limit, a company-wide pause for 429s, and waiters served one per resource in turn,
 * so a conversation with 20 queued calls delays another conversation's call by at most one slot per busy
 * resource. Timers only (no polling), and a resource's state is dropped once it is idle.
 */
export class InProcessRateLimiter implements RateLimiter {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fixedCapacity: number | undefined;
  private readonly burstPerResource: number;
  private readonly burstWindowMs: number;

  private perMinute = DEFAULT_REQUESTS_PER_MINUTE;
  private capacity = 1;
  private tokens = 0;
  private refilledAt: number;
  private pausedUntilMs = 0;
  private readonly resources = new Map<string, ResourceState>();
  /** Resources with waiters, in the order they will be served; a resource goes to the back once served. */
  private readonly turn: string[] = [];
  /** The earliest pending timer; a later one is not started while it is pending. */
  private wakeAtMs: number | null = null;
  private sweptAt: number;

  constructor(options: InProcessRateLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.fixedCapacity =
      options.bucketCapacity === undefined ? undefined : Math.max(1, Math.floor(options.bucketCapacity));
    this.burstPerResource = Math.max(1, Math.floor(options.burstPerResource ?? DEFAULT_BURST_PER_RESOURCE));
    this.burstWindowMs = Math.max(1, options.burstWindowMs ?? DEFAULT_BURST_WINDOW_MS);
    this.setBudget(options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE);
    // Starts full: a fresh process may send a short burst, which stays within the budget (see ratePerMs).
    this.tokens = this.capacity;
    this.refilledAt = this.sweptAt = this.now();
  }

  /** The per-minute budget in use (the configured one until Front's `x-ratelimit-limit` says otherwise). */
  get requestsPerMinute(): number {
    return this.perMinute;
  }

  /** Per-resource states held: for tests, to show idle ones are dropped. */
  get trackedResources(): number {
    return this.resources.size;
  }

  get waiting(): number {
    let count = 0;
    for (const state of this.resources.values()) count += state.waiters.length;
    return count;
  }

  acquire(resource: string, options: AcquireOptions = {}): Promise<void> {
    const now = this.now();
    this.sweep(now);
    if (exceeds(options.maxPauseMs, this.pausedUntilMs - now))
      return Promise.reject(new RateLimitPausedError(this.pausedUntilMs));
    return new Promise<void>((resolve, reject) => {
      let state = this.resources.get(resource);
      if (!state) this.resources.set(resource, (state = { grants: [], waiters: [] }));
      if (state.waiters.length === 0) this.turn.push(resource);
      state.waiters.push({ resolve, reject, maxPauseMs: options.maxPauseMs });
      this.pump();
    });
  }

  pauseUntil(epochMs: number): void {
    if (!Number.isFinite(epochMs) || epochMs <= this.pausedUntilMs) return;
    const now = this.now();
    this.refill(now);
    this.pausedUntilMs = epochMs;
    // No stampede when the pause ends: one request may go at once, the rest follow at the steady rate.
    this.tokens = 1;
    this.refilledAt = epochMs;
    for (const [key, state] of this.resources) {
      const keep = state.waiters.filter((waiter) => {
        if (!exceeds(waiter.maxPauseMs, epochMs - now)) return true;
        waiter.reject(new RateLimitPausedError(epochMs));
        return false;
      });
      if (keep.length === state.waiters.length) continue;
      state.waiters = keep;
      if (keep.length === 0) this.turn.splice(this.turn.indexOf(key), 1);
    }
    this.pump();
  }

  pauseResource(resource: string, epochMs: number): void {
    if (!Number.isFinite(epochMs)) return;
    let state = this.resources.get(resource);
    if (!state) this.resources.set(resource, (state = { grants: [], waiters: [] }));
    state.pausedUntilMs = Math.max(state.pausedUntilMs ?? 0, epochMs);
    this.pump();
  }

  observe(headers: HeaderSource): void {
    const limit = numberHeader(headers, "x-ratelimit-limit");
    if (limit !== undefined && limit >= 1 && limit !== this.perMinute) {
      this.refill(this.now());
      this.setBudget(limit);
      this.tokens = Math.min(this.tokens, this.capacity);
    }
    // A 429 also says remaining 0, with a reset that can be the end of the minute; its retry-after is the
    // precise answer, and the client turns that into pauseUntil itself.
    const remaining = headers.get("retry-after") === null ? numberHeader(headers, "x-ratelimit-remaining") : undefined;
    if (remaining !== undefined && remaining >= 0) {
      // Front counts every caller of the company (other processes, other integrations): never spend more than it has left.
      this.refill(this.now());
      this.tokens = Math.min(this.tokens, remaining);
      const reset = numberHeader(headers, "x-ratelimit-reset");
      if (remaining === 0 && reset !== undefined) {
        const now = this.now();
        const resetMs = reset > 1e12 ? reset : reset * 1000;
        if (resetMs > now) this.pauseUntil(Math.min(resetMs, now + MAX_RESET_WAIT_MS));
      }
    }
    this.pump();
  }

  private setBudget(requestsPerMinute: number): void {
    this.perMinute = requestsPerMinute;
    this.capacity = this.fixedCapacity ?? defaultBucketCapacity(requestsPerMinute);
  }

  /**
   * Tokens per ms. The bucket refills at (budget - capacity) a minute, not the full budget, so that a full
   * bucket spent at once plus a minute of refill never exceeds the budget in any 60-second window.
   */
  private ratePerMs(): number {
    return Math.max(this.perMinute - this.capacity, this.perMinute / 2) / 60_000;
  }

  private refill(now: number): void {
    if (now <= this.refilledAt) return;
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.ratePerMs());
    this.refilledAt = now;
  }

  /** Lets through every waiter that may go now, round-robin, then sets a timer for the next one. */
  private pump(): void {
    while (this.turn.length > 0) {
      const now = this.now();
      if (now < this.pausedUntilMs) return this.wakeAt(this.pausedUntilMs);
      this.refill(now);
      // The epsilon keeps float rounding from costing an extra 1 ms timer.
      if (this.tokens < 1 - 1e-9) return this.wakeAt(now + Math.ceil((1 - this.tokens) / this.ratePerMs()));
      let soonestFree = Infinity;
      let served = false;
      for (let index = 0; index < this.turn.length; index++) {
        const key = this.turn[index];
        const state = this.resources.get(key)!;
        this.prune(state, now);
        if (state.pausedUntilMs !== undefined && now < state.pausedUntilMs) {
          soonestFree = Math.min(soonestFree, state.pausedUntilMs);
          continue;
        }
        if (state.grants.length >= this.burstPerResource) {
          soonestFree = Math.min(soonestFree, state.grants[0] + this.burstWindowMs);
          continue;
        }
        this.turn.splice(index, 1);
        if (state.waiters.length > 1) this.turn.push(key);
        this.tokens -= 1;
        state.grants.push(now);
        state.waiters.shift()!.resolve();
        served = true;
        break;
      }
      // Every resource with waiters is at its burst limit: wait for the first window to slide.
      if (!served) return this.wakeAt(soonestFree);
    }
  }

  private wakeAt(atMs: number): void {
    if (this.wakeAtMs !== null && this.wakeAtMs <= atMs) return;
    this.wakeAtMs = atMs;
    void this.sleep(Math.max(0, atMs - this.now())).then(() => {
      // A timer superseded by an earlier one still runs pump: harmless, it re-checks everything.
      if (this.wakeAtMs === atMs) this.wakeAtMs = null;
      this.pump();
    });
  }

  private prune(state: ResourceState, now: number): void {
    while (state.grants.length > 0 && now - state.grants[0] >= this.burstWindowMs) state.grants.shift();
  }

  /** At most once per burst window: forgets resources with no waiters and no request in the window. */
  private sweep(now: number): void {
    if (now - this.sweptAt < this.burstWindowMs) return;
    this.sweptAt = now;
    for (const [key, state] of this.resources) {
      this.prune(state, now);
      if (state.waiters.length === 0 && state.grants.length === 0 && (state.pausedUntilMs ?? 0) <= now)
        this.resources.delete(key);
    }
  }
}

function exceeds(limitMs: number | undefined, waitMs: number): boolean {
  return limitMs !== undefined && waitMs > limitMs;
}

/**
 * A 429 from the burst limit (per resource) rather than the plan's per-minute limit: it comes while the minute's
 * budget still has requests left, and carries `x-front-tier`.
 */
export function isBurstLimit(headers: HeaderSource): boolean {
  const remaining = numberHeader(headers, "x-ratelimit-remaining");
  if (remaining !== undefined) return remaining > 0;
  return headers.get("x-front-tier") !== null;
}

function numberHeader(headers: HeaderSource, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}
