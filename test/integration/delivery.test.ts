// Delivery per channel (Settings → AI): reply, shared draft for a teammate, or internal comment. End to end: the
// simulator delivers a signed webhook, the worker runs the offline model and delivers to the simulator's Core API,
// and each test checks exactly which Front calls were made, what Front now holds and what the session records.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { agentRuns, jobs, sessionMessages, type WebhookEvent } from "@/lib/db/schema";
import { FrontClient } from "@/lib/front/client";
import { rerunEvent } from "@/lib/troubleshooting/rerun";
import type { Channel } from "@/lib/front/channels";
import { CALLBACK_REASON, COMMENTED_REASON, DRAFTED_REASON } from "@/lib/pipeline/deliver";
import { textToHtml } from "@/lib/pipeline/handoff-comment";
import type { DeliveryMode } from "@/lib/settings/ai-settings";
import { createModel } from "@/lib/agent/model";
import { dbKinds } from "../helpers/db";
import { startOpenAIStandIn, type OpenAIStandIn } from "../helpers/openai-stand-in";
import {
  AI_TEAMMATE,
  HARNESS_AGENT_SETTINGS,
  SIM_TEXT_BACK_CHANNEL,
  UNLIMITED_RATE,
  SECRETS,
  startHarness,
  type Harness,
} from "../helpers/pipeline-harness";

const PASSWORD_CALL =
  "Voicemail transcript\nHi, this is Sam. Quick question: how do I reset my password? The reset email never arrives. Thanks.";
const PASSWORD_MESSAGE = "Hi, how do I reset my password? The reset email never arrives.";
const WANTS_A_PERSON =
  "Call transcript (3m09s)\nCustomer: Hi, I was charged twice for my March invoice and I've called three times already.\nCustomer: No. I want to talk to a real person right now, this is ridiculous.";

/** Front message types that reach each channel. */
const CHANNEL_MESSAGE_TYPES: Record<Exclude<Channel, "voice">, string> = {
  email: "email",
  sms: "sms",
  whatsapp: "whatsapp",
  web: "front_chat",
};
const CHANNELS: Channel[] = ["voice", "email", "sms", "whatsapp", "web"];
const MODES: DeliveryMode[] = ["reply", "draft", "comment"];

/** The Core API writes each mode makes, in order: method and the part of the path after the conversation id. */
const EXPECTED_WRITES: Record<DeliveryMode, string[]> = {
  reply: ["POST /messages"],
  draft: ["POST /drafts", "PUT /assignee"],
  comment: ["POST /comments", "PUT /assignee"],
};

describe.each(dbKinds())("delivery per channel, on %s", (kind) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(kind);
    harness.context.front = new FrontClient({
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
    harness.reset();
  });

  const db = () => harness.database.db;

  async function aiMessagesOf(sessionId: string) {
    const rows = await db()
      .select()
      .from(sessionMessages)
      .where(eq(sessionMessages.sessionId, sessionId))
      .orderBy(asc(sessionMessages.sentAt), asc(sessionMessages.recordedAt));
    return rows.filter((row) => row.authorType === "ai");
  }

  async function runOf(sessionId: string) {
    const [run] = await db().select().from(agentRuns).where(eq(agentRuns.sessionId, sessionId));
    return run;
  }

  /**
   * The event's job once the worker has finished with it. The worker records the event's decision before it marks
   * the job done, so right after waitForEvent the job can still read "active".
   */
  async function settledJobOf(event: WebhookEvent) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [job] = await db()
        .select()
        .from(jobs)
        .where(sql`(${jobs.payload}->>'webhookEventId')::bigint = ${event.id}`);
      if (job && job.state !== "active" && job.state !== "pending") return job;
      if (Date.now() > deadline) throw new Error(`job of event ${event.id} still ${job?.state ?? "missing"}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  function conversation(id: string) {
    const found = harness.sim.getConversation(id);
    if (!found) throw new Error(`conversation ${id} is not in the simulator`);
    return found;
  }

  /** Core API writes on one conversation as "METHOD /sub-path", oldest first. */
  function writes(conversationId: string): string[] {
    const prefix = `/conversations/${conversationId}`;
    return harness.sim.requests
      .filter((request) => request.method !== "GET" && request.pathname.startsWith(prefix))
      .map((request) => `${request.method} ${request.pathname.slice(prefix.length) || "/"}`);
  }

  /** A customer asks how to reset their password (the offline model answers it) on a channel; returns once processed. */
  async function askOn(channel: Channel, from?: string) {
    const placed =
      channel === "voice"
        ? await harness.sim.placeCall({
            from: from ?? "+14155550188",
            text: PASSWORD_CALL,
            answered: false,
            durationSeconds: 41,
          })
        : await harness.sim.sendMessage({
            messageType: CHANNEL_MESSAGE_TYPES[channel],
            from: from ?? (channel === "email" ? "sam@example.com" : "+14155550188"),
            subject: channel === "email" ? "Password reset" : undefined,
            text: PASSWORD_MESSAGE,
          });
    const event = await harness.waitForEvent(placed.eventId, 20_000);
    return { placed, event };
  }

  describe("each mode on each channel makes exactly its Front calls", () => {
    const cases = CHANNELS.flatMap((channel) => MODES.map((mode) => [channel, mode] as const));

    it.each(cases)("%s, %s", async (channel, mode) => {
      harness.agentSettings.delivery[channel] = mode;
      const { placed, event } = await askOn(channel);
      const session = await harness.sessionOf(placed.conversationId);
      const run = await runOf(session.id);
      expect(run).toMatchObject({ outcome: "reply", deliveryStatus: "delivered" });
      const answer = run.replyText!;
      expect(answer).toMatch(/password/i);

      expect(writes(placed.conversationId)).toEqual(EXPECTED_WRITES[mode]);
      const view = conversation(placed.conversationId);
      const [aiMessage, ...others] = await aiMessagesOf(session.id);
      expect(others).toEqual([]);
      expect(aiMessage).toMatchObject({
        text: answer,
        direction: "outbound",
        messageType: mode,
        metadata: expect.objectContaining({ runId: run.id, deliveryMode: mode }),
      });

      // A call is answered on the SMS channel picked for texting back, to the caller's number.
      const textBack = channel === "voice" ? { channelId: SIM_TEXT_BACK_CHANNEL.id, to: [session.contactHandle] } : {};
      if (mode === "reply") {
        expect(view.replies).toEqual([
          expect.objectContaining({ authorId: AI_TEAMMATE, archived: false, ...textBack }),
        ]);
        if (channel === "voice")
          expect(aiMessage.metadata).toMatchObject({
            deliveredAs: `Texted back from ${SIM_TEXT_BACK_CHANNEL.address} to ${session.contactHandle}`,
          });
        expect(view.drafts).toEqual([]);
        expect(view.comments).toEqual([]);
        expect(view.assigneeId).toBe(AI_TEAMMATE);
        expect(session).toMatchObject({ status: "answered", statusReason: null, flag: null });
        expect(event).toMatchObject({ decision: "processed", decisionReason: "the AI replied" });
        return;
      }
      expect(view.replies).toEqual([]);
      expect(view.assigneeId).toBeNull();
      expect(view.status).toBe("unassigned");
      expect(session).toMatchObject({ status: "handed_off", flag: null, handoffReason: null });
      if (mode === "draft") {
        expect(view.comments).toEqual([]);
        expect(view.drafts).toEqual([
          expect.objectContaining({
            draft_mode: "shared",
            author: expect.objectContaining({ id: AI_TEAMMATE }),
            body: textToHtml(answer),
          }),
        ]);
        expect(aiMessage.metadata).toMatchObject({ frontDraftId: view.drafts[0].id });
        if (channel === "voice") expect(run.deliveryIntent).toMatchObject(textBack);
        expect(session.statusReason).toBe(DRAFTED_REASON);
        expect(event).toMatchObject({
          decision: "processed",
          decisionReason: "the AI left its answer as a shared draft for a teammate",
        });
      } else {
        expect(view.drafts).toEqual([]);
        expect(view.comments).toHaveLength(1);
        expect(view.comments[0]).toMatchObject({ author: expect.objectContaining({ id: AI_TEAMMATE }) });
        expect(view.comments[0].body).toContain(answer);
        expect(view.comments[0].body).toContain(`http://frontline.test/inbox/${session.id}`);
        expect(aiMessage.metadata).toMatchObject({ frontCommentId: view.comments[0].id });
        if (channel === "voice") {
          // A note for whoever calls back: the answer, the article it came from and the number to call.
          expect(view.comments[0].body).toMatch(
            new RegExp(
              `^\\*\\*Frontline AI suggests this answer for the callback to \\${session.contactHandle}:\\*\\*\\n\\n`,
            ),
          );
          expect(view.comments[0].body).toMatch(/\*\*From the article:\*\* .*password/i);
          expect(aiMessage.metadata).toMatchObject({
            callback: true,
            deliveredAs: `Note left for the callback to ${session.contactHandle}`,
          });
          expect(session.statusReason).toBe(CALLBACK_REASON);
          expect(event).toMatchObject({
            decision: "processed",
            decisionReason: "the AI left its answer in a note for whoever calls the customer back",
          });
          return;
        }
        expect(view.comments[0].body).toMatch(/^\*\*Suggested reply from Frontline AI:\*\*\n\n/);
        expect(session.statusReason).toBe(COMMENTED_REASON);
        expect(event).toMatchObject({
          decision: "processed",
          decisionReason: "the AI posted its answer as an internal comment for a teammate",
        });
      }
    });
  });

  it("applies each channel's own setting: a call left as a draft, an email replied to", async () => {
    harness.agentSettings.delivery.voice = "draft";
    harness.agentSettings.delivery.email = "reply";
    const call = await askOn("voice", "+14155550177");
    const email = await askOn("email", "jo@example.com");

    expect(writes(call.placed.conversationId)).toEqual(["POST /drafts", "PUT /assignee"]);
    expect(conversation(call.placed.conversationId)).toMatchObject({
      replies: [],
      assigneeId: null,
      drafts: [expect.objectContaining({ draft_mode: "shared", type: "sms" })],
    });
    expect(await harness.sessionOf(call.placed.conversationId)).toMatchObject({
      channel: "voice",
      status: "handed_off",
      statusReason: DRAFTED_REASON,
    });

    expect(writes(email.placed.conversationId)).toEqual(["POST /messages"]);
    expect(conversation(email.placed.conversationId)).toMatchObject({
      drafts: [],
      comments: [],
      assigneeId: AI_TEAMMATE,
      replies: [expect.objectContaining({ archived: false })],
    });
    expect(await harness.sessionOf(email.placed.conversationId)).toMatchObject({
      channel: "email",
      status: "answered",
    });
  });

  it("archives on reply only for real replies: a draft leaves the conversation open for the teammate", async () => {
    harness.settings.archiveOnReply = true;
    harness.agentSettings.delivery.sms = "draft";
    const drafted = await askOn("sms", "+14155550166");
    expect(writes(drafted.placed.conversationId)).toEqual(["POST /drafts", "PUT /assignee"]);
    expect(conversation(drafted.placed.conversationId).status).toBe("unassigned");
    expect(await harness.sessionOf(drafted.placed.conversationId)).toMatchObject({
      status: "handed_off",
      resolvedAt: null,
    });

    harness.agentSettings.delivery.sms = "reply";
    const replied = await askOn("sms", "+14155550165");
    expect(writes(replied.placed.conversationId)).toEqual(["POST /messages", "PATCH /"]);
    expect(conversation(replied.placed.conversationId).status).toBe("archived");
    expect(await harness.sessionOf(replied.placed.conversationId)).toMatchObject({ status: "resolved" });
  });

  it.each(["draft", "comment"] as const)(
    "a handoff stays a handoff comment and an unassign when the channel's mode is %s",
    async (mode) => {
      harness.agentSettings.delivery.voice = mode;
      const placed = await harness.sim.placeCall({ from: "+14155550123", text: WANTS_A_PERSON });
      expect(await harness.waitForEvent(placed.eventId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI handed off to a person",
      });
      expect(writes(placed.conversationId)).toEqual(["POST /comments", "PUT /assignee"]);
      const view = conversation(placed.conversationId);
      expect(view.drafts).toEqual([]);
      expect(view.comments[0].body).toMatch(/handed this conversation to the team/);
      const session = await harness.sessionOf(placed.conversationId);
      expect(session).toMatchObject({ status: "handed_off", handoffReason: "user_requested_human_assistance" });
      expect(await aiMessagesOf(session.id)).toEqual([]);
    },
  );

  describe("retries never post twice", () => {
    it.each(["draft", "comment"] as const)(
      "%s: the unassign fails with 5xx on the first attempt; the retry only unassigns",
      async (mode) => {
        harness.agentSettings.delivery.web = mode;
        // Three 503s use up the client's own retries (maxRetries 2), so the job's first attempt fails after the post.
        harness.sim.fail({ status: 503, method: "PUT", path: "/conversations/*/assignee", count: 3 });
        const { placed, event } = await askOn("web");
        expect(event).toMatchObject({ decision: "processed", error: null });
        expect(await settledJobOf(event)).toMatchObject({ state: "done", attempts: 2 });

        const post = mode === "draft" ? "POST /drafts" : "POST /comments";
        expect(writes(placed.conversationId)).toEqual([
          post,
          "PUT /assignee",
          "PUT /assignee",
          "PUT /assignee",
          "PUT /assignee",
        ]);
        const view = conversation(placed.conversationId);
        expect(view.drafts).toHaveLength(mode === "draft" ? 1 : 0);
        expect(view.comments).toHaveLength(mode === "comment" ? 1 : 0);
        expect(view.assigneeId).toBeNull();
        const session = await harness.sessionOf(placed.conversationId);
        expect(session).toMatchObject({
          status: "handed_off",
          statusReason: mode === "draft" ? DRAFTED_REASON : COMMENTED_REASON,
        });
        expect(await aiMessagesOf(session.id)).toHaveLength(1);
      },
    );

    it("a draft answered with 5xx is not sent again at once: each job retry looks for it in Front first, and it is created once", async () => {
      harness.agentSettings.delivery.email = "draft";
      harness.sim.fail({ status: 502, method: "POST", path: "/conversations/*/drafts", count: 3 });
      const { placed, event } = await askOn("email", "kim@example.com");
      expect(event).toMatchObject({
        decision: "processed",
        decisionReason: "the AI left its answer as a shared draft for a teammate",
      });
      // Front may have applied a POST it answered 5xx: the client leaves the retry to the job, which checks first.
      expect(await settledJobOf(event)).toMatchObject({ state: "done", attempts: 4 });
      const draftLookups = harness.sim.requests.filter(
        (request) => request.method === "GET" && request.pathname === `/conversations/${placed.conversationId}/drafts`,
      );
      expect(draftLookups).toHaveLength(3);
      expect(writes(placed.conversationId)).toEqual([
        "POST /drafts",
        "POST /drafts",
        "POST /drafts",
        "POST /drafts",
        "PUT /assignee",
      ]);
      expect(conversation(placed.conversationId).drafts).toHaveLength(1);
    });

    it("an unassign that fails on every attempt leaves one draft; re-running the event later only unassigns", async () => {
      harness.agentSettings.delivery.voice = "draft";
      harness.sim.fail({ status: 503, method: "PUT", path: "/conversations/*/assignee", count: 1000 });
      const { placed, event } = await askOn("voice", "+14155550144");
      expect(event).toMatchObject({ decision: "failed", decisionReason: "processing failed after every retry" });
      expect(event.error).toMatch(/503/);
      const job = await settledJobOf(event);
      expect(job).toMatchObject({ state: "failed" });
      expect(writes(placed.conversationId).filter((write) => write === "POST /drafts")).toHaveLength(1);
      expect(conversation(placed.conversationId)).toMatchObject({
        assigneeId: AI_TEAMMATE,
        drafts: [expect.anything()],
      });
      const failed = await harness.sessionOf(placed.conversationId);
      expect(failed).toMatchObject({ status: "failed", statusReason: expect.stringContaining("503") });
      // The lead still sees the answer, and that it went to Front as a draft.
      expect(await aiMessagesOf(failed.id)).toEqual([expect.objectContaining({ messageType: "draft" })]);

      // Front recovers; a lead re-runs the event from the troubleshooting page, even after switching the channel to replies.
      harness.sim.clearFaults();
      harness.sim.clearRequests();
      harness.agentSettings.delivery.voice = "reply";
      const rerun = await rerunEvent(db(), event.id);
      if (rerun.status !== "queued") throw new Error(`re-run not queued: ${rerun.status}`);
      expect(await harness.waitForAttempt(rerun.attemptId)).toMatchObject({
        decision: "processed",
        decisionReason: "the AI left its answer as a shared draft for a teammate",
      });
      expect(writes(placed.conversationId)).toEqual(["PUT /assignee"]);
      expect(conversation(placed.conversationId)).toMatchObject({
        assigneeId: null,
        replies: [],
        drafts: [expect.anything()],
      });
      expect(await harness.sessionOf(placed.conversationId)).toMatchObject({
        status: "handed_off",
        statusReason: DRAFTED_REASON,
        flag: null,
      });
    });
  });

  describe("when Front refuses", () => {
    it("a refused draft becomes an internal comment, the conversation goes to the team, and the session is flagged", async () => {
      harness.agentSettings.delivery.whatsapp = "draft";
      harness.sim.fail({
        status: 403,
        method: "POST",
        path: "/conversations/*/drafts",
        message: "Drafts are not allowed in this inbox",
      });
      const { placed, event } = await askOn("whatsapp");
      expect(event).toMatchObject({
        decision: "processed",
        decisionReason: "Front refused the AI's draft: the answer is posted as an internal comment",
        error: null,
      });
      expect(await settledJobOf(event)).toMatchObject({ state: "done", attempts: 1 });

      expect(writes(placed.conversationId)).toEqual(["POST /drafts", "POST /comments", "PUT /assignee"]);
      const view = conversation(placed.conversationId);
      expect(view).toMatchObject({ drafts: [], replies: [], assigneeId: null });
      const session = await harness.sessionOf(placed.conversationId);
      const run = await runOf(session.id);
      expect(view.comments).toHaveLength(1);
      expect(view.comments[0].body).toMatch(/could not leave this answer as a draft/);
      expect(view.comments[0].body).toContain("Drafts are not allowed in this inbox");
      expect(view.comments[0].body).toContain(run.replyText);
      expect(session).toMatchObject({
        status: "failed",
        flag: "reply_not_delivered",
        statusReason: expect.stringMatching(/^Front refused the draft: .*Drafts are not allowed/),
      });
      expect(await aiMessagesOf(session.id)).toEqual([
        expect.objectContaining({
          messageType: "comment",
          text: run.replyText,
          metadata: expect.objectContaining({
            deliveryMode: "comment",
            refused: "draft",
            frontCommentId: view.comments[0].id,
          }),
        }),
      ]);
    });

    it("a refused reply is kept as an internal comment, recorded on the session as one, and the conversation stays with the AI", async () => {
      harness.sim.fail({
        status: 400,
        method: "POST",
        path: "/conversations/*/messages",
        message: "This channel cannot send messages",
      });
      const { placed, event } = await askOn("sms", "+14155550133");
      expect(event).toMatchObject({
        decision: "processed",
        decisionReason: "Front refused the AI's reply: the answer is posted as an internal comment",
      });
      expect(writes(placed.conversationId)).toEqual(["POST /messages", "POST /comments"]);
      expect(conversation(placed.conversationId).assigneeId).toBe(AI_TEAMMATE);
      const session = await harness.sessionOf(placed.conversationId);
      expect(session).toMatchObject({ status: "failed", flag: "reply_not_delivered" });
      expect(await aiMessagesOf(session.id)).toEqual([
        expect.objectContaining({ messageType: "comment", metadata: expect.objectContaining({ refused: "reply" }) }),
      ]);
    });
  });
});

describe.each(dbKinds())("an answer left for a teammate, in the model's next turn, on %s", (kind) => {
  let harness: Harness;
  let standIn: OpenAIStandIn;
  beforeAll(async () => {
    standIn = await startOpenAIStandIn();
    const model = createModel({ model: "openai-compatible:stand-in", baseUrl: standIn.url, apiKey: "sk-local" });
    harness = await startHarness(kind, {
      model,
      handleUnassigned: true,
      agentSettings: { delivery: { ...HARNESS_AGENT_SETTINGS.delivery, sms: "draft" } },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await standIn?.close();
  });

  it("is shown to the model as not sent to the customer", async () => {
    standIn.script(
      { kind: "text", text: "Use Forgot password on the sign-in page." },
      { kind: "text", text: "A teammate will send you the steps shortly." },
    );

    const first = await harness.sim.sendMessage({ messageType: "sms", from: "+14155550122", text: PASSWORD_MESSAGE });
    expect(await harness.waitForEvent(first.eventId)).toMatchObject({
      decision: "processed",
      decisionReason: "the AI left its answer as a shared draft for a teammate",
    });
    // Unassigned now; with "handle unassigned conversations" on, the AI still takes the customer's next message.
    const second = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550122",
      text: "Hello? Anyone there?",
      conversationId: first.conversationId,
    });
    expect(await harness.waitForEvent(second.eventId)).toMatchObject({ decision: "processed" });

    const history = standIn.requests[1].body.messages.filter((message) => message.role !== "system");
    expect(history.map((message) => [message.role, message.content])).toEqual([
      ["user", PASSWORD_MESSAGE],
      [
        "assistant",
        "[Left as a draft for a teammate; not sent to the customer]: Use Forgot password on the sign-in page.",
      ],
      ["user", "Hello? Anyone there?"],
    ]);
  });
});
