import { useId, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

const TONES = {
  danger: { panel: "border-red-200 bg-red-50", text: "text-red-900", confirm: "bg-red-700 hover:bg-red-800" },
  warning: { panel: "border-amber-300 bg-amber-50", text: "text-amber-900", confirm: "" },
} as const;

interface ConfirmPanelProps {
  /** The question, naming what will happen. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** While the confirmed action runs: the button waits. */
  pending?: boolean;
  /** danger: something is deleted or ends; warning: something costs. */
  tone?: keyof typeof TONES;
  className?: string;
  testId?: string;
  confirmTestId?: string;
}

/** Asks in place before an action that cannot be undone (or that costs): the question, then confirm or cancel. */
export function ConfirmPanel({
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  pending = false,
  tone = "danger",
  className,
  testId,
  confirmTestId,
}: ConfirmPanelProps) {
  const id = useId();
  const colors = TONES[tone];
  return (
    <div
      role="alertdialog"
      aria-labelledby={id}
      className={cn("rounded-md border p-3 text-sm", colors.panel, className)}
      data-testid={testId}
    >
      <p id={id} className={cn("font-medium", colors.text)}>
        {children}
      </p>
      <div className="mt-2 flex gap-2">
        <Button
          size="sm"
          variant="primary"
          className={colors.confirm}
          onClick={onConfirm}
          disabled={pending}
          data-testid={confirmTestId}
        >
          {confirmLabel}
        </Button>
        <Button size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
