import { TriangleAlert } from "lucide-react";
import { humanize } from "@/components/format";
import { Badge } from "@/components/ui/badge";

export const FLAG_LABELS: Record<string, string> = {
  handoff_incomplete: "Handoff incomplete",
  reply_not_delivered: "Reply not delivered",
};

const FLAG_HINTS: Record<string, string> = {
  handoff_incomplete:
    "The AI posted its handoff comment but could not unassign the conversation: a person must pick it up in Front.",
  reply_not_delivered: "The AI wrote a reply but Front did not accept it: the customer has not been answered.",
};

/** Something a lead must act on, in red with its words; nothing when the session has no flag. */
export function FlagBadge({ flag, className }: { flag: string | null | undefined; className?: string }) {
  if (!flag) return null;
  return (
    <Badge tone="red" className={className} data-testid="session-flag" data-flag={flag} title={FLAG_HINTS[flag]}>
      <TriangleAlert aria-hidden="true" />
      {FLAG_LABELS[flag] ?? humanize(flag)}
    </Badge>
  );
}
