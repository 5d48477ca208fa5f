// kill -9 of the app, the real web process (`next start`, which receives Front's webhooks and runs the embedded
// worker), in the middle of 200 events. After a restart every accepted event is processed exactly once, and the
// deliveries that failed while the app was down are delivered again.
//
// Who redelivers: this test, once the app is back. Front's contract (README, "Connecting a real Front"; Front's application-webhook docs): an application
// webhook not answered 2xx within 5 s is retried up to 3 times, so delivery is at least once, deduplicated on the
// event id. The contract does not say when Front retries; a retry that fell inside the outage would only fail
// again, so the test plays Front's retry after the restart: each event whose last delivery was not a 2xx is sent
// again with the same bytes (sim.redeliver). Some of those were stored before the kill cut the answer off: they
// must come back as duplicates, not be processed twice.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  NEEDS_POSTGRES,
  SERVER_URL,
  countDecided,
  expectEachEventProcessedOnce,
  freePort,
  placeConversations,
  planConversations,
  startFaultEnvironment,
  startProcess,
  unacknowledgedEvents,
  waitForQuietQueue,
  waitUntil,
  type FaultEnvironment,
  type RunningProcess,
} from "./processes";

const CONVERSATIONS = 200;
const LEASE_MS = 3_000;
const BUILT = existsSync(fileURLToPath(new URL("../../.next/BUILD_ID", import.meta.url)));
const NEXT_BIN = fileURLToPath(new URL("../../node_modules/next/dist/bin/next", import.meta.url));
const skipReason = !SERVER_URL
  ? NEEDS_POSTGRES
  : !BUILT
    ? "needs the production build: run `npx next build` first (npm test does)"
    : "";

describe.skipIf(skipReason !== "")(
  `kill -9 of the app in the middle of ${CONVERSATIONS} events${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    let env: FaultEnvironment;
    let port: number;

    beforeAll(async () => {
      env = await startFaultEnvironment();
      port = await freePort();
      env.sim.configure({ webhookUrl: `http://127.0.0.1:${port}/api/webhooks/front` });
    });
    afterAll(async () => {
      await env?.close();
    });

    async function startApp(name: string): Promise<RunningProcess> {
      const app = startProcess(
        name,
        [NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"],
        env.processEnv({
          APP_URL: `http://127.0.0.1:${port}`,
          EMBEDDED_WORKER: "true",
          WORKER_LEASE_MS: String(LEASE_MS),
          NEXT_TELEMETRY_DISABLED: "1",
        }),
      );
      await app.waitForOutput(/embedded worker started/);
      await waitUntil(
        "the app answers",
        async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok === true,
        30_000,
      );
      return app;
    }

    it("after a restart, every accepted event is processed exactly once, and what it missed is redelivered", async () => {
      const first = await startApp("app-kill-first");
      // Paced (about 100 conversations a second) so that customers are still writing when the app dies.
      const placing = placeConversations(env.sim, planConversations(CONVERSATIONS), { parallel: 4, pauseMs: 40 });

      await waitUntil(
        "some events are processed and more are arriving",
        async () =>
          env.sim.deliveries.length >= CONVERSATIONS / 2 && (await countDecided(env.database)) >= CONVERSATIONS / 10,
        60_000,
      );
      first.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      const decidedAtKill = await countDecided(env.database);
      expect(decidedAtKill).toBeLessThan(CONVERSATIONS);

      // Customers keep writing while the app is down: those deliveries fail.
      const placed = await placing;
      const second = await startApp("app-kill-second");
      const missed = unacknowledgedEvents(env.sim);
      console.log(
        `[app-kill] killed the app with ${decidedAtKill}/${CONVERSATIONS} events decided; ${missed.length} deliveries were not acknowledged`,
      );
      expect(missed.length).toBeGreaterThan(0);

      const answers: Record<string, number> = {};
      for (const eventId of missed) {
        const { delivery } = await env.sim.redeliver(eventId);
        const status = (delivery.body as { status?: string } | undefined)?.status ?? String(delivery.status);
        answers[status] = (answers[status] ?? 0) + 1;
        expect(delivery.status).toBe(200);
      }
      console.log(`[app-kill] redelivered: ${JSON.stringify(answers)}`);
      expect(unacknowledgedEvents(env.sim)).toEqual([]);

      await waitForQuietQueue(env.database, CONVERSATIONS, 90_000);
      await expectEachEventProcessedOnce(env.database, env.sim, placed);
      second.kill("SIGTERM");
      await second.exited;
    });
  },
);
