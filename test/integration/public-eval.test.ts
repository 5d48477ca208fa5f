// The public test set in the suite (issue 13): the offline model must keep its targets on evals/public.jsonl
// (answer precision ≥ 0.95, handoff recall ≥ 0.98) through the same agent turn the pipeline runs, on both databases.
// The held-out set was never tuned on; on it the suite holds the safety half only: a case needing a person is handed
// off (recall ≥ 0.98). bench/results/evals-*.json keep every figure and failure.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalModel } from "@/lib/agent/local-model";
import type { Database } from "@/lib/db/client";
import { insertKnowledgeArticles } from "@/lib/knowledge/articles";
import { parseEvalSet } from "@/lib/evals/case";
import { runEvalCases } from "@/lib/evals/run";
import { totalsOf } from "@/lib/evals/score";
import { SAMPLE_ARTICLES } from "@/lib/knowledge/sample-articles";
import { DEFAULT_AGENT_SETTINGS } from "@/lib/settings/ai-settings";
import { createTestDatabase, dbKinds } from "../helpers/db";

const setOf = (name: string) =>
  parseEvalSet(readFileSync(path.join(__dirname, "../../evals", `${name}.jsonl`), "utf8"));

describe.each(dbKinds())("the offline model on the evaluation sets, on %s", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await insertKnowledgeArticles(database.db, SAMPLE_ARTICLES);
  });
  afterAll(async () => {
    await database?.close();
  });
  const run = (name: string) =>
    runEvalCases({ db: database.db, settings: DEFAULT_AGENT_SETTINGS, model: createLocalModel(), cases: setOf(name) });

  it("meets its targets on the public set", async () => {
    const results = await run("public");
    const totals = totalsOf(results);
    const failures = results
      .filter((result) => !result.score.passed)
      .map((result) => `${result.case.id}: ${result.score.failure}`);
    expect(totals.cases).toBeGreaterThanOrEqual(150);
    expect(totals.errors).toBe(0);
    expect(totals.answerPrecision.rate, failures.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(totals.handoffRecall.rate, failures.join("\n")).toBeGreaterThanOrEqual(0.98);
  }, 120_000);

  it("hands off the held-out cases that need a person", async () => {
    const results = await run("holdout");
    const totals = totalsOf(results);
    const answeredInstead = results
      .filter((result) => result.case.expect.outcome === "handoff" && result.observed.outcome.kind === "reply")
      .map((result) => result.case.id);
    expect(totals.errors).toBe(0);
    expect(totals.handoffRecall.rate, answeredInstead.join(", ")).toBeGreaterThanOrEqual(0.98);
  }, 120_000);
});
