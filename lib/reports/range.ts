/**
 * Report ranges are inclusive runs of UTC days written YYYY-MM-DD: a day is 00:00 to 24:00 UTC whatever the
 * viewer's time zone, so a report reads the same for everyone and matches the Inbox's from/to filters.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const RANGE_PRESETS = [
  { id: "7d", days: 7, label: "Last 7 days" },
  { id: "30d", days: 30, label: "Last 30 days" },
  { id: "90d", days: 90, label: "Last 90 days" },
] as const;
export type RangePresetId = (typeof RANGE_PRESETS)[number]["id"];
export const DEFAULT_PRESET: RangePresetId = "7d";

export interface ResolvedRange {
  preset: RangePresetId | "custom";
  from: string;
  to: string;
}

/** True for a real calendar date written YYYY-MM-DD ("2026-02-30" is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(time).toISOString().slice(0, 10) === value;
}

/** The UTC day of a moment. */
export function utcDate(time: number | Date = Date.now()): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return utcDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
}

/** Days from `from` to `to`, both included (1 for a single day). */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The Monday (UTC) of the week a day falls in: weeks run Monday to Sunday, as Postgres's ISO weeks do. */
export function weekOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 is Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * The whole weeks inside a range, as the Mondays of the first and last (null when none fits), and the days at
 * either end outside them: a range's days are exactly those weeks' days and the edge days.
 */
export function splitIntoWeeks(
  from: string,
  to: string,
): { weeks: { first: string; last: string } | null; edges: { from: string; to: string }[] } {
  const first = weekOf(from) === from ? from : addDays(weekOf(from), 7);
  const last = addDays(weekOf(addDays(to, 1)), -7);
  if (first > last) return { weeks: null, edges: [{ from, to }] };
  const edges = [
    { from, to: addDays(first, -1) },
    { from: addDays(last, 7), to },
  ].filter((edge) => edge.from <= edge.to);
  return { weeks: { first, last }, edges };
}

/** The instants a range covers: [start, end) in ISO form, for an index-friendly `created_at >= start and < end`. */
export function utcBounds(from: string, to: string): { start: string; end: string } {
  return { start: `${from}T00:00:00.000Z`, end: `${addDays(to, 1)}T00:00:00.000Z` };
}

/** A preset's range ending today (UTC): "Last 7 days" is today and the six days before. */
export function presetRange(preset: RangePresetId, today: string): { from: string; to: string } {
  const days = RANGE_PRESETS.find((item) => item.id === preset)?.days ?? 7;
  return { from: addDays(today, -(days - 1)), to: today };
}

/**
 * The range a page URL asks for: `from` and `to` (a custom range) when both are valid and in order, else the
 * `range` preset, else the last 7 days. Custom ranges are clamped to `maxDays`, keeping their end.
 */
export function resolveRange(
  params: { range?: string | null; from?: string | null; to?: string | null },
  today: string,
  maxDays = 366,
): ResolvedRange {
  const { from, to } = params;
  if (isIsoDate(from) && isIsoDate(to) && from <= to) {
    const earliest = addDays(to, -(maxDays - 1));
    return { preset: "custom", from: from < earliest ? earliest : from, to };
  }
  const preset = RANGE_PRESETS.find((item) => item.id === params.range)?.id ?? DEFAULT_PRESET;
  return { preset, ...presetRange(preset, today) };
}

/** "Nov 3" (or "Nov 3, 2026" with the year), read as a UTC day. */
export function formatDay(date: string, options: { year?: boolean; weekday?: boolean; locale?: string } = {}): string {
  return new Intl.DateTimeFormat(options.locale ?? "en-US", {
    month: "short",
    day: "numeric",
    year: options.year ? "numeric" : undefined,
    weekday: options.weekday ? "short" : undefined,
    timeZone: "UTC",
  }).format(Date.parse(`${date}T00:00:00Z`));
}

/** A range as words: "Nov 1 – Nov 7, 2026", "Dec 20, 2025 – Jan 2, 2026", or one day "Nov 3, 2026". */
export function formatRange(from: string, to: string, locale?: string): string {
  if (from === to) return formatDay(from, { year: true, locale });
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `${formatDay(from, { year: !sameYear, locale })} – ${formatDay(to, { year: true, locale })}`;
}
