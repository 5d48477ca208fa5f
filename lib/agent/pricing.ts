/** Prices in US dollars per million tokens. Editable in settings; these are the defaults. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  local: { inputPerMillion: 0, outputPerMillion: 0 },
  "openai:gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "openai:gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10 },
  "openai:gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "anthropic:claude-3-5-haiku-latest": { inputPerMillion: 0.8, outputPerMillion: 4 },
  "anthropic:claude-sonnet-4-5": { inputPerMillion: 3, outputPerMillion: 15 },
};

/** The cost of some tokens, or null when the model has no price (shown as "no price set", never as $0). */
export function costOf(
  model: string,
  tokens: { inputTokens: number; outputTokens: number },
  prices: Record<string, ModelPrice> = DEFAULT_PRICES,
): number | null {
  const price = prices[model];
  if (!price) return null;
  return (tokens.inputTokens * price.inputPerMillion + tokens.outputTokens * price.outputPerMillion) / 1_000_000;
}

/** "$0.0042", "<$0.0001", "$1.20". */
export function formatCost(cost: number | null): string {
  if (cost === null) return "no price set";
  if (cost === 0) return "$0";
  if (cost < 0.0001) return "<$0.0001";
  return cost < 1 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`;
}
