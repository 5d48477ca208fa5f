// Two `npm run worker` processes on one Postgres share the queue: no event is processed twice, and the events of
// one conversation run one at a time, in the order the customer wrote them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, inArray } from "drizzle-orm";
import { agentRuns, jobs, sessions } from "@/lib/db/schema";
import { comparableContent } from "@/lib/pipeline/front-writes";
import { textToHtml } from "@/lib/pipeline/handoff-comment";
import {
  NEEDS_POSTGRES,
  SERVER_URL,
  expectEachEventProcessedOnce,
  placeConversations,
  planConversations,
  startFaultEnvironment,
  waitForQuietQueue,
  type FaultEnvironment,
} from "./processes";

/** 30 conversations where the customer writes three times in a row, and 60 with a single message. */
const CONVERSATIONS = 90;
const messagesEach = (index: number) => (index % 3 === 0 ? 3 : 1);
/** Long enough that no live worker loses a job on a busy machine: this test is about sharing, not takeover. */
const LEASE_MS = 30_000;

describe.skipIf(!SERVER_URL)(
  `two worker processes sharing one queue${SERVER_URL ? "" : ` (skipped: ${NEEDS_POSTGRES})`}`,
  () => {
    let env: FaultEnvironment;

    beforeAll(async () => {
      env = await startFaultEnvironment();
      await env.serveIngestHere();
    });
    afterAll(async () => {
      await env?.close();
    });

    it("process each event once, and a conversation's events one at a time and in order", async () => {
      const workers = [env.startWorker("two-workers-a", LEASE_MS), env.startWorker("two-workers-b", LEASE_MS)];
      await Promise.all(workers.map((worker) => worker.waitForOutput(/processing Front events/)));
      const plan = planConversations(CONVERSATIONS, messagesEach);
      const placed = await placeConversations(env.sim, plan);
      const eventCount = placed.reduce((total, conversation) => total + conversation.eventIds.length, 0);
      await waitForQuietQueue(env.database, eventCount, 90_000);

      await expectEachEventProcessedOnce(env.database, env.sim, placed);
      const allJobs = await env.database.db.select().from(jobs);
      // Each job was claimed once (a second claim would be a second run of the same event), and both workers took part.
      expect(allJobs.filter((job) => job.attempts !== 1).map((job) => `${job.id}: ${job.attempts} attempts`)).toEqual(
        [],
      );
      const jobsPerWorker = new Map<string, number>();
      for (const job of allJobs)
        jobsPerWorker.set(job.lockedBy ?? "none", (jobsPerWorker.get(job.lockedBy ?? "none") ?? 0) + 1);
      console.log(
        `[two-workers] ${eventCount} events; jobs per worker: ${JSON.stringify(Object.fromEntries(jobsPerWorker))}`,
      );
      expect(jobsPerWorker.size).toBe(2);

      // One at a time and in order: each run of a conversation starts after the previous one was delivered to Front,
      // and the runs follow the customer's messages.
      const multi = placed.filter((conversation) => conversation.messageIds.length > 1);
      const sessionRows = await env.database.db
        .select()
        .from(sessions)
        .where(
          inArray(
            sessions.frontConversationId,
            multi.map((conversation) => conversation.conversationId),
          ),
        );
      const sessionOf = new Map(sessionRows.map((session) => [session.frontConversationId, session.id]));
      const problems: string[] = [];
      for (const conversation of multi) {
        const runs = await env.database.db
          .select()
          .from(agentRuns)
          .where(inArray(agentRuns.sessionId, [sessionOf.get(conversation.conversationId)!]))
          .orderBy(asc(agentRuns.startedAt));
        const order = runs.map((run) => run.triggerMessageId);
        if (JSON.stringify(order) !== JSON.stringify(conversation.messageIds))
          problems.push(`${conversation.conversationId}: ran ${order} for ${conversation.messageIds}`);
        for (let turn = 1; turn < runs.length; turn++) {
          const previous = runs[turn - 1];
          if (!previous.deliveredAt || previous.deliveredAt > runs[turn].startedAt) {
            problems.push(
              `${conversation.conversationId}: run ${turn + 1} started at ${runs[turn].startedAt.toISOString()} before run ${turn} was delivered (${previous.deliveredAt?.toISOString()})`,
            );
          }
        }
        // And Front received the answers in that order.
        const replies = env.sim
          .getConversation(conversation.conversationId)!
          .replies.map((reply) => comparableContent(reply.body));
        if (
          JSON.stringify(replies) !==
          JSON.stringify(runs.map((run) => comparableContent(textToHtml(run.replyText ?? ""))))
        ) {
          problems.push(`${conversation.conversationId}: replies reached Front out of order`);
        }
      }
      expect(problems).toEqual([]);

      // The order was really at stake: a conversation's next event was queued while its previous one still ran.
      const waited = multi.filter((conversation) => {
        const own = allJobs
          .filter((job) => job.orderingKey === conversation.conversationId)
          .sort((a, b) => a.id - b.id);
        return own.some(
          (job, turn) => turn > 0 && own[turn - 1].finishedAt !== null && job.createdAt < own[turn - 1].finishedAt!,
        );
      });
      console.log(
        `[two-workers] ${waited.length}/${multi.length} multi-message conversations had an event queued behind a running one`,
      );
      expect(waited.length).toBeGreaterThan(multi.length / 2);
    });
  },
);
