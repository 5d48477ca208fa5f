import { describe, expect, it } from "vitest";
import {
  InProcessRateLimiter,
  RateLimitPausedError,
  defaultBucketCapacity,
  isBurstLimit,
  rateLimitResource,
  type InProcessRateLimiterOptions,
} from "@/lib/front/rate-limiter";

/** A clock that only moves when told; `sleep` resolves when the clock passes its deadline. No real waiting. */
class FakeClock {
  time = 1_700_000_000_000;
  sleeps = 0;
  private timers: Array<{ at: number; resolve: () => void }> = [];

  now = () => this.time;

  sleep = (ms: number) => {
    this.sleeps += 1;
    return new Promise<void>((resolve) => this.timers.push({ at: this.time + ms, resolve }));
  };

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order and letting their callbacks run. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
    this.time = end;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function setup(options: InProcessRateLimiterOptions = {}) {
  const clock = new FakeClock();
  const limiter = new InProcessRateLimiter({ now: clock.now, sleep: clock.sleep, ...options });
  const granted: Array<{ resource: string; at: number }> = [];
  const take = (resource: string, options?: { maxPauseMs?: number }) => {
    const promise = limiter.acquire(resource, options).then(() => void granted.push({ resource, at: clock.time }));
    return promise;
  };
  return { clock, limiter, granted, take };
}

function headers(values: Record<string, string>) {
  return new Headers(values);
}

describe("rateLimitResource", () => {
  it("keys a request by its conversation, its message, or else its first path segment", () => {
    expect(rateLimitResource("/conversations/cnv_1")).toBe("cnv_1");
    expect(rateLimitResource("/conversations/cnv_1/messages?limit=100&page_token=x")).toBe("cnv_1");
    expect(rateLimitResource("/conversations/cnv%3A1/comments")).toBe("cnv:1");
    expect(rateLimitResource("/messages/msg_9")).toBe("msg_9");
    expect(rateLimitResource("/me")).toBe("me");
    expect(rateLimitResource("/teammates?limit=5")).toBe("teammates");
    expect(rateLimitResource("/conversations")).toBe("conversations");
    expect(rateLimitResource("/")).toBe("/");
  });
});

describe("InProcessRateLimiter (fake clock)", () => {
  it("sizes the bucket small: min(10, budget / 6), at least 1", () => {
    expect(defaultBucketCapacity(50)).toBe(8);
    expect(defaultBucketCapacity(100)).toBe(10);
    expect(defaultBucketCapacity(200)).toBe(10);
    expect(defaultBucketCapacity(3)).toBe(1);
  });

  it("lets a full bucket through at once, then spaces requests so no 60 s window exceeds the budget", async () => {
    const { clock, granted, take } = setup({ requestsPerMinute: 60 });
    // 60/min: capacity 10, refill (60 - 10) a minute = one every 1.2 s.
    for (let i = 0; i < 25; i++) void take(`r${i}`);
    await clock.advance(0);
    expect(granted).toHaveLength(10);
    await clock.advance(1199);
    expect(granted).toHaveLength(10);
    await clock.advance(1);
    expect(granted).toHaveLength(11);
    await clock.advance(60_000);
    expect(granted).toHaveLength(25);
    const start = granted[0].at;
    const gaps = granted.slice(10).map((grant, i) => grant.at - (i === 0 ? start : granted[9 + i].at));
    expect(new Set(gaps)).toEqual(new Set([1200]));
    // The defining property: in any 60-second window, at most the budget.
    for (const grant of granted)
      expect(
        granted.filter((other) => other.at >= grant.at && other.at < grant.at + 60_000).length,
      ).toBeLessThanOrEqual(60);
  });

  it("holds a resource to its burst limit while other resources go ahead", async () => {
    const { clock, granted, take } = setup({ requestsPerMinute: 6000, burstPerResource: 5, burstWindowMs: 1000 });
    for (let i = 0; i < 12; i++) void take("cnv_busy");
    void take("cnv_other");
    await clock.advance(0);
    expect(granted.filter((grant) => grant.resource === "cnv_busy")).toHaveLength(5);
    expect(granted.filter((grant) => grant.resource === "cnv_other")).toHaveLength(1);
    await clock.advance(999);
    expect(granted).toHaveLength(6);
    await clock.advance(1);
    expect(granted).toHaveLength(11);
    await clock.advance(1000);
    expect(granted).toHaveLength(13);
    const busy = granted.filter((grant) => grant.resource === "cnv_busy").map((grant) => grant.at);
    for (let i = 0; i + 5 < busy.length; i++) expect(busy[i + 5] - busy[i]).toBeGreaterThanOrEqual(1000);
  });

  it("serves waiting resources round-robin: 20 queued calls on one conversation do not hold up another", async () => {
    const { clock, granted, take } = setup({ requestsPerMinute: 600, bucketCapacity: 1, burstPerResource: 100 });
    // 600/min with a bucket of 1: one request every ~100 ms, so the company budget is what everyone queues for.
    for (let i = 0; i < 20; i++) void take("cnv_busy");
    await clock.advance(0);
    void take("cnv_quiet");
    void take("me");
    await clock.advance(10_000);
    expect(granted).toHaveLength(22);
    const order = granted.map((grant) => grant.resource);
    expect(order.indexOf("cnv_quiet")).toBeLessThanOrEqual(2);
    expect(order.indexOf("me")).toBeLessThanOrEqual(3);
    expect(order.slice(0, 4).sort()).toEqual(["cnv_busy", "cnv_busy", "cnv_quiet", "me"]);
  });

  it("pauses every resource until the pause ends, then resumes without a stampede", async () => {
    const { clock, limiter, granted, take } = setup({ requestsPerMinute: 120 });
    await take("cnv_a");
    limiter.pauseUntil(clock.time + 1000);
    for (const resource of ["cnv_a", "cnv_b", "msg_c", "me", "teammates"]) void take(resource);
    await clock.advance(999);
    expect(granted).toHaveLength(1);
    // A shorter pause announced meanwhile does not shorten it.
    limiter.pauseUntil(clock.time + 1);
    await clock.advance(1);
    expect(granted).toHaveLength(2);
    expect(granted[1].at).toBe(granted[0].at + 1000);
    // The bucket held 9 tokens before the pause; after it, one goes at once and the rest at the steady rate.
    await clock.advance(100);
    expect(granted).toHaveLength(2);
    await clock.advance(10_000);
    expect(granted).toHaveLength(6);
  });

  it("rejects a waiter whose maxPauseMs the pause exceeds, at acquire and when a pause is announced", async () => {
    const { clock, limiter, take } = setup({ requestsPerMinute: 60, bucketCapacity: 1 });
    await take("cnv_a");
    const patient = take("cnv_b");
    const impatient = take("cnv_c", { maxPauseMs: 5_000 });
    limiter.pauseUntil(clock.time + 30_000);
    await expect(impatient).rejects.toBeInstanceOf(RateLimitPausedError);
    await expect(take("cnv_d", { maxPauseMs: 5_000 })).rejects.toMatchObject({ untilMs: clock.time + 30_000 });
    await clock.advance(30_000);
    await expect(patient).resolves.toBeUndefined();
    expect(limiter.waiting).toBe(0);
  });

  it("adopts x-ratelimit-limit as the budget and never spends more than x-ratelimit-remaining", async () => {
    const { clock, limiter, granted, take } = setup({ requestsPerMinute: 50 });
    limiter.observe(headers({ "x-ratelimit-limit": "200", "x-ratelimit-remaining": "3", "x-ratelimit-reset": "0" }));
    expect(limiter.requestsPerMinute).toBe(200);
    for (let i = 0; i < 6; i++) void take(`r${i}`);
    await clock.advance(0);
    expect(granted).toHaveLength(3);
    // 200/min, bucket 10: refill (200 - 10) a minute, one every ~316 ms.
    await clock.advance(315);
    expect(granted).toHaveLength(3);
    await clock.advance(1);
    expect(granted).toHaveLength(4);
    // Garbage is ignored.
    limiter.observe(headers({ "x-ratelimit-limit": "lots", "x-ratelimit-remaining": "" }));
    expect(limiter.requestsPerMinute).toBe(200);
  });

  it("waits for x-ratelimit-reset when remaining is 0, unless a retry-after is given", async () => {
    const { clock, limiter, granted, take } = setup({ requestsPerMinute: 100 });
    const resetSeconds = Math.ceil((clock.time + 20_000) / 1000);
    // A 429's headers: remaining 0 and a far reset, but retry-after is the answer; the client pauses for that.
    limiter.observe(
      headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(resetSeconds), "retry-after": "1" }),
    );
    limiter.pauseUntil(clock.time + 1000);
    void take("cnv_a");
    await clock.advance(1000);
    expect(granted).toHaveLength(1);

    limiter.observe(
      headers({ "x-ratelimit-limit": "100", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(resetSeconds) }),
    );
    void take("cnv_b");
    await clock.advance(resetSeconds * 1000 - clock.time - 1);
    expect(granted).toHaveLength(1);
    await clock.advance(1);
    expect(granted).toHaveLength(2);

    // A reset beyond a minute away is not believed.
    limiter.observe(
      headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.ceil(clock.time / 1000) + 3600) }),
    );
    void take("cnv_c");
    await clock.advance(61_000);
    expect(granted).toHaveLength(3);
  });

  it("uses one timer at a time, not polling, and drops idle resources", async () => {
    const { clock, limiter, granted, take } = setup({ requestsPerMinute: 600, bucketCapacity: 1 });
    for (let i = 0; i < 30; i++) void take(`cnv_${i}`);
    await clock.advance(0);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(5_000);
    expect(granted).toHaveLength(30);
    // About one timer per grant that had to wait, nothing more.
    expect(clock.sleeps).toBeLessThanOrEqual(30);
    expect(clock.pendingTimers).toBe(0);
    expect(limiter.trackedResources).toBeGreaterThan(0);
    await clock.advance(2_000);
    await take("cnv_new");
    expect(limiter.trackedResources).toBe(1);
  });
});

describe("burst-limit 429s hold back one resource", () => {
  it("tells a burst 429 (budget left, x-front-tier) from the plan's per-minute 429 (budget spent)", () => {
    expect(isBurstLimit(headers({ "retry-after": "1", "x-ratelimit-remaining": "37", "x-front-tier": "tier-1" }))).toBe(
      true,
    );
    expect(isBurstLimit(headers({ "retry-after": "1", "x-front-tier": "tier-1" }))).toBe(true);
    expect(isBurstLimit(headers({ "retry-after": "20", "x-ratelimit-remaining": "0", "x-front-tier": "tier-1" }))).toBe(
      false,
    );
    expect(isBurstLimit(headers({ "retry-after": "20" }))).toBe(false);
  });

  it("a paused conversation waits out its pause while another conversation goes at once", async () => {
    const { clock, limiter, granted, take } = setup({ requestsPerMinute: 600 });
    limiter.pauseResource("cnv_busy", clock.time + 1_000);
    const busy = take("cnv_busy");
    await take("cnv_other");
    expect(granted).toEqual([{ resource: "cnv_other", at: clock.time }]);
    await clock.advance(999);
    expect(granted.map((grant) => grant.resource)).toEqual(["cnv_other"]);
    await clock.advance(1);
    await busy;
    expect(granted.map((grant) => grant.resource)).toEqual(["cnv_other", "cnv_busy"]);
  });
});
