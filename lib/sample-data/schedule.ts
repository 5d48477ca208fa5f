/**
 * When the sample history's conversations start: busier weekdays 9–17 in a US time zone, quieter evenings and
 * weekends, a little day-to-day noise. Pure and deterministic for a seed and an end time.
 */
import type { Prng } from "./prng";

const HOUR_MS = 3_600_000;

/** Relative volume by weekday, Sunday first. */
const WEEKDAY_WEIGHT = [0.28, 1.18, 1.12, 1.06, 1.0, 0.9, 0.38];

/** Relative volume by local hour, 0–23. */
const WEEKDAY_HOURS = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.45, 1.1, 2.8, 5.2, 6.6, 6.9, 5.6, 6.2, 6.6, 6.0, 5.2, 3.6, 2.3, 1.7, 1.3, 0.95,
  0.6, 0.3,
];
const WEEKEND_HOURS = [
  0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.7, 1.5, 2.6, 3.4, 3.8, 3.7, 3.5, 3.3, 3.0, 2.6, 2.2, 1.9, 1.6, 1.3, 1.0, 0.7,
  0.45,
];

export interface LocalTime {
  /** 0 = Sunday. */
  weekday: number;
  hour: number;
  /** "2026-03-03": the local calendar day. */
  day: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local weekday, hour and day of an instant in a time zone (DST included). */
export function localTime(at: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday),
    hour: Number(parts.hour) % 24,
    day: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

/** Whether the support team (per the knowledge base: Mon–Fri 8–18, Sat 10–14) is at work. */
export function isOpen(local: LocalTime): boolean {
  if (local.weekday >= 1 && local.weekday <= 5) return local.hour >= 8 && local.hour < 18;
  if (local.weekday === 6) return local.hour >= 10 && local.hour < 14;
  return false;
}

export interface ScheduleOptions {
  start: Date;
  end: Date;
  /** About how many conversations in the whole window. */
  total: number;
  timeZone: string;
}

/** Start times of every conversation in [start, end), oldest first, shaped by weekday and hour. */
export function conversationTimes(rng: Prng, options: ScheduleOptions): Date[] {
  const { start, end, timeZone } = options;
  const firstHour = Math.floor(start.getTime() / HOUR_MS) * HOUR_MS;
  const slots: { from: number; to: number; weight: number }[] = [];
  const dayNoise = new Map<string, number>();
  for (let t = firstHour; t < end.getTime(); t += HOUR_MS) {
    const from = Math.max(t, start.getTime());
    const to = Math.min(t + HOUR_MS, end.getTime());
    if (to <= from) continue;
    const local = localTime(new Date(t), timeZone);
    if (!dayNoise.has(local.day)) dayNoise.set(local.day, 0.85 + 0.3 * rng.next());
    const weekend = local.weekday === 0 || local.weekday === 6;
    const hourWeight = (weekend ? WEEKEND_HOURS : WEEKDAY_HOURS)[local.hour];
    slots.push({
      from,
      to,
      weight: WEEKDAY_WEIGHT[local.weekday] * hourWeight * dayNoise.get(local.day)! * ((to - from) / HOUR_MS),
    });
  }
  const totalWeight = slots.reduce((sum, slot) => sum + slot.weight, 0);
  const times: Date[] = [];
  for (const slot of slots) {
    const expected = (options.total * slot.weight) / totalWeight;
    // Stochastic rounding keeps the total close to the target while quiet hours still get the odd conversation.
    const n = Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0);
    const inSlot: number[] = [];
    for (let i = 0; i < n; i++) inSlot.push(slot.from + Math.floor(rng.next() * (slot.to - slot.from)));
    inSlot.sort((a, b) => a - b).forEach((ms) => times.push(new Date(ms)));
  }
  return times;
}
