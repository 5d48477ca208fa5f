import { humanize } from "@/components/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";

export const DECISION_TONES: Record<string, BadgeTone> = {
  processed: "green",
  duplicate: "gray",
  skipped: "amber",
  recorded: "slate",
  failed: "red",
  rejected: "red",
  queued: "blue",
};

/** What Frontline decided about a delivery, as a coloured pill with the word. */
export function DecisionBadge({ decision }: { decision: string }) {
  return (
    <Badge tone={DECISION_TONES[decision] ?? "gray"} data-testid="delivery-decision" data-decision={decision}>
      {humanize(decision)}
    </Badge>
  );
}
