// The public test set (evals/public.jsonl) with the offline model against the sample knowledge base: prints the
// figures, overall and per tag, and writes bench/results/evals-public.json with every case's verdict. A hosted
// model's figures too when AI_EVAL_MODEL (and AI_API_KEY) are set — never in CI.
//   npx tsx bench/evals.ts
import { readFileSync } from "node:fs";
import path from "node:path";
import { createModel } from "../lib/agent/model";
import { openDatabase } from "../lib/db/client";
import { insertKnowledgeArticles } from "../lib/db/queries/knowledge";
import { parseEvalSet } from "../lib/evals/case";
import { formatRate, totalsTable } from "../lib/evals/report";
import { runEvalCases } from "../lib/evals/run";
import { totalsByTag, totalsOf } from "../lib/evals/score";
import { SAMPLE_ARTICLES } from "../lib/knowledge/sample-articles";
import { DEFAULT_AGENT_SETTINGS } from "../lib/settings/ai-settings";
import { printTable, writeResult } from "./lib/report";

/** The targets for the offline model on the public set. */
const TARGETS = { answerPrecision: 0.95, handoffRecall: 0.98 } as const;

async function scoresOf(model: string) {
  const cases = parseEvalSet(readFileSync(path.join(process.cwd(), "evals", "public.jsonl"), "utf8"));
  const database = await openDatabase({ pgliteDir: "memory://" });
  await insertKnowledgeArticles(database.db, SAMPLE_ARTICLES);
  const settings = { ...DEFAULT_AGENT_SETTINGS, model, apiKey: model === "local" ? undefined : process.env.AI_API_KEY, baseUrl: process.env.AI_BASE_URL };
  const startedAt = Date.now();
  const results = await runEvalCases({ db: database.db, settings, model: createModel(settings), cases, concurrency: model === "local" ? 4 : 3 });
  await database.close();
  return { model, seconds: (Date.now() - startedAt) / 1000, results, totals: totalsOf(results) };
}

async function main() {
  const runs = [await scoresOf("local")];
  if (process.env.AI_EVAL_MODEL && !process.env.CI) runs.push(await scoresOf(process.env.AI_EVAL_MODEL));
  for (const run of runs) {
    printTable(`Public test set, ${run.model} (${run.results.length} cases, ${run.seconds.toFixed(1)} s)`, totalsTable(run.totals));
    printTable(
      `By tag, ${run.model}`,
      totalsByTag(run.results).map(({ tag, totals }) => ({ tag, cases: totals.cases, answerPrecision: formatRate(totals.answerPrecision), handoffRecall: formatRate(totals.handoffRecall), accuracy: formatRate(totals.accuracy) })),
    );
  }
  const local = runs[0]!;
  const verdicts = (Object.keys(TARGETS) as (keyof typeof TARGETS)[]).map((figure) => ({
    figure,
    target: TARGETS[figure],
    value: local.totals[figure].rate,
    met: (local.totals[figure].rate ?? 0) >= TARGETS[figure],
  }));
  printTable("Targets (offline model)", verdicts);
  const file = writeResult("evals-public", {
    set: "evals/public.jsonl",
    verdicts,
    rows: runs.flatMap((run) => totalsTable(run.totals).map((row) => ({ model: run.model, ...row }))),
    runs: runs.map((run) => ({
      model: run.model,
      seconds: run.seconds,
      totals: run.totals,
      byTag: totalsByTag(run.results),
      failures: run.results.filter((result) => !result.score.passed).map((result) => ({ id: result.case.id, failure: result.score.failure })),
    })),
  });
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
