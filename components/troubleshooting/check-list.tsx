import { CircleCheck, CircleHelp, CircleX, type LucideIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { CheckStatus, ExplainedCheck } from "./types";

const STATUS: Record<CheckStatus, { icon: LucideIcon; word: string; iconClass: string; wordClass: string }> = {
  passed: { icon: CircleCheck, word: "Passed", iconClass: "text-green-600", wordClass: "text-green-700" },
  failed: { icon: CircleX, word: "Failed", iconClass: "text-red-600", wordClass: "text-red-700" },
  unknown: { icon: CircleHelp, word: "Unknown", iconClass: "text-gray-400", wordClass: "text-gray-500" },
};

/** Labels for checks recorded without one (an event that carried only a preview of the message). */
const CHECK_LABELS: Record<string, string> = {
  master_switch: "Frontline is switched on",
  not_in_trash: "The conversation is not in Front's trash",
  channel_switch: "The channel is switched on",
  assignment: "Assigned to the AI teammate",
  unassigned_switch: "Unassigned conversations are handled",
  customer_author: "The message was written by the customer",
};

function checkLabel(check: ExplainedCheck): string {
  if (check.label === check.id.replaceAll("_", " ")) return CHECK_LABELS[check.id] ?? check.label;
  return check.label;
}

/** The checks in the order Frontline applies them; the first failure is the answer, outlined in red. */
export function CheckList({ checks, firstFailureId }: { checks: ExplainedCheck[]; firstFailureId: string | null }) {
  return (
    <ol aria-label="Checks, in the order Frontline applies them" className="space-y-1.5" data-testid="checks">
      {checks.map((check, index) => {
        const status = STATUS[check.status] ?? STATUS.unknown;
        const Icon = status.icon;
        const isFirstFailure = check.status === "failed" && check.id === firstFailureId;
        return (
          <li
            key={`${check.id}-${index}`}
            data-testid="check"
            data-status={check.status}
            data-check-id={check.id}
            data-first-failure={isFirstFailure ? "true" : undefined}
            className={cn(
              "flex items-start gap-3 rounded-md border px-3 py-2.5",
              isFirstFailure
                ? "border-red-300 bg-red-50/70 ring-1 ring-red-300 ring-inset"
                : "border-gray-200 bg-white",
              check.status === "unknown" && "bg-gray-50/60",
            )}
          >
            <Icon aria-hidden="true" className={cn("mt-0.5 size-5 shrink-0", status.iconClass)} />
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span
                  className={cn("text-sm font-medium", check.status === "unknown" ? "text-gray-600" : "text-gray-900")}
                  data-testid="check-label"
                >
                  {checkLabel(check)}
                </span>
                {isFirstFailure ? (
                  <Badge tone="red" data-testid="first-failure-tag">
                    This is why
                  </Badge>
                ) : null}
              </p>
              {check.detail ? (
                <p
                  className={cn("mt-0.5 text-sm break-words", isFirstFailure ? "text-red-800" : "text-gray-600")}
                  data-testid="check-detail"
                >
                  {check.detail}
                </p>
              ) : null}
            </div>
            <span className={cn("shrink-0 text-xs font-medium", status.wordClass)} data-testid="check-status">
              {status.word}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
