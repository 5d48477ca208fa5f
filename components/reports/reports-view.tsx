"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChartColumn } from "lucide-react";
import { useCallback, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { StatePanel } from "@/components/ui/state-panel";
import { LoadError } from "@/components/ui/load-error";
import { DEFINITIONS, OUTCOME_DEFINITIONS, POPULATION } from "@/lib/reports/definitions";
import { channelLabel, OUTCOME_LABELS } from "@/lib/reports/labels";
import { formatRange } from "@/lib/reports/range";
import { outcomesTable, reasonsTable, responseTimesTable, sentimentTable, volumeTable } from "@/lib/reports/tables";
import { OUTCOME_STATUSES, type ChannelReport } from "@/lib/reports/types";
import { AiRates } from "./ai-rates";
import { EvalScores } from "./eval-scores";
import { KnowledgeGaps } from "./knowledge-gaps";
import { OutcomesChart } from "./outcomes-chart";
import { ReasonsChart } from "./reasons-chart";
import { ReportFilters } from "./report-filters";
import { ReportSection } from "./report-section";
import { ReportsSkeleton } from "./reports-skeleton";
import { ResponseTimeChart } from "./response-time-chart";
import { SentimentChart } from "./sentiment-chart";
import { FROM_PARAM, RANGE_PARAM, setReportParams, TO_PARAM, useReportFilters } from "./url-state";
import { VolumeChart } from "./volume-chart";
import { plural } from "@/lib/format/plural";

function reportUrl(filters: { from: string; to: string; channel: string | null; windowHours: number }): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.channel) params.set("channel", filters.channel);
  params.set("window", String(filters.windowHours));
  return `/api/reports?${params}`;
}

/** True on phone-width screens (no match on the server). */
function useCompact(): boolean {
  const subscribe = useCallback((onChange: () => void) => {
    const query = window.matchMedia("(max-width: 639px)");
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia("(max-width: 639px)").matches,
    () => false,
  );
}

function Definition({ children }: { children: string }) {
  return (
    <>
      <span className="block">{children}</span>
      <span className="mt-1.5 block text-gray-500">{POPULATION}</span>
    </>
  );
}

function NoneInRange({ children }: { children: string }) {
  return <p className="rounded-md bg-gray-50 px-3 py-6 text-center text-sm text-gray-500">{children}</p>;
}

function Report({ report }: { report: ChannelReport }) {
  const compact = useCompact();
  const range = report.range;
  const channel = report.channel;
  const common = { range, channel };
  const handedOff = report.outcomes.all.counts.handed_off;
  return (
    <div className="space-y-6">
      <AiRates report={report} />
      <ReportSection
        id="volume"
        title="Sessions over time"
        definition={<Definition>{DEFINITIONS.volume}</Definition>}
        description={`${plural(report.totalSessions, "session")} per UTC day, by channel`}
        table={volumeTable(report)}
        {...common}
      >
        <VolumeChart report={report} />
      </ReportSection>
      <ReportSection
        id="outcomes"
        title="Where conversations are now"
        definition={
          <>
            <span className="block">{DEFINITIONS.outcomes}</span>
            <span className="mt-1.5 block space-y-0.5">
              {OUTCOME_STATUSES.map((status) => (
                <span key={status} className="block">
                  <strong className="font-semibold text-gray-900">{OUTCOME_LABELS[status]}:</strong>{" "}
                  {OUTCOME_DEFINITIONS[status]}
                </span>
              ))}
            </span>
            <span className="mt-1.5 block text-gray-500">{POPULATION}</span>
          </>
        }
        description="Each session under its current status, after whatever people did; not a measure of the AI (see How the AI did)"
        table={outcomesTable(report)}
        {...common}
      >
        <OutcomesChart report={report} />
      </ReportSection>
      <div className="grid gap-6 xl:grid-cols-2">
        <ReportSection
          id="reasons"
          title="Handoff reasons"
          definition={<Definition>{DEFINITIONS.reasons}</Definition>}
          description="Why the AI passed sessions to a person"
          table={reasonsTable(report)}
          {...common}
        >
          {report.handoffReasons.length > 0 ? (
            <ReasonsChart report={report} compact={compact} />
          ) : (
            <NoneInRange>
              {handedOff > 0 ? "No handoff reason recorded in this range." : "No session was handed off in this range."}
            </NoneInRange>
          )}
        </ReportSection>
        <ReportSection
          id="sentiment"
          title="Sentiment mix"
          definition={<Definition>{DEFINITIONS.sentiment}</Definition>}
          description="The customer's mood as the AI judged it, per channel"
          table={sentimentTable(report)}
          {...common}
        >
          <SentimentChart report={report} />
        </ReportSection>
      </div>
      <ReportSection
        id="response-times"
        title="Time to reply or hand off"
        definition={<Definition>{DEFINITIONS.responseTimes}</Definition>}
        description="Median and 90th percentile seconds from Front's webhook to the AI's reply or handoff reaching Front"
        table={responseTimesTable(report)}
        {...common}
      >
        {report.responseTimes.all.runs > 0 ? (
          <ResponseTimeChart report={report} />
        ) : (
          <NoneInRange>No AI reply or handoff reached Front in this range.</NoneInRange>
        )}
      </ReportSection>
      <KnowledgeGaps range={range} channel={channel} />
      <EvalScores range={range} channel={channel} />
    </div>
  );
}

/** The Reports page: filters, then the report for the range and channel in the URL. */
export function ReportsView() {
  const filters = useReportFilters();
  const query = useQuery({
    queryKey: [
      "reports",
      { from: filters.from, to: filters.to, channel: filters.channel, window: filters.windowHours },
    ],
    queryFn: ({ signal }) => fetchJson<ChannelReport>(reportUrl(filters), signal),
    // A new range keeps the last report on screen (dimmed) until its numbers arrive.
    placeholderData: keepPreviousData,
  });

  let body;
  if (query.isPending) {
    body = <ReportsSkeleton />;
  } else if (query.isError && !query.data) {
    body = (
      <LoadError
        title="Could not load the report"
        testId="reports-error"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (query.data.totalSessions === 0) {
    const widen = filters.preset !== "90d";
    body = (
      <StatePanel
        icon={ChartColumn}
        role="status"
        testId="reports-empty"
        title={`No ${filters.channel ? `${channelLabel(filters.channel)} ` : ""}sessions for ${formatRange(filters.from, filters.to)}`}
        action={
          widen ? (
            <Button
              onClick={() => setReportParams({ [RANGE_PARAM]: "90d", [FROM_PARAM]: null, [TO_PARAM]: null })}
              data-testid="reports-widen"
            >
              Show the last 90 days
            </Button>
          ) : null
        }
      >
        <p>
          Reports count the sessions Front sent to the AI teammate, by the UTC day of their first message. Try a wider
          range or another channel.
        </p>
      </StatePanel>
    );
  } else {
    body = (
      <div
        aria-busy={query.isPlaceholderData || undefined}
        className={query.isPlaceholderData ? "opacity-60 transition-opacity" : "transition-opacity"}
        data-testid="report"
      >
        {query.isError ? (
          <p
            role="status"
            className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800"
          >
            Showing the last report loaded; refreshing failed ({query.error.message}).
          </p>
        ) : null}
        <Report report={query.data} />
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <ReportFilters filters={filters} />
      {body}
    </div>
  );
}
