import { Badge, type BadgeTone } from "@/components/ui/badge";
import { statusLabel } from "@/components/format";

const STATUS_TONES: Record<string, BadgeTone> = {
  ai_answering: "blue",
  answered: "green",
  handed_off: "amber",
  resolved: "slate",
  skipped: "gray",
  failed: "red",
};

const DOT_COLOURS: Record<BadgeTone, string> = {
  blue: "bg-blue-500",
  green: "bg-green-600",
  amber: "bg-amber-500",
  slate: "bg-slate-500",
  gray: "bg-gray-400",
  red: "bg-red-600",
  brand: "bg-brand-600",
};

/** The session status as a coloured pill with its words ("Handed off"); the colour is never the only signal. */
export function StatusBadge({
  status,
  className,
  testId = "status",
}: {
  status: string;
  className?: string;
  testId?: string;
}) {
  const tone = STATUS_TONES[status] ?? "gray";
  return (
    <Badge tone={tone} className={className} data-testid={testId} data-status={status}>
      <span
        aria-hidden="true"
        className={`size-1.5 rounded-full ${DOT_COLOURS[tone]} ${status === "ai_answering" ? "animate-pulse" : ""}`}
      />
      {statusLabel(status)}
    </Badge>
  );
}
