import { sentimentLabel } from "@/components/format";
import { cn } from "@/components/ui/cn";

const SENTIMENT_DOTS: Record<string, string> = {
  angry: "bg-red-600",
  frustrated: "bg-orange-500",
  neutral: "bg-gray-400",
  positive: "bg-green-600",
};

/** A coloured dot and the sentiment's word; a dash when the AI has not judged it yet. */
export function SentimentLabel({ sentiment, className }: { sentiment: string | null | undefined; className?: string }) {
  if (!sentiment) {
    return (
      <span className={cn("text-sm text-gray-400", className)} data-testid="sentiment" data-sentiment="">
        <span aria-hidden="true">—</span>
        <span className="sr-only">No sentiment yet</span>
      </span>
    );
  }
  return (
    <span
      className={cn("inline-flex items-center gap-1.5 text-sm text-gray-700", className)}
      data-testid="sentiment"
      data-sentiment={sentiment}
    >
      <span
        aria-hidden="true"
        className={cn("size-2 shrink-0 rounded-full", SENTIMENT_DOTS[sentiment] ?? "bg-gray-400")}
      />
      {sentimentLabel(sentiment)}
    </span>
  );
}
