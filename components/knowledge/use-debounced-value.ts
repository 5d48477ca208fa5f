"use client";

import { useEffect, useState } from "react";

/** `value` once it has stopped changing for `delayMs`: a search is asked once per pause, not once per keystroke. */
export function useDebouncedValue<T>(value: T, delayMs = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
