// The duplicate-write window: a process dies after Front accepted a reply, draft or comment but before Frontline
// recorded it. The retry must find the write in Front and record it, not post it again. End to end through the
// simulator, with a Front client that "dies" (throws) right after a write succeeds, as a kill -9 would leave it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { agentRuns, handoffs, jobs, sessionMessages, sessions } from "@/lib/db/schema";
import { FrontClient } from "@/lib/front/client";
import { findFrontWrite } from "@/lib/pipeline/front-writes";
import { DEFAULT_AGENT_SETTINGS, type DeliveryMode } from "@/lib/settings/ai-settings";
import { dbKinds } from "../helpers/db";
import { AI_TEAMMATE, UNLIMITED_RATE, SECRETS, startHarness, type Harness } from "../helpers/pipeline-harness";

const PASSWORD_MESSAGE = "Hi, how do I reset my password? The reset email never arrives.";
const HUMAN_TEAMMATE = "tea_rep7";
const WANTS_A_PERSON =
  "I was charged twice for my March invoice. I want to talk to a real person right now, this is ridiculous.";

type WriteMethod = "sendReply" | "createDraft" | "postComment" | "setAssignee";

/**
 * A Front client that loses its process once, around one kind of write: "after" lets Front take the write and then
 * throws before the caller can record it; "before" throws without sending (the intent is saved, nothing reached Front).
 * `meanwhile` runs between the write and the death: what happens in Front while the process is down.
 */
function dyingClient(
  client: FrontClient,
  die: {
    method: WriteMethod;
    when: "before" | "after";
    meanwhile?: (conversationId: string) => Promise<unknown>;
  } | null,
): FrontClient {
  let armed = die !== null;
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (!armed || property !== die?.method || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        armed = false;
        if (die.when === "before") throw new Error("the process died before sending");
        await value.apply(target, args);
        await die.meanwhile?.(args[0] as string);
        throw new Error("the process died after Front took the write");
      };
    },
  });
}

describe.each(dbKinds())("a crash between a Front write and its record, on %s", (kind) => {
  let harness: Harness;
  let realClient: FrontClient;

  beforeAll(async () => {
    harness = await startHarness(kind);
    realClient = new FrontClient({
      baseUrl: harness.sim.url,
      token: SECRETS.apiToken,
      backoffMs: 10,
      maxRetries: 2,
      rateLimiter: UNLIMITED_RATE,
    });
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    harness.agentSettings.delivery = structuredClone(DEFAULT_AGENT_SETTINGS.delivery);
    harness.sim.clearFaults();
    harness.context.front = realClient;
  });

  const db = () => harness.database.db;

  async function processed(text: string, from: string) {
    const placed = await harness.sim.sendMessage({ messageType: "email", from, subject: "Help", text });
    const event = await harness.waitForEvent(placed.eventId, 20_000);
    const [session] = await db().select().from(sessions).where(eq(sessions.frontConversationId, placed.conversationId));
    const [run] = await db().select().from(agentRuns).where(eq(agentRuns.sessionId, session.id));
    const aiMessages = (
      await db().select().from(sessionMessages).where(eq(sessionMessages.sessionId, session.id))
    ).filter((row) => row.authorType === "ai");
    return { event, session, run, aiMessages, view: harness.sim.getConversation(placed.conversationId)! };
  }

  function answerWrites(view: { replies: unknown[]; drafts: unknown[]; comments: unknown[] }) {
    return { replies: view.replies.length, drafts: view.drafts.length, comments: view.comments.length };
  }

  const modes: Array<[DeliveryMode, WriteMethod, { replies: number; drafts: number; comments: number }]> = [
    ["reply", "sendReply", { replies: 1, drafts: 0, comments: 0 }],
    ["draft", "createDraft", { replies: 0, drafts: 1, comments: 0 }],
    ["comment", "postComment", { replies: 0, drafts: 0, comments: 1 }],
  ];

  it.each(modes)(
    "an answer delivered as a %s is written to Front once when the process dies right after writing it",
    async (mode, method, expected) => {
      harness.agentSettings.delivery.email = mode;
      harness.context.front = dyingClient(realClient, { method, when: "after" });
      const { event, run, aiMessages, view } = await processed(PASSWORD_MESSAGE, `after-${mode}-${kind}@example.com`);

      expect(event.decision).toBe("processed");
      expect(answerWrites(view)).toEqual(expected);
      expect(run).toMatchObject({ deliveryStatus: "delivered", deliveryIntent: expect.objectContaining({ mode }) });
      // Recorded once, pointing at the write Front already had.
      expect(aiMessages).toHaveLength(1);
      if (mode === "draft") expect(aiMessages[0].metadata).toMatchObject({ frontDraftId: view.drafts[0].id });
      if (mode === "comment") expect(aiMessages[0].metadata).toMatchObject({ frontCommentId: view.comments[0].id });
    },
  );

  it("a reply is written once when the process dies after saving its intent but before sending it", async () => {
    harness.context.front = dyingClient(realClient, { method: "sendReply", when: "before" });
    const { event, run, aiMessages, view } = await processed(PASSWORD_MESSAGE, `before-reply-${kind}@example.com`);
    expect(event.decision).toBe("processed");
    expect(answerWrites(view)).toEqual({ replies: 1, drafts: 0, comments: 0 });
    expect(run.deliveryStatus).toBe("delivered");
    expect(aiMessages).toHaveLength(1);
  });

  it("a refused reply's stand-in comment is posted once when the process dies right after posting it", async () => {
    harness.sim.fail({
      status: 400,
      method: "POST",
      path: "/conversations/*/messages",
      message: "This channel cannot send messages",
      count: 1,
    });
    harness.context.front = dyingClient(realClient, { method: "postComment", when: "after" });
    const { session, run, aiMessages, view } = await processed(PASSWORD_MESSAGE, `refused-${kind}@example.com`);

    expect(answerWrites(view)).toEqual({ replies: 0, drafts: 0, comments: 1 });
    expect(view.comments[0].body).toContain("could not send this reply");
    expect(run.deliveryStatus).toBe("delivered");
    expect(aiMessages).toHaveLength(1);
    expect(aiMessages[0].metadata).toMatchObject({ refused: "reply", frontCommentId: view.comments[0].id });
    expect(session).toMatchObject({ status: "failed", flag: "reply_not_delivered" });
  });

  it("a handoff comment is posted once, and the conversation unassigned, when the process dies right after posting it", async () => {
    harness.context.front = dyingClient(realClient, { method: "postComment", when: "after" });
    const { event, session, run, view } = await processed(WANTS_A_PERSON, `handoff-${kind}@example.com`);

    expect(event.decision).toBe("processed");
    expect(run).toMatchObject({ outcome: "handoff", deliveryStatus: "delivered" });
    expect(view.comments).toHaveLength(1);
    expect(view.replies).toHaveLength(0);
    expect(view.assigneeChanges.filter((change) => change.via === "api")).toEqual([
      expect.objectContaining({ fromId: AI_TEAMMATE, toId: null }),
    ]);
    const [handoff] = await db().select().from(handoffs).where(eq(handoffs.runId, run.id));
    expect(handoff).toMatchObject({ frontCommentId: view.comments[0].id, commentBody: view.comments[0].body });
    expect(handoff.commentPostedAt).not.toBeNull();
    expect(handoff.unassignedAt).not.toBeNull();
    expect(session.status).toBe("handed_off");
  });

  it("a worker that lost its job to another (it stalled past its lease) does not write to Front; the new holder writes once", async () => {
    const loadActions = harness.context.loadActions;
    let stolen = false;
    // While the agent runs, another worker takes the job over, as if this one had stalled past its lease.
    harness.context.loadActions = async () => {
      if (!stolen) {
        stolen = true;
        await db().execute(
          sql`update jobs set locked_by = 'another-worker', locked_until = now() + interval '1 minute' where state = 'active'`,
        );
      }
      return loadActions();
    };
    try {
      const placed = await harness.sim.sendMessage({
        messageType: "email",
        from: `stalled-${kind}@example.com`,
        subject: "Help",
        text: PASSWORD_MESSAGE,
      });
      const [job] = await waitForJob(
        placed.conversationId,
        (row) => row.lockedBy === "another-worker" && row.state === "active",
      );
      // This worker's attempt ends at its lease check before the reply; give a wrong implementation time to post.
      await waitForRun(placed.conversationId, "completed");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(harness.sim.getConversation(placed.conversationId)!.replies).toHaveLength(0);
      expect((await db().select().from(jobs).where(eq(jobs.id, job.id)))[0]).toMatchObject({
        state: "active",
        lockedBy: "another-worker",
      });

      // "another-worker" dies in turn: its lease runs out, and the harness's worker takes the job back and replies.
      await db().execute(sql`update jobs set locked_until = now() - interval '1 second' where id = ${job.id}`);
      const event = await harness.waitForEvent(placed.eventId, 20_000);
      expect(event.decision).toBe("processed");
      expect(harness.sim.getConversation(placed.conversationId)!.replies).toHaveLength(1);
    } finally {
      harness.context.loadActions = loadActions;
    }
  });

  async function waitForJob(conversationId: string, ready: (row: typeof jobs.$inferSelect) => boolean) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const rows = await db().select().from(jobs).where(eq(jobs.orderingKey, conversationId));
      if (rows.some(ready)) return rows.filter(ready);
      if (Date.now() > deadline) throw new Error(`job of ${conversationId} never got there: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function waitForRun(conversationId: string, status: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [session] = await db().select().from(sessions).where(eq(sessions.frontConversationId, conversationId));
      const [run] = session ? await db().select().from(agentRuns).where(eq(agentRuns.sessionId, session.id)) : [];
      if (run?.status === status) return run;
      if (Date.now() > deadline) throw new Error(`run of ${conversationId} never ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it.each([
    ["a handoff", WANTS_A_PERSON, "reply"],
    ["a draft", PASSWORD_MESSAGE, "draft"],
  ] as const)(
    "%s whose unassign went through before the process died leaves alone the teammate who took the conversation meanwhile",
    async (what, text, mode) => {
      harness.agentSettings.delivery.email = mode;
      harness.context.front = dyingClient(realClient, {
        method: "setAssignee",
        when: "after",
        meanwhile: (conversationId) => harness.sim.assign(conversationId, HUMAN_TEAMMATE, { by: HUMAN_TEAMMATE }),
      });
      const { event, session, view } = await processed(text, `unassigned-${mode}-${kind}@example.com`);

      expect(event.decision).toBe("processed");
      expect(view.assigneeId).toBe(HUMAN_TEAMMATE);
      // The AI unassigned once; the retry saw the teammate's assignment and did not undo it.
      expect(view.assigneeChanges.filter((change) => change.via === "api")).toEqual([
        expect.objectContaining({ fromId: AI_TEAMMATE, toId: null }),
      ]);
      expect(session.status).toBe("handed_off");
    },
  );

  it("looks only at writes made since the intent: an older identical comment is not taken for it", async () => {
    const placed = await harness.sim.sendMessage({
      messageType: "email",
      from: `window-${kind}@example.com`,
      text: "Hello",
      assigneeId: null,
    });
    await realClient.postComment(placed.conversationId, "Same words", AI_TEAMMATE);
    const write = { kind: "comment" as const, body: "Same words", authorId: AI_TEAMMATE };
    expect(await findFrontWrite(realClient, placed.conversationId, { ...write, since: new Date() })).not.toBeNull();
    expect(
      await findFrontWrite(realClient, placed.conversationId, { ...write, since: new Date(Date.now() + 60_000) }),
    ).toBeNull();
    expect(
      await findFrontWrite(realClient, placed.conversationId, {
        ...write,
        since: new Date(),
        authorId: "tea_someone_else",
      }),
    ).toBeNull();
  });
});
