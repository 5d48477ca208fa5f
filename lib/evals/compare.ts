/**
 * Two runs of a set side by side: for each case both ran, whether it got better, worse, or changed in what the AI
 * did without changing its verdict. Pure: the page and the tests feed it stored results.
 */

export interface ComparableCase {
  caseKey: string;
  position: number;
  passed: boolean;
  failure: string | null;
  /** reply, or handoff:<reason> */
  outcome: string;
}

export type CaseChange = "regressed" | "fixed" | "changed" | "same";

export interface ComparedCase {
  caseKey: string;
  change: CaseChange;
  before: ComparableCase | null;
  after: ComparableCase | null;
}

export function compareRuns(before: readonly ComparableCase[], after: readonly ComparableCase[]): ComparedCase[] {
  const earlier = new Map(before.map((entry) => [entry.caseKey, entry]));
  const later = new Map(after.map((entry) => [entry.caseKey, entry]));
  const keys = [...new Set([...before, ...after].sort((a, b) => a.position - b.position).map((entry) => entry.caseKey))];
  return keys.map((caseKey) => {
    const was = earlier.get(caseKey) ?? null;
    const now = later.get(caseKey) ?? null;
    let change: CaseChange = "same";
    if (was && now) {
      if (was.passed && !now.passed) change = "regressed";
      else if (!was.passed && now.passed) change = "fixed";
      else if (was.outcome !== now.outcome || was.failure !== now.failure) change = "changed";
    } else change = "changed";
    return { caseKey, change, before: was, after: now };
  });
}

/** How many cases of each change, for the header of the comparison. */
export function changeCounts(compared: readonly ComparedCase[]): Record<CaseChange, number> {
  const counts: Record<CaseChange, number> = { regressed: 0, fixed: 0, changed: 0, same: 0 };
  for (const entry of compared) counts[entry.change] += 1;
  return counts;
}
