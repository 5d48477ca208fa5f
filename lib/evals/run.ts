import type { LanguageModel } from "ai";
import type { HttpAction } from "../actions/http-action";
import { readOnlyFetch } from "../agent/dry-run";
import type { HistoryMessage } from "../agent/prompt";
import { runAgentTurn } from "../agent/turn";
import { prepareMessage } from "../channels";
import type { Db } from "../db/client";
import type { NewStep } from "../db/queries/agent-runs";
import type { AgentSettings } from "../settings/ai-settings";
import type { EvalCase } from "./case";
import type { GradedResult } from "./graded-checks";
import { judgeCase, type Judge } from "./judge";
import { scoreCase, type ScoredCase } from "./score";

/**
 * Runs test cases through `runAgentTurn`, the turn the pipeline runs, with nothing sent anywhere: no Front request,
 * no session or run row, custom actions limited to reads (as in the dry-run console). Each case is scored as it ends.
 */

export interface EvalCaseResult extends ScoredCase {
  steps: NewStep[];
  inputTokens: number;
  outputTokens: number;
  /** The run's cost, the judge's included (null when either has no price). */
  costUsd: number | null;
  durationMs: number;
  /** A judge model's graded checks, when the run asked for them; apart from the deterministic score. */
  graded: GradedResult | null;
}

export interface EvalRunOptions {
  db: Db;
  /** Settings → AI as the run uses them (the settings in force, or a candidate). */
  settings: AgentSettings;
  model: LanguageModel;
  cases: readonly EvalCase[];
  /** Cases run at once: a hosted model's rate limit, or PGlite's single connection, sets how many help. */
  concurrency?: number;
  /** Stops starting new cases; the ones running finish. */
  signal?: AbortSignal;
  actions?: HttpAction[];
  fetch?: typeof fetch;
  /** Grade each case with a judge model too (a hosted model only). */
  judge?: Judge;
  /** Called as each case ends, in the order they end. */
  onCase?: (result: EvalCaseResult, done: number, total: number) => void | Promise<void>;
}

const AUTHOR_TYPES = { customer: "customer", ai: "ai", teammate: "teammate" } as const;

/** The conversation as the model reads it: earlier messages, then the case's input prepared as the pipeline prepares a message. */
function historyOf(entry: EvalCase): (HistoryMessage & { modelText?: string | null })[] {
  const content = prepareMessage({ channel: entry.channel, type: entry.channel === "voice" ? "call" : null, subject: entry.subject ?? null, text: entry.input });
  // A message the pipeline would not hand the model (nothing to read) is still run, as written, so the case is scored.
  const modelText = content.usable && content.modelText.trim() ? content.modelText : entry.input;
  return [
    ...entry.history.map((message) => ({ authorType: AUTHOR_TYPES[message.author], authorName: message.author === "teammate" ? "Teammate" : null, text: message.text })),
    { authorType: "customer", text: content.displayText || entry.input, modelText },
  ];
}

/** The passages the AI's searches returned, title first: what a judge checks the answer against. */
export function knowledgeFound(steps: readonly NewStep[]): string[] {
  const passages = searchResults(steps).flatMap((result) => (typeof result.title === "string" && typeof result.content === "string" ? [`${result.title}\n${result.content}`] : []));
  return [...new Set(passages)];
}

/** The article the answer named: the longest title its searches returned that the reply contains. */
export function citedArticle(steps: readonly NewStep[], reply: string): string | null {
  const titles = new Set(searchResults(steps).flatMap((result) => (typeof result.title === "string" ? [result.title] : [])));
  const text = reply.toLowerCase();
  return [...titles].filter((title) => text.includes(title.toLowerCase())).sort((a, b) => b.length - a.length)[0] ?? null;
}

/** Every result of every knowledge-base search in the run, as stored (fields unchecked). */
function searchResults(steps: readonly NewStep[]): { title?: unknown; content?: unknown }[] {
  return steps.flatMap((step) => {
    if (step.toolName !== "search_knowledge_base") return [];
    const results = (step.output as { results?: unknown } | null | undefined)?.results;
    return Array.isArray(results) ? (results as { title?: unknown; content?: unknown }[]) : [];
  });
}

export async function runEvalCase(options: Omit<EvalRunOptions, "cases" | "concurrency" | "signal" | "onCase">, entry: EvalCase): Promise<EvalCaseResult> {
  const steps: NewStep[] = [];
  const startedAt = Date.now();
  const result = await runAgentTurn({
    db: options.db,
    settings: options.settings,
    model: options.model,
    conversation: { channel: entry.channel, contactHandle: entry.contact ?? null, subject: entry.subject ?? null },
    history: historyOf(entry),
    sessionId: null,
    actions: options.actions ?? [],
    actionFetch: readOnlyFetch(options.fetch ?? fetch),
    onSteps: async (rows) => void steps.push(...rows),
  });
  if (result.failureStep) steps.push(result.failureStep);
  const observed = { outcome: result.outcome, citedArticle: result.outcome.kind === "reply" ? citedArticle(steps, result.outcome.text) : null };
  const graded = options.judge ? await judgeCase(options.judge, entry, result.outcome, knowledgeFound(steps)) : null;
  const costUsd = !graded ? result.costUsd : graded.costUsd === null || result.costUsd === null ? null : result.costUsd + graded.costUsd;
  return {
    case: { id: entry.id, expect: entry.expect, tags: entry.tags },
    observed,
    score: scoreCase(entry.expect, observed),
    error: result.error,
    steps,
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    costUsd,
    durationMs: Date.now() - startedAt,
    graded,
  };
}

/** Every case, `concurrency` at a time; results in the cases' order. Cases not started before `signal` aborts are left out. */
export async function runEvalCases(options: EvalRunOptions): Promise<EvalCaseResult[]> {
  const { cases } = options;
  const results: (EvalCaseResult | undefined)[] = new Array(cases.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < cases.length && !options.signal?.aborted) {
      const index = next++;
      const result = await runEvalCase(options, cases[index]!);
      results[index] = result;
      done += 1;
      await options.onCase?.(result, done, cases.length);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, cases.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results.filter((result): result is EvalCaseResult => result !== undefined);
}
