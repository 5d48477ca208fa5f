import { afterEach, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { agentRuns, agentSteps, handoffs, sessionMessages, sessions } from "@/lib/db/schema";
import { dbKinds } from "../helpers/db";
import { fixture } from "../helpers/fixtures";
import { AI_TEAMMATE, startHarness, type Harness } from "../helpers/pipeline-harness";

type FixtureMessage = {
  text: string;
  type: string;
  metadata: { duration: number; have_been_answered: boolean };
  recipients: { handle: string; role: string }[];
};
function fixtureCall(name: string) {
  const message = fixture<{ payload: { target: { data: FixtureMessage } } }>(name).payload.target.data;
  return {
    from: message.recipients.find((recipient) => recipient.role === "from")!.handle,
    text: message.text,
    durationSeconds: message.metadata.duration,
    answered: message.metadata.have_been_answered,
  };
}

describe.each(dbKinds())("pipeline over HTTP with the Front simulator, on %s", (kind) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("hands off the fixture's angry call: one comment with summary and sentiment, then unassigned", async () => {
    harness = await startHarness(kind);
    const placed = await harness.sim.placeCall({ ...fixtureCall("app-inbound-call-handoff"), assigneeId: AI_TEAMMATE });
    expect(placed.delivery.status).toBe(200);
    const event = await harness.waitForEvent(placed.eventId);
    expect(event).toMatchObject({ decision: "processed", decisionReason: "the AI handed off to a person" });

    const conversation = harness.sim.getConversation(placed.conversationId)!;
    expect(conversation.comments).toHaveLength(1);
    expect(conversation.replies).toHaveLength(0);
    const comment = conversation.comments[0].body;
    expect(comment).toMatch(/\*\*Summary:\*\* .*charged twice/i);
    expect(comment).toMatch(/\*\*Sentiment:\*\* (Angry|Frustrated)/);
    expect(comment).toContain("user_requested_human_assistance");
    expect(comment).toContain("http://frontline.test/inbox/");
    expect(conversation.assignee).toBeNull();
    expect(conversation.status).toBe("unassigned");

    const session = await harness!.sessionOf(placed.conversationId);
    expect(session).toMatchObject({ channel: "voice", status: "handed_off", contactHandle: "+14155550123" });
    expect(["angry", "frustrated"]).toContain(session.sentiment);
    const [handoff] = await harness.database.db.select().from(handoffs).where(eq(handoffs.sessionId, session.id));
    expect(handoff).toMatchObject({
      reason: "user_requested_human_assistance",
      frontCommentId: conversation.comments[0].id,
    });
    expect(handoff.unassignedAt).not.toBeNull();
    const [run] = await harness.database.db.select().from(agentRuns).where(eq(agentRuns.sessionId, session.id));
    const steps = await harness.database.db
      .select()
      .from(agentSteps)
      .where(eq(agentSteps.runId, run.id))
      .orderBy(asc(agentSteps.position));
    expect(steps.map((step) => step.kind)).toContain("reasoning");
    const toolCall = steps.find((step) => step.toolName === "handoff_to_human")!;
    expect(toolCall.input).toMatchObject({ reason: "user_requested_human_assistance" });
    expect(run).toMatchObject({ status: "completed", outcome: "handoff", deliveryStatus: "delivered", model: "local" });
  });

  it("answers the fixture's voicemail question from the knowledge base, once, without archiving", async () => {
    harness = await startHarness(kind, { handleUnassigned: true });
    const placed = await harness.sim.placeCall({ ...fixtureCall("app-inbound-call-question"), assigneeId: null });
    const event = await harness.waitForEvent(placed.eventId);
    expect(event.decision).toBe("processed");

    const conversation = harness.sim.getConversation(placed.conversationId)!;
    expect(conversation.comments).toHaveLength(0);
    expect(conversation.replies).toHaveLength(1);
    expect(conversation.replies[0].options).toMatchObject({ archive: false });
    expect(conversation.replies[0].archived).toBe(false);
    const replyBody = conversation.messages.find((message) => !message.is_inbound)?.body ?? "";
    expect(replyBody).toMatch(/Forgot password/);
    expect(replyBody).toMatch(/Resetting your password/);

    const session = await harness!.sessionOf(placed.conversationId);
    expect(session).toMatchObject({ status: "answered", channel: "voice" });
    const [searchStep] = await harness.database.db
      .select()
      .from(agentSteps)
      .innerJoin(agentRuns, eq(agentRuns.id, agentSteps.runId))
      .where(eq(agentSteps.toolName, "search_knowledge_base"));
    expect((searchStep.agent_steps.output as { results: { title: string }[] }).results[0].title).toBe(
      "Resetting your password",
    );
    const messages = await harness.database.db
      .select()
      .from(sessionMessages)
      .where(eq(sessionMessages.sessionId, session.id));
    expect(messages.map((message) => message.authorType).sort()).toEqual(["ai", "customer"]);
  });

  it("leaves a call assigned to another teammate alone and records why", async () => {
    harness = await startHarness(kind, { handleUnassigned: true });
    const placed = await harness.sim.placeCall({
      ...fixtureCall("app-inbound-call-other-assignee"),
      assigneeId: "tea_rep7",
    });
    const event = await harness.waitForEvent(placed.eventId);
    expect(event.decision).toBe("skipped");
    expect(event.decisionReason).toMatch(/assigned to Dana Reyes \(tea_rep7\)/);
    const conversation = harness.sim.getConversation(placed.conversationId)!;
    expect(conversation.comments).toHaveLength(0);
    expect(conversation.replies).toHaveLength(0);
    expect(conversation.assignee?.id).toBe("tea_rep7");
    expect(harness.sim.requests.filter((request) => request.method !== "GET")).toHaveLength(0);
    expect(await harness!.sessionOf(placed.conversationId)).toMatchObject({
      status: "skipped",
      statusReason: expect.stringContaining("tea_rep7"),
    });
  });

  it("skips unassigned conversations when handling them is off", async () => {
    harness = await startHarness(kind, { handleUnassigned: false });
    const placed = await harness.sim.placeCall({ ...fixtureCall("app-inbound-call-question"), assigneeId: null });
    const event = await harness.waitForEvent(placed.eventId);
    expect(event).toMatchObject({ decision: "skipped", decisionReason: expect.stringContaining("unassigned") });
    expect(harness.sim.getConversation(placed.conversationId)!.replies).toHaveLength(0);
  });

  it("processes an event delivered three times exactly once", async () => {
    harness = await startHarness(kind);
    const placed = await harness.sim.placeCall({ ...fixtureCall("app-inbound-call-handoff"), assigneeId: AI_TEAMMATE });
    const again = await harness.sim.redeliver(placed.eventId);
    const third = await harness.sim.redeliver(placed.eventId);
    expect([again.delivery.status, third.delivery.status]).toEqual([200, 200]);
    const event = await harness.waitForEvent(placed.eventId);
    expect(event.deliveryCount).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const all = await harness.database.db.select().from(sessions);
    expect(all).toHaveLength(1);
    expect(harness.sim.getConversation(placed.conversationId)!.comments).toHaveLength(1);
  });

  it("fetches a rule webhook preview through the API before processing it", async () => {
    harness = await startHarness(kind, { handleUnassigned: true });
    harness.sim.configure({ webhookKind: "rule", rulePreview: true });
    const placed = await harness.sim.placeCall({
      from: "+14155550177",
      text: "Call transcript\nCustomer: How long does delivery take? My order was due Friday.",
      assigneeId: AI_TEAMMATE,
      messageType: "phone-call",
    });
    expect(placed.delivery.status).toBe(200);
    const event = await harness.waitForEvent(placed.eventId);
    expect(event.kind).toBe("rule");
    expect(event.decision).toBe("processed");
    const fetched = harness.sim.requests
      .filter((request) => request.method === "GET")
      .map((request) => request.pathname);
    expect(fetched).toContain(`/messages/${placed.messageId}`);
    expect(fetched).toContain(`/conversations/${placed.conversationId}`);
    const session = await harness!.sessionOf(placed.conversationId);
    expect(session.channel).toBe("voice");
    expect(["answered", "handed_off"]).toContain(session.status);
  });

  it("hands off with reason `error` when the model fails, so the customer is never left alone", async () => {
    const { MockLanguageModelV3 } = await import("ai/test");
    const broken = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new Error("model service unavailable");
      },
    });
    harness = await startHarness(kind, { model: broken });
    const placed = await harness.sim.placeCall({
      from: "+14155550100",
      text: "Customer: Where is my order?",
      assigneeId: AI_TEAMMATE,
    });
    const event = await harness.waitForEvent(placed.eventId);
    expect(event.decision).toBe("processed");
    const conversation = harness.sim.getConversation(placed.conversationId)!;
    expect(conversation.comments).toHaveLength(1);
    expect(conversation.comments[0].body).toContain("`error`");
    expect(conversation.assignee).toBeNull();
    const session = await harness!.sessionOf(placed.conversationId);
    const [run] = await harness.database.db.select().from(agentRuns).where(eq(agentRuns.sessionId, session.id));
    expect(run).toMatchObject({ status: "failed", outcome: "handoff", deliveryStatus: "delivered" });
    expect(run.error).toContain("model service unavailable");
  });

  it("retries when Front fails and surfaces the session as failed after the last retry, without posting twice", async () => {
    harness = await startHarness(kind);
    harness.sim.fail({ status: 503, method: "PUT", path: "/conversations/*/assignee", count: 100 });
    const placed = await harness.sim.placeCall({ ...fixtureCall("app-inbound-call-handoff"), assigneeId: AI_TEAMMATE });
    const event = await harness.waitForEvent(placed.eventId, 20_000);
    expect(event.decision).toBe("failed");
    expect(event.error).toMatch(/503/);
    const conversation = harness.sim.getConversation(placed.conversationId)!;
    expect(conversation.comments).toHaveLength(1);
    expect(conversation.assignee?.id).toBe(AI_TEAMMATE);
    const session = await harness!.sessionOf(placed.conversationId);
    expect(session.status).toBe("failed");
    const [handoff] = await harness.database.db.select().from(handoffs).where(eq(handoffs.sessionId, session.id));
    expect(handoff.commentPostedAt).not.toBeNull();
    expect(handoff.unassignedAt).toBeNull();
    expect(handoff.error).toMatch(/unassign failed/);
  });

  it("records a teammate's reply on the session without processing it, and resolves the session on archive", async () => {
    harness = await startHarness(kind);
    const placed = await harness.sim.placeCall({ ...fixtureCall("app-inbound-call-handoff"), assigneeId: AI_TEAMMATE });
    await harness.waitForEvent(placed.eventId);
    const reply = await harness.sim.teammateReply({
      conversationId: placed.conversationId,
      text: "Hi, Dana here. I've refunded the duplicate charge.",
    });
    const replyEvent = await harness.waitForEvent(reply.eventId);
    expect(replyEvent).toMatchObject({ decision: "recorded", decisionReason: "reply by Dana Reyes recorded" });
    const session = await harness!.sessionOf(placed.conversationId);
    const messages = await harness.database.db
      .select()
      .from(sessionMessages)
      .where(eq(sessionMessages.sessionId, session.id));
    expect(messages.find((message) => message.authorType === "teammate")).toMatchObject({
      authorName: "Dana Reyes",
      direction: "outbound",
    });
    expect(harness.sim.getConversation(placed.conversationId)!.comments).toHaveLength(1);

    const archived = await harness.sim.archive(placed.conversationId);
    expect((await harness.waitForEvent(archived.eventId)).decision).toBe("processed");
    expect((await harness!.sessionOf(placed.conversationId)).status).toBe("resolved");
  });

  it("records and acknowledges event types it has no action for", async () => {
    harness = await startHarness(kind);
    const placed = await harness.sim.placeCall({ ...fixtureCall("app-inbound-call-handoff"), assigneeId: AI_TEAMMATE });
    await harness.waitForEvent(placed.eventId);
    const delivered = await harness.sim.deliverEvent({
      id: "evt_unknown01",
      type: "topic_identified",
      conversation: { id: placed.conversationId },
    });
    expect(delivered.delivery.status).toBe(200);
    const event = await harness.waitForEvent("evt_unknown01");
    expect(event).toMatchObject({
      decision: "recorded",
      decisionReason: "topic_identified event recorded",
      sessionId: (await harness!.sessionOf(placed.conversationId)).id,
    });
  });
});
