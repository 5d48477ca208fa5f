import { Hand, MessageSquareReply } from "lucide-react";
import { handoffReasonLabel } from "@/lib/pipeline/handoff-comment";
import { SentimentLabel } from "@/components/inbox/sentiment-label";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

/** What a run decided, as the session page and the console both show it. The sentiment is unknown for stored replies. */
export type OutcomeView =
  | { kind: "reply"; text: string; sentiment?: string | null }
  | { kind: "handoff"; reason: string; summary: string; sentiment?: string | null };

/** The outcome at a glance: the reply the customer would get, or why and to whom it goes to a person. */
export function OutcomeCard({ outcome, testId = "outcome" }: { outcome: OutcomeView; testId?: string }) {
  const handoff = outcome.kind === "handoff";
  const Icon = handoff ? Hand : MessageSquareReply;
  return (
    <Card
      className={cn(handoff ? "border-amber-200" : "border-brand-200")}
      data-testid={testId}
      data-outcome={outcome.kind}
      data-reason={handoff ? outcome.reason : undefined}
    >
      <div
        className={cn(
          "flex flex-wrap items-center gap-x-3 gap-y-1 border-b px-4 py-2.5",
          handoff ? "border-amber-100 bg-amber-50/60" : "border-brand-100 bg-brand-50/50",
        )}
      >
        <Icon aria-hidden="true" className={cn("size-4", handoff ? "text-amber-700" : "text-brand-700")} />
        <h3 className="text-sm font-semibold text-gray-900" data-testid="outcome-kind">
          {handoff ? "Hands off to a person" : "Replies to the customer"}
        </h3>
        {outcome.sentiment ? <SentimentLabel sentiment={outcome.sentiment} className="ml-auto" /> : null}
      </div>
      <div className="space-y-3 px-4 py-3 text-sm">
        {handoff ? (
          <>
            <p className="leading-relaxed text-gray-900" data-testid="outcome-summary">
              {outcome.summary}
            </p>
            <p data-testid="outcome-reason">
              <span className="text-gray-500">Reason: </span>
              <span className="text-gray-900">{handoffReasonLabel(outcome.reason)}</span>{" "}
              <code className="rounded bg-gray-100 px-1 py-px font-mono text-xs text-gray-600">{outcome.reason}</code>
            </p>
          </>
        ) : (
          <p className="leading-relaxed break-words whitespace-pre-wrap text-gray-900" data-testid="outcome-reply">
            {outcome.text}
          </p>
        )}
      </div>
    </Card>
  );
}
