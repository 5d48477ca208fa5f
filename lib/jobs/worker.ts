import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/client";
import type { Job } from "../db/schema";
import { claimJob, completeJob, extendLease, failJob, pruneFinishedJobs } from "../db/queries/jobs";
import { jobSignals } from "./signals";

/** The worker's hold on the job it is running. */
export interface JobLease {
  /**
   * Renews the lease, or throws LeaseLostError when this worker no longer holds the job (it stalled past its lease,
   * and another worker may be running the job now). Call it right before an effect that must happen only once.
   */
  assertHeld(): Promise<void>;
}

export class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} is no longer this worker's: its lease ran out or another worker took it over`);
    this.name = "LeaseLostError";
  }
}

export interface JobHandler {
  run(job: Job, lease: JobLease): Promise<void>;
  /** Called once when the last attempt failed: the place to make the failure visible. */
  onFailed?(job: Job, error: unknown): Promise<void>;
}

export interface WorkerOptions {
  db: Db;
  queue: string;
  handler: JobHandler;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  retryDelayMs?: (attempt: number) => number;
  log?: (message: string) => void;
  /** How long finished jobs are kept before maintenance deletes them (done: a day; failed: 30 days). */
  retention?: { doneMs: number; failedMs: number };
  /** How often this worker prunes finished jobs; every worker may, the deletes skip each other's rows. */
  maintenanceEveryMs?: number;
  /** More upkeep on the same interval (the retention period's purge); its failures are logged, never thrown. */
  maintenance?: () => Promise<void>;
}

export interface RunningWorker {
  id: string;
  stop(): Promise<void>;
}

/** Backoff between attempts of a failed job: 2s, 4s, 8s … capped at five minutes. */
export const defaultRetryDelay = (attempt: number) => Math.min(2_000 * 2 ** (attempt - 1), 300_000);

/** Runs `concurrency` loops that claim and process jobs until stopped. */
export function startWorker(options: WorkerOptions): RunningWorker {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const { db, queue, handler } = options;
  const pollMs = options.pollMs ?? 500;
  const leaseMs = options.leaseMs ?? 120_000;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const log = options.log ?? ((message: string) => console.log(message));
  let stopped = false;
  const wakers = new Set<() => void>();
  const wakeAll = () => wakers.forEach((wake) => wake());
  jobSignals.on("enqueued", wakeAll);

  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      wakers.add(done);
    });

  async function processOne(job: Job): Promise<void> {
    const heartbeat = setInterval(() => void extendLease(db, job, id, leaseMs).catch(() => {}), leaseMs / 3);
    const lease: JobLease = {
      async assertHeld() {
        if (!(await extendLease(db, job, id, leaseMs))) throw new LeaseLostError(job.id);
      },
    };
    try {
      await handler.run(job, lease);
      await completeJob(db, job, id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const outcome = await failJob(db, job, id, message, retryDelay(job.attempts));
      if (outcome === "lost") {
        log(`[worker] job ${job.id} attempt ${job.attempts} stopped: ${message}; another worker has it now`);
        return;
      }
      log(`[worker] job ${job.id} attempt ${job.attempts}/${job.maxAttempts} failed (${outcome}): ${message}`);
      if (outcome === "failed") await handler.onFailed?.(job, error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      let job: Job | null = null;
      try {
        job = await claimJob(db, { queue, workerId: id, leaseMs });
      } catch (error) {
        if (stopped) return;
        log(`[worker] could not claim a job: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (job)
        await processOne(job).catch((error) => log(`[worker] job ${job?.id} crashed the loop: ${String(error)}`));
      else if (!stopped) await idle();
    }
  }

  const retention = options.retention ?? { doneMs: 24 * 3_600_000, failedMs: 30 * 24 * 3_600_000 };
  const prune = async () => {
    try {
      const deleted = await pruneFinishedJobs(db, {
        doneOlderThanMs: retention.doneMs,
        failedOlderThanMs: retention.failedMs,
      });
      if (deleted > 0) log(`[worker] pruned ${deleted} finished jobs`);
    } catch (error) {
      if (!stopped)
        log(`[worker] could not prune finished jobs: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const upkeep = async () => {
    await prune();
    try {
      await options.maintenance?.();
    } catch (error) {
      if (!stopped) log(`[worker] maintenance failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const maintenance = setInterval(() => void upkeep(), options.maintenanceEveryMs ?? 10 * 60_000);
  maintenance.unref();

  const loops = Array.from({ length: options.concurrency ?? 4 }, () => loop());
  return {
    id,
    async stop() {
      stopped = true;
      clearInterval(maintenance);
      jobSignals.off("enqueued", wakeAll);
      wakeAll();
      await Promise.all(loops);
    },
  };
}
