import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/lib/db/client";
import { claimJob, completeJob, enqueueJob, extendLease, failJob, pruneFinishedJobs } from "@/lib/db/queries/jobs";
import { createTestDatabase, dbKinds } from "../helpers/db";

describe.each(dbKinds())("job queue on %s", (kind) => {
  let database: Database;
  const lease = { leaseMs: 60_000 };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("runs jobs of one ordering key one at a time, in order, while other keys proceed", async () => {
    const { db } = database;
    const a1 = await enqueueJob(db, { queue: "q1", orderingKey: "cnv_a", payload: { n: 1 } });
    const a2 = await enqueueJob(db, { queue: "q1", orderingKey: "cnv_a", payload: { n: 2 } });
    const b1 = await enqueueJob(db, { queue: "q1", orderingKey: "cnv_b", payload: { n: 3 } });

    const first = await claimJob(db, { queue: "q1", workerId: "w1", ...lease });
    const second = await claimJob(db, { queue: "q1", workerId: "w2", ...lease });
    expect(first?.id).toBe(a1);
    expect(second?.id).toBe(b1);
    // The claim stamps when the attempt started: with finished_at, how long the job ran.
    expect(first?.startedAt).toBeInstanceOf(Date);
    expect(await claimJob(db, { queue: "q1", workerId: "w3", ...lease })).toBeNull();

    await completeJob(db, first!, "w1");
    const third = await claimJob(db, { queue: "q1", workerId: "w3", ...lease });
    expect(third?.id).toBe(a2);
  });

  it("keeps order across a retry: a failed job blocks its key until it succeeds", async () => {
    const { db } = database;
    const c1 = await enqueueJob(db, { queue: "q2", orderingKey: "cnv_c", payload: {}, maxAttempts: 2 });
    const c2 = await enqueueJob(db, { queue: "q2", orderingKey: "cnv_c", payload: {} });
    const job = await claimJob(db, { queue: "q2", workerId: "w1", ...lease });
    expect(await failJob(db, job!, "w1", "boom", 0)).toBe("retry");
    const retried = await claimJob(db, { queue: "q2", workerId: "w1", ...lease });
    expect(retried).toMatchObject({ id: c1, attempts: 2, lastError: "boom" });
    expect(await failJob(db, retried!, "w1", "boom again", 0)).toBe("failed");
    expect((await claimJob(db, { queue: "q2", workerId: "w1", ...lease }))?.id).toBe(c2);
  });

  it("gives a job whose worker died (lease ran out) to another worker", async () => {
    const { db } = database;
    const id = await enqueueJob(db, { queue: "q3", orderingKey: "cnv_d", payload: {} });
    const taken = await claimJob(db, { queue: "q3", workerId: "crashed", leaseMs: 60_000 });
    expect(taken?.id).toBe(id);
    expect(await claimJob(db, { queue: "q3", workerId: "w2", ...lease })).toBeNull();
    await db.execute(sql`update jobs set locked_until = now() - interval '1 second' where id = ${id}`);
    const reclaimed = await claimJob(db, { queue: "q3", workerId: "w2", ...lease });
    expect(reclaimed).toMatchObject({ id, attempts: 2, lockedBy: "w2" });
    // The crashed worker's late completion does not count: the job belongs to w2 now.
    await completeJob(db, taken!, "crashed");
    expect(await claimJob(db, { queue: "q3", workerId: "w3", leaseMs: 0 })).toBeNull();
  });

  it("renews a lease only for its live holder: a worker that stalled past it, or lost the job, is told so", async () => {
    const { db } = database;
    await enqueueJob(db, { queue: "q5", orderingKey: "cnv_e", payload: {}, maxAttempts: 1 });
    const taken = (await claimJob(db, { queue: "q5", workerId: "slow", ...lease }))!;
    expect(await extendLease(db, taken, "slow", 60_000)).toBe(true);

    // The lease lapses: not renewed, even before anyone else claims the job.
    await db.execute(sql`update jobs set locked_until = now() - interval '1 second' where id = ${taken.id}`);
    expect(await extendLease(db, taken, "slow", 60_000)).toBe(false);
    const reclaimed = (await claimJob(db, { queue: "q5", workerId: "fast", ...lease }))!;
    expect(reclaimed.id).toBe(taken.id);
    expect(await extendLease(db, taken, "slow", 60_000)).toBe(false);

    // The old holder's failure (its last attempt, too) leaves the job to the new holder: not retried, not failed.
    expect(await failJob(db, taken, "slow", "stalled", 0)).toBe("lost");
    const [row] = rowsOf<{ state: string; locked_by: string }>(
      await db.execute(sql`select state, locked_by from jobs where id = ${taken.id}`),
    );
    expect(row).toEqual({ state: "active", locked_by: "fast" });
  });

  it("hands each job to exactly one of many concurrent claimers", async () => {
    const { db } = database;
    for (let i = 0; i < 20; i++) await enqueueJob(db, { queue: "q4", orderingKey: `cnv_${i}`, payload: {} });
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) => claimJob(db, { queue: "q4", workerId: `w${i}`, ...lease })),
    );
    const ids = claims.filter((job) => job !== null).map((job) => job!.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it("prunes finished jobs past their retention, never an open one", async () => {
    const { db } = database;
    const done = await enqueueJob(db, { queue: "q9", orderingKey: "cnv_p1", payload: {} });
    const failed = await enqueueJob(db, { queue: "q9", orderingKey: "cnv_p2", payload: {}, maxAttempts: 1 });
    const open = await enqueueJob(db, { queue: "q9", orderingKey: "cnv_p3", payload: {} });
    await completeJob(db, (await claimJob(db, { queue: "q9", workerId: "w", ...lease }))!, "w");
    await failJob(db, (await claimJob(db, { queue: "q9", workerId: "w", ...lease }))!, "w", "boom", 0);
    // Pretend both finished two days ago.
    await db.execute(sql`update jobs set finished_at = now() - interval '2 days' where id in (${done}, ${failed})`);

    const day = 24 * 3_600_000;
    expect(await pruneFinishedJobs(db, { doneOlderThanMs: day, failedOlderThanMs: 30 * day })).toBeGreaterThanOrEqual(
      1,
    );
    const left = await db.execute(
      sql`select id, state from jobs where id in (${done}, ${failed}, ${open}) order by id`,
    );
    expect(rowsOf<{ id: number | string; state: string }>(left).map((row) => [Number(row.id), row.state])).toEqual([
      [failed, "failed"],
      [open, "pending"],
    ]);
  });
});
