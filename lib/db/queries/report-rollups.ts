import { sql } from "drizzle-orm";
import type { Db } from "../client";

/**
 * Folds the weekly wait histograms' rows into one per week, channel and bucket (migration
 * 0013_weekly_wait_histograms). The triggers only append rows of differences, so the sums are right without it;
 * folding keeps a week's read to about one row per bucket. Safe to run from any number of workers at once.
 */
export async function compactWeeklyHistograms(db: Db): Promise<void> {
  await db.execute(sql`select report_weekly_histograms_compact()`);
}
