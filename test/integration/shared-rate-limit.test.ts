import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { SharedRateLimiter } from "@/lib/front/shared-rate-limiter";
import { createTestDatabase, dbKinds } from "../helpers/db";

// Two limiters on one database stand for two Frontline processes (a web process and a worker) using one company.
describe.each(dbKinds())("Front rate budget shared through the database, on %s", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("lets the processes together send no more than one bucket at once, then the steady rate", async () => {
    // 600 a minute: a bucket of 10, then one request every ~102 ms for everyone together.
    const web = new SharedRateLimiter({ db: database.db, key: "burst", requestsPerMinute: 600, maxPollMs: 20 });
    const worker = new SharedRateLimiter({ db: database.db, key: "burst", requestsPerMinute: 600, maxPollMs: 20 });
    const started = Date.now();
    const grants: number[] = [];
    // Each on its own conversation, so the per-conversation burst limit is not what holds them back.
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? web : worker).acquire(`cnv_${index}`).then(() => grants.push(Date.now() - started)),
      ),
    );
    grants.sort((a, b) => a - b);
    expect(grants).toHaveLength(20);
    // Ten at once (the shared bucket), and the tenth-after-that no sooner than the refill allows (~1 s for 10 more).
    expect(grants[19]).toBeGreaterThanOrEqual(900);
    const inFirst300Ms = grants.filter((at) => at < 300).length;
    expect(inFirst300Ms).toBeLessThanOrEqual(13);
  });

  it("pauses every process when one of them is told to wait by a 429", async () => {
    const web = new SharedRateLimiter({ db: database.db, key: "pause", requestsPerMinute: 600, maxPollMs: 20 });
    const worker = new SharedRateLimiter({ db: database.db, key: "pause", requestsPerMinute: 600, maxPollMs: 20 });
    await worker.acquire("cnv_a");
    const pausedUntil = Date.now() + 1_200;
    web.pauseUntil(pausedUntil);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the pause is written without blocking the caller
    await worker.acquire("cnv_b");
    expect(Date.now()).toBeGreaterThanOrEqual(pausedUntil - 5);
  });

  it("gives up waiting past maxPauseMs, so a webhook-time call does not hang", async () => {
    const limiter = new SharedRateLimiter({ db: database.db, key: "give-up", requestsPerMinute: 600, maxPollMs: 20 });
    limiter.pauseUntil(Date.now() + 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const other = new SharedRateLimiter({ db: database.db, key: "give-up", requestsPerMinute: 600, maxPollMs: 20 });
    await expect(other.acquire("cnv_x", { maxPauseMs: 500 })).rejects.toThrow(/paused until/);
  });
});
