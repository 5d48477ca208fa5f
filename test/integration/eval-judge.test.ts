// Graded checks by a judge model (issue 13): a hosted model, reached over real HTTP through the shipped provider
// package (an OpenAI-compatible stand-in on loopback), grades each case apart from the deterministic scores. Its
// grades, its failures and its cost are stored on the run; they never decide whether a case passed.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/agent/model";
import type { Database } from "@/lib/db/client";
import { createEvalSet, getEvalRun, saveEvalCases } from "@/lib/db/queries/evals";
import { insertKnowledgeArticles } from "@/lib/knowledge/articles";
import { parseEvalSet, type EvalCase } from "@/lib/evals/case";
import { estimateRunCost } from "@/lib/evals/cost";
import { gradedTotals } from "@/lib/evals/graded-checks";
import { judgeCase, type Judge } from "@/lib/evals/judge";
import { startEvalRun } from "@/lib/evals/service";
import { SAMPLE_ARTICLES } from "@/lib/knowledge/sample-articles";
import { DEFAULT_AGENT_SETTINGS } from "@/lib/settings/ai-settings";
import { createTestDatabase, dbKinds } from "../helpers/db";
import { startOpenAIStandIn, type OpenAIStandIn } from "../helpers/openai-stand-in";

const PASSWORD: EvalCase = parseEvalSet(
  JSON.stringify({
    id: "pw",
    channel: "sms",
    input: "How do I reset my password?",
    expect: { outcome: "answer", mustContain: ["Forgot password"], article: "Resetting your password" },
  }),
)[0]!;
const ANSWER = "Use Forgot password on the sign-in page; the link lasts an hour. (Resetting your password)";
const MODEL_ID = "openai-compatible:judge-test";
/** $1 per million tokens read and $2 per million written: the stand-in reports 100 read and 20 written per call. */
const PRICES = { [MODEL_ID]: { inputPerMillion: 1, outputPerMillion: 2 } };
const CALL_COST = (100 * 1 + 20 * 2) / 1_000_000;

const verdict = (checks: { key: string; pass: boolean; why: string }[]) => ({
  kind: "text" as const,
  text: JSON.stringify({ checks }),
});

describe("a judge model", () => {
  let standIn: OpenAIStandIn;
  let judge: Judge;
  beforeAll(async () => {
    standIn = await startOpenAIStandIn();
    judge = {
      model: createModel({ model: MODEL_ID, baseUrl: standIn.url, apiKey: "k" }),
      modelId: MODEL_ID,
      prices: PRICES,
    };
  });
  afterAll(() => standIn.close());

  it("grades an answer on the answer's checks, reading the case, the passages found and the answer", async () => {
    standIn.requests.length = 0;
    standIn.script(
      verdict([
        { key: "grounded", pass: true, why: "Every step is in the article." },
        { key: "complete", pass: false, why: "It does not say what to do if the email never arrives." },
        { key: "tone", pass: true, why: "Short and polite." },
      ]),
    );
    const graded = await judgeCase(judge, PASSWORD, { kind: "reply", text: ANSWER, sentiment: "neutral" }, [
      "Resetting your password\nClick Forgot password on the sign-in page.",
    ]);
    expect(graded).toEqual({
      model: MODEL_ID,
      checks: [
        { key: "grounded", pass: true, why: "Every step is in the article." },
        { key: "complete", pass: false, why: "It does not say what to do if the email never arrives." },
        { key: "tone", pass: true, why: "Short and polite." },
      ],
      error: null,
      inputTokens: 100,
      outputTokens: 20,
      costUsd: CALL_COST,
    });
    const prompt = JSON.stringify(standIn.requests[0]!.body.messages);
    expect(prompt).toContain("How do I reset my password?");
    expect(prompt).toContain("Click Forgot password on the sign-in page.");
    expect(prompt).toContain("the link lasts an hour");
    expect(prompt).toContain("grounded:");
    expect(prompt).not.toContain("usefulSummary:");
  });

  it("grades a handoff on its summary only", async () => {
    standIn.script(verdict([{ key: "usefulSummary", pass: true, why: "Names the caller and the next step." }]));
    const graded = await judgeCase(
      judge,
      PASSWORD,
      {
        kind: "handoff",
        reason: "user_requested_human_assistance",
        summary: "Ana asked for a person. Next: call back.",
        sentiment: "neutral",
      },
      [],
    );
    expect(graded.checks).toEqual([{ key: "usefulSummary", pass: true, why: "Names the caller and the next step." }]);
    expect(graded.error).toBeNull();
  });

  it("records a verdict that leaves a check out as the judge's failure, with no grades", async () => {
    standIn.script(verdict([{ key: "grounded", pass: true, why: "Fine." }]));
    const graded = await judgeCase(judge, PASSWORD, { kind: "reply", text: ANSWER, sentiment: "neutral" }, []);
    expect(graded.checks).toEqual([]);
    expect(graded.error).toBe("the judge did not grade complete, tone");
  });

  it("records a judge that keeps failing (after its retries) without throwing", async () => {
    standIn.requests.length = 0;
    standIn.script(
      ...Array.from({ length: 3 }, () => ({ kind: "error" as const, status: 500, message: "overloaded" })),
    );
    const graded = await judgeCase(judge, PASSWORD, { kind: "reply", text: ANSWER, sentiment: "neutral" }, []);
    expect(standIn.requests).toHaveLength(3);
    expect(graded.checks).toEqual([]);
    expect(graded.error).toMatch(/^the judge failed: .*overloaded/);
  });
});

describe("graded totals", () => {
  it("count each check over the cases it was graded on, and the cases judged over the cases run", () => {
    const result = (
      checks: { key: "grounded" | "tone" | "usefulSummary"; pass: boolean }[],
      error: string | null = null,
    ) => ({
      model: MODEL_ID,
      checks: checks.map((check) => ({ ...check, why: "." })),
      error,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
    });
    const totals = gradedTotals(MODEL_ID, [
      result([
        { key: "grounded", pass: true },
        { key: "tone", pass: true },
      ]),
      result([
        { key: "grounded", pass: false },
        { key: "tone", pass: true },
      ]),
      result([{ key: "usefulSummary", pass: true }]),
      result([], "the judge failed: timeout"),
      null,
    ]);
    expect(totals.judged).toEqual({ numerator: 3, denominator: 5, rate: 0.6 });
    expect(totals.figures).toEqual([
      { key: "grounded", label: "Grounded", ratio: { numerator: 1, denominator: 2, rate: 0.5 } },
      { key: "tone", label: "Tone", ratio: { numerator: 2, denominator: 2, rate: 1 } },
      { key: "usefulSummary", label: "Useful handoff summary", ratio: { numerator: 1, denominator: 1, rate: 1 } },
    ]);
  });

  it("a judged run's estimate counts the judge's calls too", () => {
    const settings = { ...DEFAULT_AGENT_SETTINGS, model: MODEL_ID, prices: PRICES };
    const plain = estimateRunCost([PASSWORD], settings);
    const judged = estimateRunCost([PASSWORD], settings, { judge: true });
    expect(judged.inputTokens).toBeGreaterThan(plain.inputTokens);
    expect(judged.outputTokens).toBe(plain.outputTokens + 200);
    expect(judged.costUsd!).toBeGreaterThan(plain.costUsd!);
  });
});

describe.each(dbKinds())("a judged run, on %s", (kind) => {
  let database: Database;
  let standIn: OpenAIStandIn;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await insertKnowledgeArticles(database.db, SAMPLE_ARTICLES);
    standIn = await startOpenAIStandIn();
  });
  afterAll(async () => {
    await standIn.close();
    await database.close();
  });

  it("stores each case's grades beside its deterministic checks, the graded totals apart, and the judge's cost in the run's", async () => {
    const set = await createEvalSet(database.db, { name: `judged ${kind}`, userId: null });
    await saveEvalCases(database.db, set.id, [PASSWORD], { userId: null });
    const model = createModel({ model: MODEL_ID, baseUrl: standIn.url, apiKey: "k" });
    const settings = { ...DEFAULT_AGENT_SETTINGS, model: MODEL_ID, baseUrl: standIn.url, apiKey: "k", prices: PRICES };
    // The agent's turn (a search, then the answer), then the judge's verdict: the answer passes every deterministic
    // check while the judge fails it on completeness, and the case still passes.
    standIn.script(
      { kind: "tool_call", name: "search_knowledge_base", arguments: { query: "reset password" } },
      { kind: "text", text: ANSWER },
      verdict([
        { key: "grounded", pass: true, why: "From the article." },
        { key: "complete", pass: false, why: "Misses the spam folder." },
        { key: "tone", pass: true, why: "Polite." },
      ]),
    );
    const { run, finished } = await startEvalRun({
      db: database.db,
      setId: set.id,
      label: "judged",
      cases: [PASSWORD],
      settings,
      config: { model: MODEL_ID, instructions: "", handoffTopics: [], kind: "current", judge: true },
      model,
      judge: { model, modelId: MODEL_ID, prices: PRICES },
      userId: null,
    });
    await finished;
    const stored = await getEvalRun(database.db, run.id);
    const [entry] = stored!.cases;
    expect(entry!.passed).toBe(true);
    expect(entry!.result.graded?.checks.map((check) => [check.key, check.pass])).toEqual([
      ["grounded", true],
      ["complete", false],
      ["tone", true],
    ]);
    expect(stored!.run.totals?.answerPrecision).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(stored!.run.totals?.graded).toEqual({
      model: MODEL_ID,
      judged: { numerator: 1, denominator: 1, rate: 1 },
      figures: [
        { key: "grounded", label: "Grounded", ratio: { numerator: 1, denominator: 1, rate: 1 } },
        { key: "complete", label: "Answers all asked", ratio: { numerator: 0, denominator: 1, rate: 0 } },
        { key: "tone", label: "Tone", ratio: { numerator: 1, denominator: 1, rate: 1 } },
      ],
    });
    // Three model calls at the stand-in's usage: two for the turn, one for the judge.
    expect(stored!.run.costUsd).toBeCloseTo(3 * CALL_COST, 12);
  });
});

describe("npm run eval -- --judge", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "frontline-judge-"));
  const setFile = path.join(dir, "one.jsonl");
  writeFileSync(setFile, `${JSON.stringify(PASSWORD)}\n`);
  const cli = (...args: string[]) =>
    promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/eval.ts", "--set", setFile, "--quiet", ...args],
      {
        cwd: path.join(__dirname, "../.."),
        env: { ...process.env, AI_MODEL: "", AI_API_KEY: "k" },
      },
    ).then(
      (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
      (failed: { code: number; stdout: string; stderr: string }) => ({
        code: failed.code,
        stdout: failed.stdout,
        stderr: failed.stderr,
      }),
    );

  it("prints and writes the judge's grades apart from the scores", async () => {
    const standIn = await startOpenAIStandIn();
    try {
      standIn.script(
        { kind: "tool_call", name: "search_knowledge_base", arguments: { query: "reset password" } },
        { kind: "text", text: ANSWER },
        verdict([
          { key: "grounded", pass: true, why: "From the article." },
          { key: "complete", pass: true, why: "All of it." },
          { key: "tone", pass: false, why: "Too curt." },
        ]),
      );
      const out = path.join(dir, "judged.json");
      const done = await cli(
        "--model",
        MODEL_ID,
        "--base-url",
        standIn.url,
        "--judge",
        "--concurrency",
        "1",
        "--out",
        out,
      );
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(/answer precision\s+100% \(1 of 1\)/);
      expect(done.stdout).toContain(`Graded by ${MODEL_ID}`);
      expect(done.stdout).toMatch(/graded: tone\s+0% \(0 of 1\)/);
      const report = JSON.parse(readFileSync(out, "utf8"));
      expect(report.graded.figures.map((figure: { key: string }) => figure.key)).toEqual([
        "grounded",
        "complete",
        "tone",
      ]);
      expect(report.cases[0].graded.checks[2]).toEqual({ key: "tone", pass: false, why: "Too curt." });
    } finally {
      await standIn.close();
    }
  }, 120_000);

  it("refuses a judge with the offline model", async () => {
    const refused = await cli("--model", "local", "--judge");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--judge needs a hosted model");
  }, 120_000);
});
