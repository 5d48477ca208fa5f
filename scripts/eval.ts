// `npm run eval -- --set FILE.jsonl`: runs a test set (docs/evals.md) through the agent, as the pipeline runs a
// turn, with nothing sent to Front; prints the scores, writes them as JSON, and exits 1 when a figure is below a
// threshold given with --min-… (so a team can gate a settings change in its own CI).
//
//   --set FILE.jsonl              the test set (required)
//   --against sample|app          sample (default): an in-memory database with the sample knowledge base and the
//                                 default Settings → AI; app: this installation's database (DATABASE_URL or the
//                                 PGlite directory), its knowledge and its saved Settings → AI
//   --model SPEC                  local | openai:<model> | anthropic:<model> | openai-compatible:<model>
//                                 (the key comes from AI_API_KEY, the base URL from --base-url or AI_BASE_URL)
//   --instructions FILE           the team's instructions to run with instead of the saved ones
//   --handoff-topic TEXT          a handoff topic (repeat for several); replaces the saved ones
//   --judge                       also grade each case with the (hosted) model as a judge: graded checks, printed
//                                 and written apart from the deterministic scores, never gating
//   --concurrency N               cases at once (default 4)
//   --out FILE.json               where the JSON goes (default eval-results/<set>-<model>.json)
//   --min-answer-precision 0.95   --min-handoff-recall 0.98   --min-accuracy R   --min-passed R
//   --quiet                       only the totals and the failures
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createModel, modelLabel } from "../lib/agent/model";
import { dryRunSettings } from "../lib/agent/dry-run";
import { openDatabase, type Database } from "../lib/db/client";
import { insertKnowledgeArticles } from "../lib/knowledge/articles";
import { EvalSetFormatError, parseEvalSet } from "../lib/evals/case";
import {
  evalReport,
  gradedTable,
  parseThreshold,
  thresholdFailures,
  THRESHOLD_FLAGS,
  totalsTable,
  type Threshold,
  type ThresholdFlag,
} from "../lib/evals/report";
import { runEvalCases } from "../lib/evals/run";
import { SAMPLE_ARTICLES } from "../lib/knowledge/sample-articles";
import { DEFAULT_AGENT_SETTINGS, type AgentSettings } from "../lib/settings/ai-settings";

const USAGE =
  "usage: npm run eval -- --set FILE.jsonl [--against sample|app] [--model SPEC] [--min-answer-precision R] [--min-handoff-recall R] …";

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const { values: flags } = parseArgs({
  options: {
    set: { type: "string" },
    against: { type: "string", default: "sample" },
    model: { type: "string" },
    "base-url": { type: "string" },
    instructions: { type: "string" },
    "handoff-topic": { type: "string", multiple: true },
    concurrency: { type: "string", default: "4" },
    out: { type: "string" },
    quiet: { type: "boolean", default: false },
    judge: { type: "boolean", default: false },
    ...Object.fromEntries(Object.keys(THRESHOLD_FLAGS).map((flag) => [`min-${flag}`, { type: "string" as const }])),
  },
  strict: true,
});

async function openAgainst(
  against: string,
): Promise<{ database: Database; saved: AgentSettings; close: () => Promise<void> }> {
  if (against === "sample") {
    const database = await openDatabase({ pgliteDir: "memory://" });
    await insertKnowledgeArticles(database.db, SAMPLE_ARTICLES);
    const fromEnv = { model: process.env.AI_MODEL, baseUrl: process.env.AI_BASE_URL, apiKey: process.env.AI_API_KEY };
    const saved: AgentSettings = {
      ...DEFAULT_AGENT_SETTINGS,
      ...Object.fromEntries(Object.entries(fromEnv).filter(([, value]) => value)),
    };
    return { database, saved, close: () => database.close() };
  }
  if (against === "app") {
    // The app's own services: its database, knowledge and saved Settings → AI (the environment wins, as in the app).
    const { getServices } = await import("../lib/runtime");
    const { getDatabase } = await import("../lib/db");
    const services = await getServices();
    const database = await getDatabase();
    return { database, saved: (await services.agentSettings.get()).values, close: () => database.close() };
  }
  return fail(`--against must be sample or app, not '${against}'`);
}

async function main() {
  if (!flags.set) fail(USAGE);
  const setPath = path.resolve(flags.set);
  let cases;
  try {
    cases = parseEvalSet(readFileSync(setPath, "utf8"));
  } catch (error) {
    if (error instanceof EvalSetFormatError) fail(`${flags.set} is not a valid test set:\n${error.message}`);
    fail(`cannot read ${flags.set}: ${(error as Error).message}`);
  }
  if (cases.length === 0) fail(`${flags.set} holds no case`);
  const thresholds: Threshold[] = [];
  for (const flag of Object.keys(THRESHOLD_FLAGS) as ThresholdFlag[]) {
    const value = (flags as Record<string, unknown>)[`min-${flag}`];
    if (typeof value !== "string") continue;
    try {
      thresholds.push(parseThreshold(flag, value));
    } catch (error) {
      fail((error as Error).message);
    }
  }
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    fail("--concurrency must be a whole number from 1 to 32");

  const { database, saved, close } = await openAgainst(flags.against!);
  let settings: AgentSettings;
  try {
    settings = dryRunSettings(saved, {
      model: flags.model,
      baseUrl: flags["base-url"],
      instructions: flags.instructions ? readFileSync(flags.instructions, "utf8") : undefined,
      handoffTopics: flags["handoff-topic"],
    });
    // dryRunSettings keeps the saved key only for the saved provider; on the command line the key is AI_API_KEY's.
    if (!settings.apiKey && process.env.AI_API_KEY) settings = { ...settings, apiKey: process.env.AI_API_KEY };
  } catch (error) {
    await close();
    return fail((error as Error).message);
  }
  if (flags.judge && settings.model === "local") {
    await close();
    fail(
      "--judge needs a hosted model (--model openai:… or anthropic:…): the offline model cannot read an answer for meaning",
    );
  }
  const model = createModel({ model: settings.model, baseUrl: settings.baseUrl, apiKey: settings.apiKey });
  const setName = path.basename(setPath).replace(/\.jsonl$/i, "");
  console.log(
    `[eval] ${cases.length} cases from ${flags.set}, model ${modelLabel(settings.model)}, against ${flags.against}`,
  );

  const startedAt = new Date();
  const results = await runEvalCases({
    db: database.db,
    settings,
    model,
    cases,
    concurrency,
    judge: flags.judge ? { model, modelId: settings.model, prices: settings.prices } : undefined,
    onCase: (result, done, total) => {
      if (!flags.quiet)
        console.log(
          `[eval] ${String(done).padStart(String(total).length)}/${total} ${result.score.passed ? "pass" : "FAIL"} ${result.case.id}${result.score.failure ? `: ${result.score.failure}` : ""}`,
        );
    },
  });
  await close();
  const report = evalReport(
    results,
    {
      set: setName,
      model: settings.model,
      modelLabel: modelLabel(settings.model),
      against: flags.against,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      thresholds,
    },
    flags.judge ? settings.model : undefined,
  );

  const failures = report.cases.filter((entry) => !entry.passed);
  if (failures.length > 0) {
    console.log(`\nCases that failed (${failures.length}):`);
    for (const entry of failures) console.log(`  ${entry.id}: ${entry.failure}`);
  }
  console.log("");
  for (const row of totalsTable(report.totals)) console.log(`  ${row.figure.padEnd(26)} ${row.value}`);
  if (report.graded) {
    console.log(`\n  Graded by ${report.graded.model} (a judge can be wrong; not part of the scores or thresholds):`);
    for (const row of gradedTable(report.graded)) console.log(`  ${row.figure.padEnd(26)} ${row.value}`);
  }

  const out = path.resolve(
    flags.out ?? path.join("eval-results", `${setName}-${settings.model.replace(/[^A-Za-z0-9._-]+/g, "_")}.json`),
  );
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n[eval] wrote ${path.relative(process.cwd(), out)}`);

  const below = thresholdFailures(report.totals, thresholds);
  if (below.length > 0) {
    for (const line of below) console.error(`[eval] below threshold: ${line}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
