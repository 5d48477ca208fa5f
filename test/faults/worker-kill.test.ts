// kill -9 of a worker process (`npm run worker`) in the middle of 200 events: once a worker runs again, every
// accepted event is processed exactly once. The webhook is served in this test process (the web process is not the
// subject here: app-kill.test.ts kills it); the worker is a real process on Postgres, the simulator real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/lib/db/client";
import {
  NEEDS_POSTGRES,
  SERVER_URL,
  countDecided,
  expectEachEventProcessedOnce,
  placeConversations,
  planConversations,
  startFaultEnvironment,
  waitForQuietQueue,
  waitUntil,
  type FaultEnvironment,
} from "./processes";

const CONVERSATIONS = 200;
/** Short, so the killed worker's jobs are taken over within seconds. */
const LEASE_MS = 3_000;

describe.skipIf(!SERVER_URL)(
  `kill -9 of a worker process in the middle of ${CONVERSATIONS} events${SERVER_URL ? "" : ` (skipped: ${NEEDS_POSTGRES})`}`,
  () => {
    let env: FaultEnvironment;

    beforeAll(async () => {
      env = await startFaultEnvironment();
      await env.serveIngestHere();
    });
    afterAll(async () => {
      await env?.close();
    });

    it("after a restart, every accepted event is processed exactly once: one Front outcome per conversation", async () => {
      const first = env.startWorker("worker-kill-first", LEASE_MS);
      await first.waitForOutput(/processing Front events/);
      const placing = placeConversations(env.sim, planConversations(CONVERSATIONS));

      // Mid-run: some events done, others queued or in the worker's hands.
      await waitUntil(
        "a fifth of the events are processed",
        async () => (await countDecided(env.database)) >= CONVERSATIONS / 5,
        60_000,
      );
      const [held] = rowsOf<{ count: string | number }>(
        await env.database.db.execute(sql`select count(*) as count from jobs where state = 'active'`),
      );
      first.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      const decidedAtKill = await countDecided(env.database);
      console.log(
        `[worker-kill] killed the worker with ${decidedAtKill}/${CONVERSATIONS} events decided and ${held.count} jobs in its hands`,
      );
      expect(decidedAtKill).toBeLessThan(CONVERSATIONS);

      const placed = await placing;
      // Every delivery was acknowledged: the web side never went down in this test.
      expect(env.sim.deliveries.every((delivery) => delivery.result.status === 200)).toBe(true);

      const second = env.startWorker("worker-kill-second", LEASE_MS);
      await second.waitForOutput(/processing Front events/);
      await waitForQuietQueue(env.database, CONVERSATIONS, 90_000);
      await expectEachEventProcessedOnce(env.database, env.sim, placed);
    });
  },
);
