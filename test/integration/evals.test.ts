// Running a test set (issue 13): through the same agent turn the pipeline runs, on both databases, with nothing
// written and nothing sent; and `npm run eval`, which prints, writes JSON and gates on thresholds.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createLocalModel } from "@/lib/agent/local-model";
import { rowsOf, type Database } from "@/lib/db/client";
import { insertKnowledgeArticles } from "@/lib/knowledge/articles";
import { parseEvalSet } from "@/lib/evals/case";
import { runEvalCases } from "@/lib/evals/run";
import { totalsOf } from "@/lib/evals/score";
import { SAMPLE_ARTICLES } from "@/lib/knowledge/sample-articles";
import { DEFAULT_AGENT_SETTINGS } from "@/lib/settings/ai-settings";
import { createTestDatabase, dbKinds } from "../helpers/db";

const SMALL_SET = path.join(__dirname, "../fixtures/evals/small.jsonl");
const run = promisify(execFile);

describe.each(dbKinds())("running a test set, on %s", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await insertKnowledgeArticles(database.db, SAMPLE_ARTICLES);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("scores each case as it ends, keeps the cases' order, and writes no session, run or event", async () => {
    const cases = parseEvalSet(readFileSync(SMALL_SET, "utf8"));
    const progress: number[] = [];
    const results = await runEvalCases({
      db: database.db,
      settings: DEFAULT_AGENT_SETTINGS,
      model: createLocalModel(),
      cases,
      concurrency: 2,
      onCase: (_result, done) => void progress.push(done),
    });
    expect(results.map((result) => result.case.id)).toEqual(cases.map((entry) => entry.id));
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((result) => [result.case.id, result.score.passed, result.score.failure])).toEqual([
      ["voice-password-voicemail", true, null],
      ["sms-opening-hours", true, null],
      ["email-wants-a-person", true, null],
      ["voice-ship-to-canada", true, null],
      ["email-wrong-on-purpose", false, "answered; a person was needed"],
    ]);
    const [password] = results;
    expect(password.observed.citedArticle).toBe("Resetting your password");
    expect(password.steps.some((step) => step.toolName === "search_knowledge_base")).toBe(true);
    expect(totalsOf(results).handoffRecall).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });

    const counts = await database.db.execute(
      sql`select (select count(*) from sessions)::int as sessions, (select count(*) from agent_runs)::int as runs, (select count(*) from webhook_events)::int as events`,
    );
    expect(rowsOf(counts)[0]).toEqual({ sessions: 0, runs: 0, events: 0 });
  });

  it("stops starting cases once cancelled", async () => {
    const cases = parseEvalSet(readFileSync(SMALL_SET, "utf8"));
    const controller = new AbortController();
    const results = await runEvalCases({
      db: database.db,
      settings: DEFAULT_AGENT_SETTINGS,
      model: createLocalModel(),
      cases,
      concurrency: 1,
      signal: controller.signal,
      onCase: (_result, done) => {
        if (done === 2) controller.abort();
      },
    });
    expect(results.map((result) => result.case.id)).toEqual(["voice-password-voicemail", "sms-opening-hours"]);
  });
});

describe("npm run eval", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "frontline-eval-"));
  const cli = (...args: string[]) =>
    run(process.execPath, ["--import", "tsx", "scripts/eval.ts", ...args], {
      cwd: path.join(__dirname, "../.."),
      env: { ...process.env, AI_MODEL: "", AI_API_KEY: "" },
    }).then(
      (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
      (failed: { code: number; stdout: string; stderr: string }) => ({
        code: failed.code,
        stdout: failed.stdout,
        stderr: failed.stderr,
      }),
    );

  it("prints the figures, writes the JSON, and exits 1 when a figure is below its threshold", async () => {
    const out = path.join(dir, "small.json");
    const below = await cli("--set", SMALL_SET, "--out", out, "--min-handoff-recall", "0.9", "--quiet");
    expect(below.code).toBe(1);
    expect(below.stdout).toContain("email-wrong-on-purpose: answered; a person was needed");
    expect(below.stdout).toMatch(/handoff recall\s+66\.7% \(2 of 3\)/);
    expect(below.stderr).toContain("below threshold: handoff-recall 66.7% (2 of 3) is below 90%");
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report).toMatchObject({
      set: "small",
      model: "local",
      against: "sample",
      totals: { cases: 5, accuracy: { numerator: 4, denominator: 5 } },
    });
    expect(report.cases.find((entry: { id: string }) => entry.id === "voice-password-voicemail")).toMatchObject({
      passed: true,
      citedArticle: "Resetting your password",
      outcome: { kind: "reply" },
    });

    const met = await cli("--set", SMALL_SET, "--out", out, "--min-accuracy", "80%", "--quiet");
    expect(met.code).toBe(0);
  }, 120_000);

  it("refuses a bad set with the line that is wrong, and a bad threshold, with exit code 2", async () => {
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(
      bad,
      `${readFileSync(SMALL_SET, "utf8")}{"id":"x","channel":"fax","input":"hi","expect":{"outcome":"answer"}}\n`,
    );
    const refused = await cli("--set", bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("line 7: channel:");
    const threshold = await cli("--set", SMALL_SET, "--min-accuracy", "high");
    expect(threshold).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--min-accuracy must be a rate from 0 to 1"),
    });
  }, 120_000);
});
