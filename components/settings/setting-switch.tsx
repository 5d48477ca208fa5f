"use client";

import { LoaderCircle } from "lucide-react";
import { useId, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { LockedNote } from "./locked-note";

export interface SettingSwitchProps {
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  locked?: boolean;
  pending?: boolean;
  /** Why the last save failed, shown under the switch. */
  error?: string | null;
  icon?: ReactNode;
  testId?: string;
  className?: string;
}

/**
 * An on/off setting: a `role="switch"` button named by its visible label (clicking the label toggles it too),
 * described by the sentence under it. Saving is the caller's job; `pending` shows a spinner meanwhile.
 */
export function SettingSwitch({
  label,
  description,
  checked,
  onCheckedChange,
  locked = false,
  pending = false,
  error,
  icon,
  testId,
  className,
}: SettingSwitchProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const lockedId = `${id}-locked`;
  const describedBy =
    [description ? descriptionId : null, locked ? lockedId : null, error ? errorId : null].filter(Boolean).join(" ") ||
    undefined;

  return (
    <div
      className={cn("flex items-start gap-4", className)}
      data-testid={testId}
      data-checked={checked ? "true" : "false"}
      data-locked={locked ? "true" : undefined}
    >
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <label
            id={labelId}
            htmlFor={id}
            className={cn(
              "inline-flex items-center gap-2 text-sm font-medium text-gray-900",
              locked ? "cursor-not-allowed" : "cursor-pointer",
            )}
          >
            {icon}
            {label}
          </label>
          {locked ? <LockedNote id={lockedId} /> : null}
          {pending ? (
            <span className="inline-flex items-center gap-1 text-xs text-gray-500">
              <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin" />
              Saving…
            </span>
          ) : null}
        </div>
        {description ? (
          <p id={descriptionId} className="mt-0.5 text-sm text-gray-600">
            {description}
          </p>
        ) : null}
        {error ? (
          <p id={errorId} role="alert" className="mt-1 text-sm text-red-700" data-testid="switch-error">
            Not saved: {error}
          </p>
        ) : null}
      </div>
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        disabled={locked}
        onClick={() => onCheckedChange(!checked)}
        className={cn(
          // 44px tall hit area around a 24px track.
          "group relative -my-2.5 inline-flex h-11 w-12 shrink-0 cursor-pointer items-center justify-center rounded-full disabled:cursor-not-allowed",
        )}
      >
        <span
          aria-hidden="true"
          className={cn(
            "relative inline-flex h-6 w-11 items-center rounded-full transition-colors group-disabled:opacity-50",
            checked ? "bg-brand-600 group-hover:bg-brand-700" : "bg-gray-300 group-hover:bg-gray-400",
          )}
        >
          <span
            className={cn(
              "inline-block size-5 rounded-full bg-white shadow-sm ring-1 ring-black/5 transition-transform",
              checked ? "translate-x-[1.375rem]" : "translate-x-0.5",
            )}
          />
        </span>
      </button>
    </div>
  );
}
