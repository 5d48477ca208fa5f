/**
 * Percentiles, in one place. Two definitions, each where it belongs: the nearest rank (a value that was measured:
 * benchmarks, the sample history's summary) and linear interpolation as Postgres' `percentile_cont` computes it
 * (what the reports' SQL returns, so tests can check it, and the reports' figures over wait histograms).
 */

/** The nearest-rank percentile `p` (0–100) of values sorted ascending: a value of the list; 0 when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/**
 * The p-th percentile (0–1) with linear interpolation between the closest ranks, exactly as Postgres'
 * `percentile_cont` computes it; null for no values.
 */
export function percentileCont(values: readonly number[], p: number): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return percentileContByRank(sorted.length, p, (rank) => sorted[rank]);
}

/**
 * percentile_cont over `count` values read by rank (0-based, ascending) rather than held in a list, e.g. the
 * reports' wait histograms; null for no values.
 */
export function percentileContByRank(count: number, p: number, valueAt: (rank: number) => number): number | null {
  if (count === 0) return null;
  const position = p * (count - 1);
  const lower = Math.floor(position);
  const low = valueAt(lower);
  return low + (valueAt(Math.ceil(position)) - low) * (position - lower);
}
