import { percentileContByRank } from "../stats";

/** One bucket of a wait histogram: `runs` waits, standing for their mean. */
export interface WaitBucket {
  bucket: number;
  runs: number;
  waitSum: number;
}

/**
 * percentile_cont (a spreadsheet's PERCENTILE) over a histogram whose buckets are in wait order, each of its runs
 * taken as the bucket's mean wait: exact when every bucket holds one distinct wait, else within the bucket's width.
 */
export function histogramPercentile(buckets: readonly WaitBucket[], p: number): number | null {
  const total = buckets.reduce((sum, bucket) => sum + bucket.runs, 0);
  // The mean of the bucket holding the wait of each rank (0-based, in wait order).
  const valueAt = (rank: number): number => {
    let before = 0;
    for (const bucket of buckets) {
      if (rank < before + bucket.runs) return bucket.waitSum / bucket.runs;
      before += bucket.runs;
    }
    const last = buckets.at(-1)!;
    return last.waitSum / last.runs;
  };
  return percentileContByRank(total, p, valueAt);
}

/** The buckets of several histograms merged bucket by bucket, in wait order. */
export function mergeBuckets(buckets: readonly WaitBucket[]): WaitBucket[] {
  const merged = new Map<number, WaitBucket>();
  for (const bucket of buckets) {
    const entry = merged.get(bucket.bucket) ?? { bucket: bucket.bucket, runs: 0, waitSum: 0 };
    entry.runs += bucket.runs;
    entry.waitSum += bucket.waitSum;
    merged.set(bucket.bucket, entry);
  }
  return [...merged.values()].sort((a, b) => a.bucket - b.bucket);
}
