import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { jobs, type Job } from "../schema";

export interface EnqueueInput {
  queue: string;
  /** Jobs sharing this key run one at a time, in the order they were enqueued. */
  orderingKey: string;
  payload: Record<string, unknown>;
  maxAttempts?: number;
}

/** Adds a job; pass the transaction that wrote the job's data so both commit or neither does. */
export async function enqueueJob(tx: Db, input: EnqueueInput): Promise<number> {
  const [row] = await tx
    .insert(jobs)
    .values({
      queue: input.queue,
      orderingKey: input.orderingKey,
      payload: input.payload,
      maxAttempts: input.maxAttempts ?? 5,
    })
    .returning({ id: jobs.id });
  return row.id;
}

/**
 * Takes the next runnable job, or null. A job is runnable when it is due (or its previous holder's lease ran
 * out) and no older job with its ordering key is still open; SKIP LOCKED lets many workers claim at once.
 */
export async function claimJob(
  db: Db,
  options: { queue: string; workerId: string; leaseMs: number },
): Promise<Job | null> {
  const [job] = await db
    .update(jobs)
    .set({
      state: "active",
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: options.workerId,
      startedAt: sql`now()`,
      lockedUntil: sql`now() + make_interval(secs => ${options.leaseMs / 1000})`,
    })
    .where(
      sql`${jobs.id} = (
        select candidate.id from jobs candidate
        where candidate.queue = ${options.queue}
          and ((candidate.state = 'pending' and candidate.run_at <= now())
            or (candidate.state = 'active' and candidate.locked_until < now()))
          and not exists (
            select 1 from jobs older
            where older.ordering_key = candidate.ordering_key and older.state in ('pending', 'active') and older.id < candidate.id
          )
        order by candidate.run_at, candidate.id
        limit 1
        for update skip locked
      )`,
    )
    .returning();
  return job ?? null;
}

/**
 * Renews a job's lease for another `leaseMs` so no other worker takes it over. False when the lease is lost: it
 * ran out (this worker stalled past it) or another worker has claimed the job since. A lapsed lease is not taken
 * back, since another worker may be about to claim it.
 */
export async function extendLease(db: Db, job: Job, workerId: string, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(
      and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.state, "active"), sql`${jobs.lockedUntil} > now()`),
    )
    .returning({ id: jobs.id });
  return renewed.length > 0;
}

export async function completeJob(db: Db, job: Job, workerId: string): Promise<void> {
  await db
    .update(jobs)
    .set({ state: "done", finishedAt: sql`now()`, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
}

/**
 * Schedules another attempt after `retryDelayMs`, or marks the job failed when its attempts are used up. "lost":
 * another worker holds the job now, and it is left to that worker.
 */
export async function failJob(
  db: Db,
  job: Job,
  workerId: string,
  error: string,
  retryDelayMs: number,
): Promise<"retry" | "failed" | "lost"> {
  const exhausted = job.attempts >= job.maxAttempts;
  const updated = await db
    .update(jobs)
    .set(
      exhausted
        ? { state: "failed", finishedAt: sql`now()`, lockedUntil: null, lastError: error }
        : {
            state: "pending",
            runAt: sql`now() + make_interval(secs => ${retryDelayMs / 1000})`,
            lockedUntil: null,
            lastError: error,
          },
    )
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)))
    .returning({ id: jobs.id });
  if (updated.length === 0) return "lost";
  return exhausted ? "failed" : "retry";
}

/**
 * Deletes finished jobs older than the retention, a batch at a time: the queue table stays small, and the webhook
 * event row keeps the record of what happened. Returns how many were deleted.
 */
export async function pruneFinishedJobs(
  db: Db,
  options: { doneOlderThanMs: number; failedOlderThanMs: number; batch?: number },
): Promise<number> {
  const result = await db.execute(sql`
    delete from jobs where id in (
      select id from jobs
      where (state = 'done' and finished_at < now() - make_interval(secs => ${options.doneOlderThanMs / 1000}))
         or (state = 'failed' and finished_at < now() - make_interval(secs => ${options.failedOlderThanMs / 1000}))
      limit ${options.batch ?? 5_000}
      for update skip locked
    )
    returning id`);
  return rowsOf(result).length;
}
