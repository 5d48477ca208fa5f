"use client";

import { Info } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * "How is this computed?": a small button named after the metric that shows its definition. The definition is
 * also the button's description (aria-describedby), so a screen reader reads it on focus without opening it.
 * Escape, a click elsewhere or moving focus away closes it.
 */
export function InfoButton({
  metric,
  children,
  align = "start",
  testId,
}: {
  metric: string;
  children: ReactNode;
  align?: "start" | "end";
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <span
      ref={rootRef}
      className="relative inline-flex"
      onBlur={(event) => {
        if (!rootRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        type="button"
        aria-label={`How “${metric}” is computed`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-describedby={panelId}
        onClick={() => setOpen((value) => !value)}
        data-testid={testId}
        className="inline-flex size-6 items-center justify-center rounded-full text-gray-400 hover:bg-gray-100 hover:text-gray-700 aria-expanded:bg-gray-100 aria-expanded:text-gray-700"
      >
        <Info aria-hidden="true" className="size-4" />
      </button>
      <span
        id={panelId}
        role="note"
        hidden={!open}
        className={cn(
          "absolute top-full z-30 mt-1.5 w-80 max-w-[calc(100vw-2rem)] rounded-md border border-gray-200 bg-white p-3 text-left text-xs leading-relaxed font-normal text-gray-700 shadow-lg",
          align === "end" ? "right-0" : "left-0",
        )}
      >
        {children}
      </span>
    </span>
  );
}
