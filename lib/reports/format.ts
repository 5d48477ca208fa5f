/** Numbers as the reports print them; each returns "—" when there is nothing to show. */

export const NO_VALUE = "—";

/** count ÷ total from 0 to 1, or null when the total is 0 (a rate over nothing is not 0%). */
export function rate(count: number, total: number): number | null {
  return total > 0 ? count / total : null;
}

/** 0.4286 → "42.9%", 0.5 → "50%", 1 → "100%"; null → "—". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const percent = Math.round(value * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** 12345 → "12,345". */
export function formatCount(value: number): string {
  return new Intl.NumberFormat("en-US").format(value);
}

/** Seconds with one decimal for tables whose header names the unit: 4.25 → "4.3"; null → "—". */
export function formatSecondsValue(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NO_VALUE;
  return (Math.round(seconds * 10) / 10).toFixed(1);
}

/** A wait in words: "0.8 s", "12.3 s", "2 min 05 s", "1 h 02 min". */
export function formatWait(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NO_VALUE;
  if (seconds < 60) return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
  const total = Math.round(seconds);
  if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, "0")} s`;
  return `${Math.floor(total / 3600)} h ${String(Math.floor((total % 3600) / 60)).padStart(2, "0")} min`;
}
