import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

export interface StatePanelProps {
  icon: LucideIcon;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons or links under the text. */
  action?: ReactNode;
  tone?: "neutral" | "error";
  role?: "status" | "alert";
  className?: string;
  testId?: string;
}

/** Empty, error and not-found states: an icon, a short title, a sentence and an optional action. */
export function StatePanel({
  icon: Icon,
  title,
  children,
  action,
  tone = "neutral",
  role,
  className,
  testId,
}: StatePanelProps) {
  return (
    <div
      role={role}
      data-testid={testId}
      className={cn(
        "flex flex-col items-center rounded-lg border border-dashed px-6 py-12 text-center",
        tone === "error" ? "border-red-200 bg-red-50/50" : "border-gray-300 bg-white",
        className,
      )}
    >
      <span
        className={cn(
          "mb-3 flex size-10 items-center justify-center rounded-full",
          tone === "error" ? "bg-red-100 text-red-700" : "bg-gray-100 text-gray-500",
        )}
      >
        <Icon aria-hidden="true" className="size-5" />
      </span>
      {title ? <p className="text-sm font-semibold text-gray-900">{title}</p> : null}
      {children ? <div className={cn("max-w-md text-sm text-gray-600", title ? "mt-1" : null)}>{children}</div> : null}
      {action ? <div className="mt-4 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
