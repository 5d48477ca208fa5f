import type { JSONSchema7, LanguageModelV3CallOptions, LanguageModelV3FunctionTool } from "@ai-sdk/provider";
import { HANDOFF_REASONS, SENTIMENTS as SENTIMENT_LABELS, type HandoffReason } from "../outcome";
import type { SentimentLabel } from "../../text-analysis/sentiment";
import { truncate } from "../../text-analysis/text";

export const SEARCH_TOOL = "search_knowledge_base";
export const HANDOFF_TOOL = "handoff_to_human";

// One list of reasons and sentiments for the whole app: the handoff tool's schema is built from them too.
export { HANDOFF_REASONS, type HandoffReason } from "../outcome";
const SENTIMENTS: readonly SentimentLabel[] = SENTIMENT_LABELS;

export interface SearchInput {
  query: string;
}
export interface HandoffInput {
  reason: HandoffReason;
  summary: string;
  sentiment: SentimentLabel;
}
export type ToolCallPlan =
  { toolName: typeof SEARCH_TOOL; input: SearchInput } | { toolName: typeof HANDOFF_TOOL; input: HandoffInput };

export interface KbArticle {
  articleId: string;
  title: string;
  content: string;
  score: number;
}

/** The function tools this call may use: none for toolChoice "none", only the named one for toolChoice "tool". */
export function offeredTools(options: LanguageModelV3CallOptions): Map<string, LanguageModelV3FunctionTool> {
  const tools = new Map<string, LanguageModelV3FunctionTool>();
  const choice = options.toolChoice;
  if (choice?.type === "none") return tools;
  for (const tool of options.tools ?? []) {
    if (tool.type !== "function") continue;
    if (choice?.type === "tool" && choice.toolName !== tool.name) continue;
    tools.set(tool.name, tool);
  }
  return tools;
}

/** Our own input shapes, cleaned (trimmed, clipped); null when a value cannot be made valid. */
export function validSearchInput(query: string): SearchInput | null {
  const q = truncate(query.replace(/\s+/g, " ").trim(), 200);
  return q ? { query: q } : null;
}

export function validHandoffInput(input: HandoffInput): HandoffInput | null {
  const summary = truncate(input.summary.replace(/\s+/g, " ").trim(), 300);
  if (!summary || !HANDOFF_REASONS.includes(input.reason) || !SENTIMENTS.includes(input.sentiment)) return null;
  return { reason: input.reason, summary, sentiment: input.sentiment };
}

/**
 * A small JSON-schema check (object, required keys, string/number type, enum, string length) so we never call an
 * app's tool with input its schema would reject; the SDK would turn that into a tool error.
 */
export function fitsSchema(input: Record<string, unknown>, schema: JSONSchema7): boolean {
  if (schema.type && schema.type !== "object") return false;
  for (const key of schema.required ?? []) if (!(key in input)) return false;
  for (const [key, value] of Object.entries(input)) {
    const prop = schema.properties?.[key];
    if (prop === undefined) {
      if (schema.additionalProperties === false) return false;
      continue;
    }
    if (typeof prop === "boolean") {
      if (!prop) return false;
      continue;
    }
    if (prop.enum && !prop.enum.includes(value as string)) return false;
    if (prop.type === "string") {
      if (typeof value !== "string") return false;
      if (prop.minLength !== undefined && value.length < prop.minLength) return false;
      if (prop.maxLength !== undefined && value.length > prop.maxLength) return false;
    }
    if ((prop.type === "number" || prop.type === "integer") && typeof value !== "number") return false;
  }
  return true;
}

/** The search tool's output, leniently: anything that is not an article is dropped. */
export function parseSearchResults(value: unknown): KbArticle[] {
  const list = (value as { results?: unknown } | null)?.results ?? value;
  if (!Array.isArray(list)) return [];
  return list
    .filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null)
    .map((r) => ({
      articleId: String(r.articleId ?? r.id ?? ""),
      title: String(r.title ?? ""),
      content: String(r.content ?? r.body ?? ""),
      score: Number(r.score ?? 0) || 0,
    }))
    .filter((a) => a.title || a.content);
}
