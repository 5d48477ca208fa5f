"use client";

import { ChevronRight } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { cn } from "./cn";

export interface CollapsibleProps {
  /** What the toggle shows; must not contain other interactive elements. */
  trigger: ReactNode;
  children: ReactNode;
  defaultOpen?: boolean;
  className?: string;
  triggerClassName?: string;
  contentClassName?: string;
}

/** A disclosure: a full-width button (aria-expanded) that shows or hides the region below it. */
export function Collapsible({
  trigger,
  children,
  defaultOpen = false,
  className,
  triggerClassName,
  contentClassName,
}: CollapsibleProps) {
  const [open, setOpen] = useState(defaultOpen);
  const contentId = useId();
  return (
    <div className={className} data-state={open ? "open" : "closed"}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={contentId}
        onClick={() => setOpen((value) => !value)}
        className={cn(
          "group flex w-full items-center gap-2 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600",
          triggerClassName,
        )}
      >
        <ChevronRight
          aria-hidden="true"
          className={cn("size-4 shrink-0 text-gray-400 transition-transform", open && "rotate-90")}
        />
        {trigger}
      </button>
      <div id={contentId} hidden={!open} className={contentClassName}>
        {open ? children : null}
      </div>
    </div>
  );
}
