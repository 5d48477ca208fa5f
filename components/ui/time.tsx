"use client";

import { useEffect, useState } from "react";
import { localDateTime, localTime, relativeTime } from "@/components/format";

/** The current time, re-read every `intervalMs` so relative times stay true while the page is open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "5 min ago", with the viewer's local date and time in the title. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const now = useNow();
  const full = localDateTime(iso);
  return (
    <time dateTime={iso} title={full} className={className}>
      {relativeTime(iso, now)}
    </time>
  );
}

/** A local date and time ("Mar 4, 2025, 2:05 PM"), or only the time of day with the full date in the title. */
export function LocalTime({
  iso,
  timeOnly = false,
  seconds = false,
  className,
}: {
  iso: string;
  timeOnly?: boolean;
  seconds?: boolean;
  className?: string;
}) {
  const full = localDateTime(iso, { seconds: true });
  return (
    <time dateTime={iso} title={full} className={className}>
      {timeOnly ? localTime(iso) : localDateTime(iso, { seconds })}
    </time>
  );
}
