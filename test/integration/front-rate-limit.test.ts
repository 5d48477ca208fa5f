import { afterEach, describe, expect, it } from "vitest";
import { FrontClient } from "@/lib/front/client";
import { InProcessRateLimiter } from "@/lib/front/rate-limiter";
import { createFrontSimulator, type FrontSimulator } from "@/front-sim";

// Real HTTP against the simulator; timings come from the simulator's request log (arrival times).

const TOKEN = "rate-limit-test-token";
/** Local HTTP and timer jitter allowed when comparing arrival times with the limiter's spacing. */
// Times are taken where the simulator receives each request: the first one may arrive late (it opens the
// connection the others reuse), which shortens the measured gaps on a busy machine. Without the limiter all twelve
// would arrive within a few ms, so this margin still proves the pacing.
const JITTER_MS = 150;

type RequestLog = FrontSimulator["requests"];

/** The most requests that arrived within any `windowMs`. */
function maxInWindow(requests: RequestLog, windowMs: number): number {
  const times = requests.map((request) => request.timeMs).sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe("Front client rate limiting against the simulator (real HTTP)", () => {
  let sim: FrontSimulator;

  async function start(rateLimitPerMinute: number) {
    sim = await createFrontSimulator({ apiToken: TOKEN, appSecret: "s", rateLimitPerMinute });
    const conversations: string[] = [];
    for (let i = 0; i < 4; i++)
      conversations.push(
        (await sim.placeCall({ from: `+1415555010${i}`, text: `Customer: call ${i}` })).conversationId,
      );
    return conversations;
  }

  afterEach(async () => {
    await sim.close();
  });

  it("after a 429 with retry-after: 1, no caller on any resource reaches Front for 1 s, then all the work completes", async () => {
    const [a, b, c] = await start(600);
    // 600/min with a bucket of 1: the concurrent callers below queue ~100 ms apart, so they are waiting in the
    // limiter (not yet on the wire) when the 429 comes back.
    const client = new FrontClient({
      baseUrl: sim.url,
      token: TOKEN,
      rateLimiter: new InProcessRateLimiter({ requestsPerMinute: 600, bucketCapacity: 1 }),
    });
    sim.rateLimit({ count: 1, retryAfterSeconds: 1 });

    const results = await Promise.all([
      client.me(),
      client.getConversation(a),
      client.listMessages(a),
      client.getConversation(b),
      client.postComment(c, "note"),
      client.listTeammates(),
    ]);

    expect(results).toHaveLength(6);
    const [limited, ...rest] = sim.requests;
    expect(limited).toMatchObject({ status: 429, pathname: "/me" });
    expect(rest).toHaveLength(6);
    for (const request of rest) {
      expect(request.status).toBeLessThan(300);
      expect(request.timeMs - limited.timeMs).toBeGreaterThanOrEqual(1000);
    }
    expect(new Set(rest.map((request) => request.pathname))).toEqual(
      new Set([
        "/me",
        `/conversations/${a}`,
        `/conversations/${a}/messages`,
        `/conversations/${b}`,
        `/conversations/${c}/comments`,
        "/teammates",
      ]),
    );
  });

  it("spreads concurrent calls under a small per-minute budget (120/min, from requestsPerMinute)", async () => {
    const conversations = await start(120);
    const client = new FrontClient({ baseUrl: sim.url, token: TOKEN, requestsPerMinute: 120 });
    // 120/min: a bucket of 10 goes at once, then one every 60 / (120 - 10) s ≈ 545 ms.
    const calls: Array<Promise<unknown>> = [client.me(), client.listTeammates()];
    for (let i = 0; i < 10; i++) calls.push(client.getConversation(conversations[i % conversations.length]));
    await Promise.all(calls);

    const times = sim.requests.map((request) => request.timeMs).sort((x, y) => x - y);
    expect(times).toHaveLength(12);
    expect(sim.requests.every((request) => request.status === 200)).toBe(true);
    // Measured from the first request: a late timer can shorten the gap between two neighbours, never this.
    expect(times[10] - times[0]).toBeGreaterThanOrEqual(545 - JITTER_MS);
    expect(times[11] - times[0]).toBeGreaterThanOrEqual(2 * 545 - JITTER_MS);
    // Never more than the bucket plus what refills in a second (1.8).
    expect(maxInWindow(sim.requests, 1000)).toBeLessThanOrEqual(10 + 1);
  });

  it("keeps one busy conversation from starving another: 20 queued calls delay it by a couple of slots at most", async () => {
    const [busy, quiet] = await start(1200);
    // 1200/min, bucket of 1: one request every ~50 ms for the whole company, the bottleneck everyone shares.
    const client = new FrontClient({
      baseUrl: sim.url,
      token: TOKEN,
      rateLimiter: new InProcessRateLimiter({ requestsPerMinute: 1200, bucketCapacity: 1, burstPerResource: 100 }),
    });
    const queued = Array.from({ length: 20 }, () => client.getConversation(busy));
    const startedAt = Date.now();
    await client.getConversation(quiet);
    const quietLatency = Date.now() - startedAt;
    await Promise.all(queued);

    const order = sim.requests.map((request) => request.pathname);
    expect(order).toHaveLength(21);
    // FIFO would make it the 21st; round-robin makes it the 3rd at worst (one busy call already sent, one ahead in turn).
    expect(order.indexOf(`/conversations/${quiet}`)).toBeLessThanOrEqual(2);
    // Generous: the order above is the fairness guarantee; this only rules out waiting behind the whole queue (~1 s).
    expect(quietLatency).toBeLessThan(3 * 50 + 500);
  });

  it("sends at most 5 requests a second to one conversation, while other conversations are not held up", async () => {
    const [busy, other] = await start(6000);
    const client = new FrontClient({ baseUrl: sim.url, token: TOKEN, requestsPerMinute: 6000 });
    await Promise.all([
      ...Array.from({ length: 8 }, () => client.getConversation(busy)),
      client.getConversation(other),
    ]);

    const onBusy = sim.requests.filter((request) => request.pathname === `/conversations/${busy}`);
    expect(onBusy).toHaveLength(8);
    expect(maxInWindow(onBusy, 1000)).toBeLessThanOrEqual(5);
    const busyTimes = onBusy.map((request) => request.timeMs).sort((x, y) => x - y);
    expect(busyTimes[5] - busyTimes[0]).toBeGreaterThanOrEqual(1000);
    const [otherRequest] = sim.requests.filter((request) => request.pathname === `/conversations/${other}`);
    expect(otherRequest.timeMs - busyTimes[0]).toBeLessThan(500);
  });
});
