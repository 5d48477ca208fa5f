// Test sets stored in the database (issue 13): cases with every change kept, imports that add, change or replace,
// cases made from Inbox sessions with the outcome people's later work says was right, and runs stored case by case,
// cancellable, never left running for ever. On both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createLocalModel } from "@/lib/agent/local-model";
import type { Database } from "@/lib/db/client";
import {
  createEvalSet,
  deleteEvalCase,
  evalCaseHistory,
  evalScoresOverTime,
  EvalSetConflictError,
  getEvalRun,
  listEvalCases,
  listEvalRuns,
  listEvalSets,
  markStaleEvalRuns,
  requestEvalRunCancel,
  saveEvalCases,
} from "@/lib/db/queries/evals";
import { insertKnowledgeArticles } from "@/lib/knowledge/articles";
import { getSessionDetail } from "@/lib/db/queries/sessions";
import { evalRuns, sessionMessages, sessions, users } from "@/lib/db/schema";
import { parseEvalSet, type EvalCase } from "@/lib/evals/case";
import { caseFromSession } from "@/lib/evals/from-session";
import { startEvalRun } from "@/lib/evals/service";
import { SAMPLE_ARTICLES } from "@/lib/knowledge/sample-articles";
import { DEFAULT_AGENT_SETTINGS } from "@/lib/settings/ai-settings";
import { createTestDatabase, dbKinds } from "../helpers/db";

const PASSWORD: EvalCase = parseEvalSet(
  JSON.stringify({
    id: "pw",
    channel: "voice",
    input: "Voicemail transcript\nHow do I reset my password? The email never arrives.",
    expect: { outcome: "answer", article: "Resetting your password" },
  }),
)[0]!;
const PERSON: EvalCase = parseEvalSet(
  JSON.stringify({
    id: "person",
    channel: "sms",
    input: "I want to talk to a human.",
    expect: { outcome: "handoff", reason: "user_requested_human_assistance" },
  }),
)[0]!;
const HOURS: EvalCase = parseEvalSet(
  JSON.stringify({ id: "hours", channel: "sms", input: "Are you open on Saturday?", expect: { outcome: "answer" } }),
)[0]!;

describe.each(dbKinds())("test sets, on %s", (kind) => {
  let database: Database;
  const db = () => database.db;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await insertKnowledgeArticles(database.db, SAMPLE_ARTICLES);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("keeps every change to a case: added, changed, removed by a replacing import, deleted", async () => {
    const set = await createEvalSet(db(), { name: "History", userId: null });
    await expect(createEvalSet(db(), { name: "History", userId: null })).rejects.toBeInstanceOf(EvalSetConflictError);

    expect(await saveEvalCases(db(), set.id, [PASSWORD, PERSON], { userId: null })).toEqual({
      added: 2,
      changed: 0,
      removed: 0,
      unchanged: 0,
    });
    const changedPerson = { ...PERSON, input: "Put a human on, please." };
    expect(await saveEvalCases(db(), set.id, [PASSWORD, changedPerson, HOURS], { userId: null })).toEqual({
      added: 1,
      changed: 1,
      removed: 0,
      unchanged: 1,
    });
    expect((await listEvalCases(db(), set.id)).map((row) => row.caseKey)).toEqual(["pw", "person", "hours"]);
    expect(await saveEvalCases(db(), set.id, [changedPerson, HOURS], { userId: null, replace: true })).toEqual({
      added: 0,
      changed: 0,
      removed: 1,
      unchanged: 2,
    });
    expect(await deleteEvalCase(db(), set.id, "hours", null)).toBe(true);
    expect(await deleteEvalCase(db(), set.id, "hours", null)).toBe(false);

    expect((await evalCaseHistory(db(), set.id, "person")).map((entry) => entry.body?.input)).toEqual([
      "Put a human on, please.",
      "I want to talk to a human.",
    ]);
    expect((await evalCaseHistory(db(), set.id, "pw")).map((entry) => entry.body?.id ?? null)).toEqual([null, "pw"]);
    expect((await listEvalCases(db(), set.id)).map((row) => row.caseKey)).toEqual(["person"]);
    expect((await listEvalSets(db())).find((entry) => entry.id === set.id)).toMatchObject({
      cases: 1,
      latestRun: null,
    });
  });

  it("runs a set in the background, storing each case's result and the totals; a second run is listed first", async () => {
    const set = await createEvalSet(db(), { name: "Runs", userId: null });
    await saveEvalCases(db(), set.id, [PASSWORD, PERSON, HOURS], { userId: null });
    const cases = (await listEvalCases(db(), set.id)).map((row) => row.body);
    const config = { model: "local", instructions: "", handoffTopics: [], kind: "current" as const };
    const first = await startEvalRun({
      db: db(),
      setId: set.id,
      label: "first",
      cases,
      settings: DEFAULT_AGENT_SETTINGS,
      config,
      model: createLocalModel(),
      userId: null,
    });
    expect(first.run).toMatchObject({ status: "running", total: 3, done: 0 });
    await first.finished;
    const stored = (await getEvalRun(db(), first.run.id))!;
    expect(stored.run).toMatchObject({
      status: "done",
      done: 3,
      costUsd: 0,
      totals: { cases: 3, handoffRecall: { numerator: 1, denominator: 1 } },
    });
    expect(stored.cases.map((row) => [row.caseKey, row.passed])).toEqual([
      ["pw", true],
      ["person", true],
      ["hours", true],
    ]);
    expect(stored.cases[0].result).toMatchObject({
      outcome: { kind: "reply" },
      citedArticle: "Resetting your password",
    });
    expect(stored.cases[0].result.steps.some((step) => step.toolName === "search_knowledge_base")).toBe(true);

    const second = await startEvalRun({
      db: db(),
      setId: set.id,
      label: "second",
      cases,
      settings: DEFAULT_AGENT_SETTINGS,
      config,
      model: createLocalModel(),
      userId: null,
    });
    await second.finished;
    expect((await listEvalRuns(db(), set.id)).map((run) => run.label)).toEqual(["second", "first"]);
    expect((await listEvalSets(db())).find((entry) => entry.id === set.id)?.latestRun).toMatchObject({
      label: "second",
      status: "done",
    });
  });

  it("a cancelled run starts no new case and ends cancelled with the totals of what it ran", async () => {
    const set = await createEvalSet(db(), { name: "Cancel", userId: null });
    const many = Array.from({ length: 12 }, (_, index) => ({ ...PASSWORD, id: `pw-${index}` }));
    await saveEvalCases(db(), set.id, many, { userId: null });
    const config = { model: "local", instructions: "", handoffTopics: [], kind: "current" as const };
    const started = await startEvalRun({
      db: db(),
      setId: set.id,
      label: "to cancel",
      cases: many,
      settings: DEFAULT_AGENT_SETTINGS,
      config,
      model: createLocalModel(),
      userId: null,
    });
    expect(await requestEvalRunCancel(db(), started.run.id)).toBe(true);
    await started.finished;
    const { run } = (await getEvalRun(db(), started.run.id))!;
    expect(run.status).toBe("cancelled");
    // The cases already started when the first result saw the cancel: at most the run's concurrency, plus that one.
    expect(run.done).toBeLessThan(many.length);
    expect(run.totals?.cases).toBe(run.done);
    expect(await requestEvalRunCancel(db(), started.run.id)).toBe(false);
  });

  it("a run whose process stopped is marked interrupted once its heartbeat is old", async () => {
    const set = await createEvalSet(db(), { name: "Stale", userId: null });
    const [run] = await db()
      .insert(evalRuns)
      .values({
        setId: set.id,
        label: "stopped",
        config: { model: "local", instructions: "", handoffTopics: [], kind: "current" },
        total: 5,
        heartbeatAt: new Date(Date.now() - 10 * 60_000),
      })
      .returning();
    expect(await markStaleEvalRuns(db())).toBe(1);
    expect((await getEvalRun(db(), run.id))?.run.status).toBe("interrupted");
  });

  it("makes a case from an Inbox session, the expected outcome taken from what people did after", async () => {
    const at = (minutes: number) => new Date(Date.now() - 3 * 86_400_000 + minutes * 60_000);
    const make = async (name: string, values: Partial<typeof sessions.$inferInsert>) => {
      const [row] = await db()
        .insert(sessions)
        .values({
          frontConversationId: `cnv_eval_${name}_${kind}`,
          channel: "sms",
          status: "answered",
          contactHandle: "+14155550199",
          createdAt: at(0),
          aiOutcomeAt: at(1),
          ...values,
        })
        .returning();
      await db()
        .insert(sessionMessages)
        .values([
          {
            sessionId: row.id,
            direction: "inbound",
            authorType: "customer",
            messageType: "sms",
            text: `Where is my order? (${name})`,
            sentAt: at(0),
          },
          {
            sessionId: row.id,
            direction: "outbound",
            authorType: "ai",
            messageType: "sms",
            text: "Orders ship within one business day.",
            sentAt: at(1),
          },
          {
            sessionId: row.id,
            direction: "inbound",
            authorType: "customer",
            messageType: "sms",
            text: "That did not help.",
            sentAt: at(30),
          },
        ]);
      return caseFromSession((await getSessionDetail(db(), row.id))!);
    };
    const stood = await make("stood", { aiOutcome: "answered" });
    expect(stood).toMatchObject({
      channel: "sms",
      contact: "+14155550199",
      input: "Where is my order? (stood)",
      history: [],
      expect: { outcome: "answer" },
      tags: ["sms", "from-inbox"],
    });
    expect(stood.note).toMatch(/nobody followed up/);
    expect(stood.id).toMatch(/^session-\d+$/);
    expect((await make("reopened", { aiOutcome: "answered", reopenedAt: at(60) })).expect).toMatchObject({
      outcome: "handoff",
    });
    const handedOff = await make("handed", {
      aiOutcome: "handed_off",
      handoffReason: "insufficient_knowledge",
      humanRepliedAt: at(40),
    });
    expect(handedOff.expect).toMatchObject({ outcome: "handoff", reason: "insufficient_knowledge" });
    expect(handedOff.note).toMatch(/the handoff was right/);
  });

  it("gives each set's finished runs in a range, oldest first, for the Reports page; cancelled, running and out-of-range runs are left out", async () => {
    const ratio = (numerator: number, denominator: number) => ({
      numerator,
      denominator,
      rate: denominator === 0 ? null : numerator / denominator,
    });
    const totals = (right: number) => ({
      cases: 10,
      passed: ratio(right, 10),
      accuracy: ratio(right, 10),
      answerPrecision: ratio(right, 10),
      handoffRecall: ratio(10, 10),
      reasonAccuracy: ratio(0, 0),
      sentimentAccuracy: ratio(0, 0),
      articleAccuracy: ratio(0, 0),
      errors: 0,
    });
    const config = { model: "local", instructions: "", handoffTopics: [], kind: "current" as const };
    const day = (date: string) => new Date(`${date}T12:00:00Z`);
    const alpha = await createEvalSet(db(), { name: "Scores alpha", userId: null });
    const beta = await createEvalSet(db(), { name: "Scores beta", userId: null });
    const runs: (typeof evalRuns.$inferInsert)[] = [
      {
        setId: alpha.id,
        label: "a-before-range",
        status: "done",
        config,
        total: 10,
        done: 10,
        totals: totals(1),
        finishedAt: day("2026-03-31"),
      },
      {
        setId: alpha.id,
        label: "a-second",
        status: "done",
        config,
        total: 10,
        done: 10,
        totals: totals(7),
        finishedAt: day("2026-04-05"),
      },
      {
        setId: alpha.id,
        label: "a-first",
        status: "done",
        config,
        total: 10,
        done: 10,
        totals: totals(6),
        finishedAt: day("2026-04-01"),
      },
      {
        setId: alpha.id,
        label: "a-cancelled",
        status: "cancelled",
        config,
        total: 10,
        done: 3,
        totals: totals(3),
        finishedAt: day("2026-04-06"),
      },
      { setId: alpha.id, label: "a-running", status: "running", config, total: 10, done: 3 },
      {
        setId: beta.id,
        label: "b-last-day",
        status: "done",
        config,
        total: 10,
        done: 10,
        totals: totals(9),
        finishedAt: new Date("2026-04-07T23:59:00Z"),
      },
      {
        setId: beta.id,
        label: "b-after-range",
        status: "done",
        config,
        total: 10,
        done: 10,
        totals: totals(2),
        finishedAt: new Date("2026-04-08T00:00:00Z"),
      },
    ];
    await db().insert(evalRuns).values(runs);
    const scores = (
      await evalScoresOverTime(db(), { from: new Date("2026-04-01T00:00:00Z"), to: new Date("2026-04-08T00:00:00Z") })
    ).filter((set) => set.name.startsWith("Scores"));
    expect(
      scores.map((set) => [set.name, set.runs.map((run) => [run.label, run.totals.answerPrecision.numerator])]),
    ).toEqual([
      [
        "Scores alpha",
        [
          ["a-first", 6],
          ["a-second", 7],
        ],
      ],
      ["Scores beta", [["b-last-day", 9]]],
    ]);
    const latestOnly = await evalScoresOverTime(
      db(),
      { from: new Date("2026-04-01T00:00:00Z"), to: new Date("2026-04-08T00:00:00Z") },
      1,
    );
    expect(latestOnly.find((set) => set.name === "Scores alpha")?.runs.map((run) => run.label)).toEqual(["a-second"]);
  });

  it("names who changed a case in its history", async () => {
    const set = await createEvalSet(db(), { name: "Who", userId: null });
    const userId = `user-eval-${kind}`;
    await db()
      .insert(users)
      .values({ id: userId, name: "Lee Lead", email: `lee-${kind}@example.com`, role: "admin" });
    await saveEvalCases(db(), set.id, [PERSON], { userId });
    await saveEvalCases(db(), set.id, [{ ...PERSON, input: "A person, please." }], { userId: null });
    expect((await evalCaseHistory(db(), set.id, "person")).map((entry) => entry.changedBy)).toEqual([null, "Lee Lead"]);
  });
});

describe("a run's rows", () => {
  it("are removed with their set", async () => {
    const database = await createTestDatabase("pglite");
    try {
      const set = await createEvalSet(database.db, { name: "Gone", userId: null });
      await database.db.insert(evalRuns).values({
        setId: set.id,
        label: "x",
        config: { model: "local", instructions: "", handoffTopics: [], kind: "current" },
        total: 0,
      });
      const { deleteEvalSet } = await import("@/lib/db/queries/evals");
      expect(await deleteEvalSet(database.db, set.id)).toBe(true);
      expect(await database.db.select().from(evalRuns).where(eq(evalRuns.setId, set.id))).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
