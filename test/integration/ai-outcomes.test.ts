// The AI's outcome (issue 12): fixed where the AI acts, never rewritten by what people do after; human follow-up
// (a teammate's reply, a reopen) kept beside it; and the migration that derives both for sessions stored before.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { dbKinds } from "../helpers/db";
import { AI_TEAMMATE, startHarness, type Harness } from "../helpers/pipeline-harness";

const PASSWORD_QUESTION = "How do I reset my password? The reset email never arrives.";
const HUMAN_REQUEST = "I want to speak to a person, please put a human on.";

describe.each(dbKinds())("the AI's outcome, on %s", (kind) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(kind);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    harness.reset();
  });

  const db = () => harness.database.db;

  it("an answer stays the AI's outcome through a teammate's reply, an archive and a reopen, which are kept beside it", async () => {
    const placed = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550161",
      text: PASSWORD_QUESTION,
      assigneeId: AI_TEAMMATE,
    });
    await harness.waitForEvent(placed.eventId);
    const answered = await harness.sessionOf(placed.conversationId);
    expect(answered).toMatchObject({
      status: "answered",
      aiOutcome: "answered",
      humanRepliedAt: null,
      reopenedAt: null,
    });
    expect(answered.aiOutcomeAt).toBeInstanceOf(Date);

    const reply = await harness.sim.teammateReply({
      conversationId: placed.conversationId,
      text: "Dana here: I have reset it for you.",
    });
    await harness.waitForEvent(reply.eventId);
    const archived = await harness.sim.archive(placed.conversationId);
    await harness.waitForEvent(archived.eventId);
    const reopened = await harness.sim.reopen(placed.conversationId);
    expect(await harness.waitForEvent(reopened.eventId)).toMatchObject({
      decision: "recorded",
      decisionReason: "conversation reopened",
    });

    const after = await harness.sessionOf(placed.conversationId);
    // Open again in Front: no longer resolved; the AI's outcome is untouched.
    expect(after).toMatchObject({
      status: "answered",
      statusReason: "conversation reopened",
      resolvedAt: null,
      aiOutcome: "answered",
      aiOutcomeAt: answered.aiOutcomeAt,
    });
    expect(after.humanRepliedAt!.getTime()).toBeGreaterThanOrEqual(answered.aiOutcomeAt!.getTime());
    expect(after.reopenedAt!.getTime()).toBeGreaterThanOrEqual(after.humanRepliedAt!.getTime() - 1000);

    // A second reply by a person does not move the first.
    const again = await harness.sim.teammateReply({ conversationId: placed.conversationId, text: "Anything else?" });
    await harness.waitForEvent(again.eventId);
    expect((await harness.sessionOf(placed.conversationId)).humanRepliedAt).toEqual(after.humanRepliedAt);
  });

  it("a handoff is the AI's outcome, with its reason, and the teammate's reply after it is its follow-up", async () => {
    const placed = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550162",
      text: HUMAN_REQUEST,
      assigneeId: AI_TEAMMATE,
    });
    await harness.waitForEvent(placed.eventId);
    expect(await harness.sessionOf(placed.conversationId)).toMatchObject({
      status: "handed_off",
      aiOutcome: "handed_off",
      handoffReason: "user_requested_human_assistance",
    });
    const reply = await harness.sim.teammateReply({
      conversationId: placed.conversationId,
      text: "Hi, Dana here. How can I help?",
    });
    await harness.waitForEvent(reply.eventId);
    const session = await harness.sessionOf(placed.conversationId);
    expect(session).toMatchObject({ aiOutcome: "handed_off" });
    expect(session.humanRepliedAt).not.toBeNull();
  });

  it("a conversation the AI never took part in is skipped; a teammate's reply there is no follow-up of the AI", async () => {
    const placed = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550163",
      text: PASSWORD_QUESTION,
      assigneeId: null,
    });
    await harness.waitForEvent(placed.eventId);
    const skipped = await harness.sessionOf(placed.conversationId);
    expect(skipped).toMatchObject({ status: "skipped", aiOutcome: "skipped" });
    const reply = await harness.sim.teammateReply({ conversationId: placed.conversationId, text: "Dana here, on it." });
    await harness.waitForEvent(reply.eventId);
    const after = await harness.sessionOf(placed.conversationId);
    expect(after).toMatchObject({ aiOutcome: "skipped", humanRepliedAt: null });
    // Still new activity: the session moves up the Inbox.
    expect(after.lastActivityAt.getTime()).toBeGreaterThan(skipped.lastActivityAt.getTime());
  });

  it("a later message the AI leaves alone does not undo its answer", async () => {
    const placed = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550164",
      text: PASSWORD_QUESTION,
      assigneeId: AI_TEAMMATE,
    });
    await harness.waitForEvent(placed.eventId);
    const assigned = await harness.sim.assign(placed.conversationId, "tea_rep7", { by: "tea_rep7" });
    await harness.waitForEvent(assigned.eventId);
    const followUp = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550164",
      conversationId: placed.conversationId,
      text: "Thanks, and one more thing?",
      assigneeId: "tea_rep7",
    });
    expect(await harness.waitForEvent(followUp.eventId)).toMatchObject({ decision: "skipped" });
    expect(await harness.sessionOf(placed.conversationId)).toMatchObject({ aiOutcome: "answered" });
  });

  it("the migration derives the outcome and follow-up of sessions stored before, and repairs sessions a re-run left running", async () => {
    const answeredCall = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550165",
      text: PASSWORD_QUESTION,
      assigneeId: AI_TEAMMATE,
    });
    await harness.waitForEvent(answeredCall.eventId);
    const reply = await harness.sim.teammateReply({
      conversationId: answeredCall.conversationId,
      text: "Dana here, sorted.",
    });
    await harness.waitForEvent(reply.eventId);
    const handedOff = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550166",
      text: HUMAN_REQUEST,
      assigneeId: AI_TEAMMATE,
    });
    await harness.waitForEvent(handedOff.eventId);
    const skipped = await harness.sim.sendMessage({
      messageType: "sms",
      from: "+14155550167",
      text: PASSWORD_QUESTION,
      assigneeId: null,
    });
    await harness.waitForEvent(skipped.eventId);
    const ids = [answeredCall, handedOff, skipped].map((placed) => placed.conversationId);
    const expected = await Promise.all(ids.map((id) => harness.sessionOf(id)));

    // As an older version stored them: no outcome columns; and one session stuck "AI answering" by the old re-run.
    await db().execute(
      sql`update sessions set ai_outcome = null, ai_outcome_at = null, human_replied_at = null, reopened_at = null`,
    );
    await db().execute(
      sql`update sessions set status = 'ai_answering', updated_at = now() - interval '2 hours' where front_conversation_id = ${answeredCall.conversationId}`,
    );
    const statements = handWrittenStatements();
    expect(statements).toHaveLength(6);
    for (const statement of statements) await db().execute(sql.raw(statement));

    const migrated = await Promise.all(ids.map((id) => harness.sessionOf(id)));
    expect(migrated.map((session) => session.aiOutcome)).toEqual(["answered", "handed_off", "skipped"]);
    expect(migrated[0]).toMatchObject({ status: "answered", statusReason: expect.stringMatching(/^repaired/) });
    expect(migrated[0].humanRepliedAt).toEqual(expected[0].humanRepliedAt);
    expect(migrated[1].aiOutcomeAt).not.toBeNull();
    expect(migrated[1].humanRepliedAt).toBeNull();
  });
});

/** The statements of migration 0008 after the generated DDL: the repair and the backfill. */
function handWrittenStatements(): string[] {
  const file = readFileSync(path.join(__dirname, "../../drizzle/0008_ai_outcomes.sql"), "utf8");
  return file
    .split("--> statement-breakpoint")
    .map((statement) => statement.trim())
    .filter((statement) => /^(--[^\n]*\n)*\s*(WITH|UPDATE)/.test(statement));
}
