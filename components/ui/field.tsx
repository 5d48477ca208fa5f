import type { ReactNode } from "react";
import { cn } from "./cn";

/** A form field: its label above the control it wraps (the wrapping names the control, no id needed). */
export function Field({ label, className, children }: { label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <label className={cn("block text-sm", className)}>
      <span className="mb-1 block font-medium text-gray-800">{label}</span>
      {children}
    </label>
  );
}
