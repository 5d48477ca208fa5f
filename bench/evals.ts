// The public test set (evals/public.jsonl) with the offline model against the sample knowledge base: prints the
// figures, overall and per tag, and writes bench/results/evals-public.json with every case's verdict. A hosted
// model's figures too when AI_EVAL_MODEL (and AI_API_KEY) are set — never in CI.
// Then the held-out set (evals/holdout.jsonl): written apart and never used to tune the offline model, so its
// figures show how far the public set's scores carry to words the model was not shaped on. It has no targets.
//   npx tsx bench/evals.ts
import { readFileSync } from "node:fs";
import path from "node:path";
import { createModel } from "../lib/agent/model";
import { openDatabase } from "../lib/db/client";
import { insertKnowledgeArticles } from "../lib/knowledge/articles";
import { parseEvalSet } from "../lib/evals/case";
import { formatRate, totalsTable } from "../lib/evals/report";
import { runEvalCases } from "../lib/evals/run";
import { totalsByTag, totalsOf } from "../lib/evals/score";
import { SAMPLE_ARTICLES } from "../lib/knowledge/sample-articles";
import { DEFAULT_AGENT_SETTINGS } from "../lib/settings/ai-settings";
import { printTable, writeResult } from "./lib/report";

/** The targets for the offline model on the public set. */
const TARGETS = { answerPrecision: 0.95, handoffRecall: 0.98 } as const;

async function scoresOf(model: string, set = "public") {
  const cases = parseEvalSet(readFileSync(path.join(process.cwd(), "evals", `${set}.jsonl`), "utf8"));
  const database = await openDatabase({ pgliteDir: "memory://" });
  await insertKnowledgeArticles(database.db, SAMPLE_ARTICLES);
  const settings = {
    ...DEFAULT_AGENT_SETTINGS,
    model,
    apiKey: model === "local" ? undefined : process.env.AI_API_KEY,
    baseUrl: process.env.AI_BASE_URL,
  };
  const startedAt = Date.now();
  const results = await runEvalCases({
    db: database.db,
    settings,
    model: createModel(settings),
    cases,
    concurrency: model === "local" ? 4 : 3,
  });
  await database.close();
  return { model, seconds: (Date.now() - startedAt) / 1000, results, totals: totalsOf(results) };
}

async function main() {
  const runs = [await scoresOf("local")];
  if (process.env.AI_EVAL_MODEL && !process.env.CI) runs.push(await scoresOf(process.env.AI_EVAL_MODEL));
  for (const run of runs) {
    printTable(
      `Public test set, ${run.model} (${run.results.length} cases, ${run.seconds.toFixed(1)} s)`,
      totalsTable(run.totals),
    );
    printTable(
      `By tag, ${run.model}`,
      totalsByTag(run.results).map(({ tag, totals }) => ({
        tag,
        cases: totals.cases,
        answerPrecision: formatRate(totals.answerPrecision),
        handoffRecall: formatRate(totals.handoffRecall),
        accuracy: formatRate(totals.accuracy),
      })),
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
      failures: run.results
        .filter((result) => !result.score.passed)
        .map((result) => ({ id: result.case.id, failure: result.score.failure })),
    })),
  });
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);

  const holdout = await scoresOf("local", "holdout");
  printTable(`Held-out test set, local (${holdout.results.length} cases, never tuned on)`, totalsTable(holdout.totals));
  const holdoutFile = writeResult("evals-holdout", {
    set: "evals/holdout.jsonl",
    rows: totalsTable(holdout.totals).map((row) => ({ model: "local", ...row })),
    runs: [
      {
        model: "local",
        seconds: holdout.seconds,
        totals: holdout.totals,
        byTag: totalsByTag(holdout.results),
        failures: holdout.results
          .filter((result) => !result.score.passed)
          .map((result) => ({ id: result.case.id, failure: result.score.failure })),
      },
    ],
  });
  console.log(`wrote ${path.relative(process.cwd(), holdoutFile)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
