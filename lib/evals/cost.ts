import { costOf } from "../agent/pricing";
import { buildSystemPrompt } from "../agent/prompt";
import type { AgentSettings } from "../settings/ai-settings";
import type { EvalCase } from "./case";

/**
 * What a run is likely to cost before it starts, so a lead is asked first. A turn reads the system prompt and the
 * conversation on each of its model steps (about three: search, then answer or hand off) and writes a few hundred
 * tokens; a token is about four characters. A judge (graded checks) reads and writes once more per case. The
 * offline model costs nothing; a model with no price is `null`.
 */
const STEPS_PER_TURN = 3;
const OUTPUT_TOKENS_PER_TURN = 400;
const CHARS_PER_TOKEN = 4;
/** What the tools' descriptions and the search results add to each step. */
const TOOL_TOKENS_PER_STEP = 900;
/** A judge reads the case, the passages found and the AI's words (about the same again), and writes its grades. */
const JUDGE_OVERHEAD_TOKENS = 1200;
const JUDGE_OUTPUT_TOKENS = 200;

export interface RunEstimate {
  cases: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  /** True for the offline model: nothing leaves the server and nothing is billed. */
  free: boolean;
}

export function estimateRunCost(
  cases: readonly EvalCase[],
  settings: Pick<AgentSettings, "model" | "instructions" | "handoffTopics" | "prices">,
  options: { judge?: boolean } = {},
): RunEstimate {
  let inputTokens = 0;
  for (const entry of cases) {
    const system = buildSystemPrompt({ channel: entry.channel }, { instructions: settings.instructions, handoffTopics: settings.handoffTopics });
    const conversation = entry.input.length + entry.history.reduce((sum, message) => sum + message.text.length, 0);
    inputTokens += STEPS_PER_TURN * (Math.ceil((system.length + conversation) / CHARS_PER_TOKEN) + TOOL_TOKENS_PER_STEP);
    if (options.judge) inputTokens += Math.ceil(entry.input.length / CHARS_PER_TOKEN) + JUDGE_OVERHEAD_TOKENS;
  }
  const outputTokens = cases.length * (OUTPUT_TOKENS_PER_TURN + (options.judge ? JUDGE_OUTPUT_TOKENS : 0));
  const free = settings.model === "local";
  return { cases: cases.length, inputTokens, outputTokens, costUsd: free ? 0 : costOf(settings.model, { inputTokens, outputTokens }, settings.prices), free };
}
