import Link from "next/link";
import { useId, type ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { DEFINITIONS } from "@/lib/reports/definitions";
import { inboxHref } from "@/lib/reports/drilldown";
import { formatCount, formatPercent, formatWait } from "@/lib/reports/format";
import type { ChannelReport } from "@/lib/reports/types";
import { InfoButton } from "./info-button";

function Tile({ label, value, detail, definition, href, testId }: { label: string; value: string; detail: ReactNode; definition: string; href?: string; testId: string }) {
  const definitionId = useId();
  return (
    <Card className="px-4 py-3" data-testid={testId}>
      <div className="flex items-center gap-1">
        <h3 className="text-xs font-medium text-gray-600">{label}</h3>
        <InfoButton metric={label}>{definition}</InfoButton>
      </div>
      <p className="mt-1 text-2xl font-semibold tracking-tight text-gray-900 tabular-nums" aria-describedby={definitionId} data-testid={`${testId}-value`}>
        {href ? (
          <Link href={href} className="underline-offset-4 hover:text-brand-700 hover:underline">
            {value}
          </Link>
        ) : (
          value
        )}
      </p>
      <p className="mt-0.5 text-xs text-gray-500">{detail}</p>
      <span id={definitionId} hidden>
        {definition}
      </span>
    </Card>
  );
}

/** The range's headline numbers over every channel shown, each with its definition. */
export function SummaryTiles({ report }: { report: ChannelReport }) {
  const { all } = report.outcomes;
  const wait = report.responseTimes.all;
  const { from, to } = report.range;
  const channel = report.channel;
  return (
    <section aria-labelledby="report-summary-heading" className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="report-summary">
      <h2 id="report-summary-heading" className="sr-only">
        Summary
      </h2>
      <Tile
        testId="summary-sessions"
        label="Sessions"
        value={formatCount(report.totalSessions)}
        detail={`${formatCount(all.reachedOutcome)} reached an outcome`}
        definition={DEFINITIONS.totalSessions}
        href={inboxHref({ channel, from, to })}
      />
      <Tile
        testId="summary-answered"
        label="Answered by the AI"
        value={formatPercent(all.rates.answered)}
        detail={`${formatCount(all.counts.answered)} of ${formatCount(all.reachedOutcome)} sessions`}
        definition={DEFINITIONS.answeredRate}
        href={all.counts.answered > 0 ? inboxHref({ channel, status: "answered", from, to }) : undefined}
      />
      <Tile
        testId="summary-handed-off"
        label="Handed off"
        value={formatPercent(all.rates.handed_off)}
        detail={`${formatCount(all.counts.handed_off)} of ${formatCount(all.reachedOutcome)} sessions`}
        definition={DEFINITIONS.handedOffRate}
        href={all.counts.handed_off > 0 ? inboxHref({ channel, status: "handed_off", from, to }) : undefined}
      />
      <Tile
        testId="summary-wait"
        label="Median time to reply"
        value={formatWait(wait.medianSeconds)}
        detail={wait.runs > 0 ? `90th percentile ${formatWait(wait.p90Seconds)} · ${formatCount(wait.runs)} AI ${wait.runs === 1 ? "run" : "runs"}` : "No AI run reached Front"}
        definition={DEFINITIONS.medianWait}
      />
    </section>
  );
}
