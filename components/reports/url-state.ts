"use client";

import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { DEFAULT_RESULT_WINDOW_HOURS, RESULT_WINDOWS } from "@/lib/inbox/session-filters";
import { isChannel, type Channel } from "@/lib/domain";
import { resolveRange, utcDate, type ResolvedRange } from "@/lib/reports/range";
import { MAX_RANGE_DAYS } from "@/lib/reports/types";

/** Query-string names of the Reports page: a preset (`range=30d`) or a custom `from`/`to`, and a channel. */
export const RANGE_PARAM = "range";
export const FROM_PARAM = "from";
export const TO_PARAM = "to";
export const CHANNEL_PARAM = "channel";
/** Hours after the AI's act that resolution and reopens are judged at; 72 when absent. */
export const WINDOW_PARAM = "window";

export interface ReportFilters extends ResolvedRange {
  channel: Channel | null;
  windowHours: number;
}

/** What the URL asks for; presets end today (UTC); an unknown channel means all channels. */
export function useReportFilters(): ReportFilters {
  const searchParams = useSearchParams();
  const range = searchParams.get(RANGE_PARAM);
  const from = searchParams.get(FROM_PARAM);
  const to = searchParams.get(TO_PARAM);
  const channelParam = searchParams.get(CHANNEL_PARAM);
  const windowParam = searchParams.get(WINDOW_PARAM);
  const today = utcDate();
  return useMemo(() => {
    const channel = isChannel(channelParam) ? channelParam : null;
    const hours = Number(windowParam);
    const windowHours = (RESULT_WINDOWS as readonly number[]).includes(hours) ? hours : DEFAULT_RESULT_WINDOW_HOURS;
    return { ...resolveRange({ range, from, to }, today, MAX_RANGE_DAYS), channel, windowHours };
  }, [range, from, to, channelParam, windowParam, today]);
}

/**
 * Changes the query string without a navigation (Next.js follows `history.pushState`, so `useSearchParams`
 * does too): each new range or channel is a history entry, so Back returns to the previous report.
 */
export function setReportParams(updates: Record<string, string | null>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(updates)) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  const query = params.toString();
  window.history.pushState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
}
