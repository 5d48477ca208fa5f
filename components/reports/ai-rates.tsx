"use client";

import Link from "next/link";
import { useId, type ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { RESULT_WINDOWS } from "@/lib/inbox/session-filters";
import { inputClass } from "@/components/ui/field-styles";
import {
  aiFigures,
  HUMAN_REPLY_FORMULA,
  humanReplyHref,
  rateChange,
  windowWords,
  type AiFigure,
  type AiFigurePart,
} from "@/lib/reports/ai-figures";
import { aiRatesTable, aiReasonsTable, aiTrendTable } from "@/lib/reports/ai-tables";
import { DEFINITIONS, POPULATION } from "@/lib/reports/definitions";
import { formatCount, formatPercent, formatWait } from "@/lib/reports/format";
import { channelLabel } from "@/lib/reports/labels";
import { formatRange } from "@/lib/reports/range";
import type { ChannelReport } from "@/lib/reports/types";
import { AiTrendChart } from "./ai-trend-chart";
import { InfoButton } from "./info-button";
import { ReportSection } from "./report-section";
import { setReportParams, WINDOW_PARAM } from "./url-state";
import { plural } from "@/lib/format/plural";

function PartLink({ part }: { part: AiFigurePart }) {
  const count = formatCount(part.count);
  if (part.count === 0) return <span className="font-medium text-gray-700">{count}</span>;
  return (
    <Link
      href={part.href}
      className="font-medium text-gray-700 underline decoration-gray-300 underline-offset-2 hover:text-brand-700"
      aria-label={`${count} ${part.what}: open in the Inbox`}
    >
      {count}
    </Link>
  );
}

/** ▲▼ against the range before: green when the change is good news, red when bad. */
function Change({
  value,
  previous,
  higherIsBetter,
  previousText,
}: {
  value: number | null;
  previous: number | null;
  higherIsBetter: boolean;
  previousText: string;
}) {
  const change = rateChange(value, previous);
  if (!change) return <span className="text-gray-500">Previous range: {previousText}</span>;
  const good = change.arrow === null ? null : change.points > 0 === higherIsBetter;
  return (
    <span>
      <span
        className={cn(
          "font-medium",
          good === true && "text-emerald-700",
          good === false && "text-red-700",
          good === null && "text-gray-600",
        )}
        data-testid="change"
      >
        {change.text}
      </span>
      <span className="text-gray-500"> vs {previousText}</span>
    </span>
  );
}

function FigureTile({ figure }: { figure: AiFigure }) {
  const definitionId = useId();
  return (
    <Card className="px-4 py-3" data-testid={`ai-figure-${figure.id}`}>
      <div className="flex items-center gap-1">
        <h3 className="text-xs font-medium text-gray-600">{figure.label}</h3>
        <InfoButton metric={figure.label}>
          <span className="block">{figure.formula}</span>
          <span className="mt-1.5 block text-gray-500">{POPULATION}</span>
        </InfoButton>
      </div>
      <p
        className="mt-1 text-2xl font-semibold tracking-tight text-gray-900 tabular-nums"
        aria-describedby={definitionId}
        data-testid="value"
      >
        {formatPercent(figure.value)}
      </p>
      <p className="mt-0.5 text-xs text-gray-500" data-testid="ratio">
        <PartLink part={figure.numerator} /> of <PartLink part={figure.denominator} />{" "}
        {figure.denominator.what.replace(/^sessions /, "")}
      </p>
      <p className="mt-1 text-xs">
        <Change
          value={figure.value}
          previous={figure.previous}
          higherIsBetter={figure.higherIsBetter}
          previousText={formatPercent(figure.previous)}
        />
      </p>
      <span id={definitionId} hidden>
        {figure.formula}
      </span>
    </Card>
  );
}

/** A time figure (median and 90th percentile), with the range before beside its median. */
function TimeTile({
  testId,
  label,
  formula,
  median,
  p90,
  previousMedian,
  detail,
}: {
  testId: string;
  label: string;
  formula: string;
  median: number | null;
  p90: number | null;
  previousMedian: number | null;
  detail: ReactNode;
}) {
  const change = median !== null && previousMedian !== null && median !== previousMedian;
  return (
    <Card className="px-4 py-3" data-testid={testId}>
      <div className="flex items-center gap-1">
        <h3 className="text-xs font-medium text-gray-600">{label}</h3>
        <InfoButton metric={label}>
          <span className="block">{formula}</span>
          <span className="mt-1.5 block text-gray-500">{POPULATION}</span>
        </InfoButton>
      </div>
      <p className="mt-1 text-2xl font-semibold tracking-tight text-gray-900 tabular-nums" data-testid="value">
        {formatWait(median)}
      </p>
      <p className="mt-0.5 text-xs text-gray-500">
        {p90 !== null ? <>90th percentile {formatWait(p90)} · </> : null}
        {detail}
      </p>
      <p className="mt-1 text-xs">
        {change ? (
          <span>
            <span className={cn("font-medium", median! < previousMedian! ? "text-emerald-700" : "text-red-700")}>
              {median! < previousMedian! ? "▼ faster" : "▲ slower"}
            </span>
            <span className="text-gray-500"> vs {formatWait(previousMedian)}</span>
          </span>
        ) : (
          <span className="text-gray-500">Previous range: {formatWait(previousMedian)}</span>
        )}
      </p>
    </Card>
  );
}

/**
 * "How the AI did": the AI's rates by what it did (never by where the conversation is now), each over the sessions
 * it divides, both linked to the Inbox, compared with the range before; and the same per channel as a table.
 */
export function AiRates({ report }: { report: ChannelReport }) {
  const selectId = useId();
  const { ai, range, channel } = report;
  const figures = aiFigures(report);
  const all = ai.current.all;
  const previous = ai.previous;
  const wait = report.responseTimes.all;
  return (
    <section aria-labelledby="ai-rates-heading" className="space-y-3" data-testid="ai-rates">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="ai-rates-heading" className="text-base font-semibold text-gray-900">
            How the AI did
          </h2>
          <p className="text-xs text-gray-500" data-testid="ai-rates-compared">
            By what the AI did, whatever people did after · compared with{" "}
            {formatRange(previous.range.from, previous.range.to)}
          </p>
        </div>
        <div>
          <label htmlFor={selectId} className="block text-xs font-medium text-gray-700">
            Judge resolution after
          </label>
          <select
            id={selectId}
            value={String(ai.windowHours)}
            onChange={(event) =>
              setReportParams({ [WINDOW_PARAM]: event.target.value === "72" ? null : event.target.value })
            }
            className={cn(inputClass, "mt-1 w-36 pr-2")}
            data-testid="ai-window"
          >
            {RESULT_WINDOWS.map((hours) => (
              <option key={hours} value={hours}>
                {windowWords(hours)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {figures.map((figure) => (
          <FigureTile key={figure.id} figure={figure} />
        ))}
        <TimeTile
          testId="ai-figure-time-to-outcome"
          label="Time to the AI's outcome"
          formula={DEFINITIONS.responseTimes}
          median={wait.medianSeconds}
          p90={wait.p90Seconds}
          previousMedian={report.previousResponseTimes.medianSeconds}
          detail={`${formatCount(wait.runs)} AI ${wait.runs === 1 ? "run" : "runs"}`}
        />
        <TimeTile
          testId="ai-figure-human-reply"
          label="Handoff to a person's reply"
          formula={HUMAN_REPLY_FORMULA}
          median={all.humanReplySeconds.p50}
          p90={all.humanReplySeconds.p90}
          previousMedian={previous.all.humanReplySeconds.p50}
          detail={
            <>
              {all.counts.humanReplied > 0 ? (
                <Link
                  href={humanReplyHref(report)}
                  className="font-medium text-gray-700 underline decoration-gray-300 underline-offset-2 hover:text-brand-700"
                >
                  {formatCount(all.counts.humanReplied)}
                </Link>
              ) : (
                "0"
              )}{" "}
              of {plural(all.counts.handedOff, "handoff")} replied to
            </>
          }
        />
      </div>
      <ReportSection
        id="ai-rates"
        title="The AI's rates by channel"
        definition={
          <>
            <span className="block">
              Each rate per channel, with the two counts it divides; every count opens its sessions in the Inbox.
            </span>
            <span className="mt-1.5 block text-gray-500">{POPULATION}</span>
          </>
        }
        description={`Resolution and reopens judged ${windowWords(ai.windowHours)} after the AI acted`}
        table={aiRatesTable(report)}
        range={range}
        channel={channel}
      >
        <ChannelBars report={report} />
      </ReportSection>
      <ReportSection
        id="ai-trend"
        title="The AI over time"
        definition={
          <>
            <span className="block">
              For the sessions started each UTC day: AI resolution (answered, with no teammate reply and no reopen
              within {windowWords(ai.windowHours)}, ÷ sessions the AI acted on at least {windowWords(ai.windowHours)}{" "}
              ago) and the handoff rate (handed off ÷ sessions the AI acted on). A day whose sessions are too recent to
              judge has no resolution bar.
            </span>
            <span className="mt-1.5 block text-gray-500">{POPULATION}</span>
          </>
        }
        description="AI resolution and handoff rate of each day's sessions"
        table={aiTrendTable(report)}
        range={range}
        channel={channel}
      >
        <AiTrendChart report={report} />
      </ReportSection>
      <ReportSection
        id="ai-reasons"
        title="Handoff rate by reason"
        definition={
          <>
            <span className="block">
              Sessions the AI handed off for each reason ÷ sessions the AI acted on, beside the same for the range
              before.
            </span>
            <span className="mt-1.5 block text-gray-500">{POPULATION}</span>
          </>
        }
        description="Why the AI passed sessions to a person, as a share of everything it acted on"
        table={aiReasonsTable(report)}
        range={range}
        channel={channel}
      >
        <ReasonBars report={report} />
      </ReportSection>
    </section>
  );
}

function Bar({ value, className }: { value: number | null; className: string }) {
  return (
    <span className="block h-2 w-full overflow-hidden rounded-full bg-gray-100">
      <span
        className={cn("block h-full rounded-full", className)}
        style={{ width: `${Math.round((value ?? 0) * 1000) / 10}%` }}
      />
    </span>
  );
}

/** AI resolution and handoff rate per channel, as bars with their numbers. */
function ChannelBars({ report }: { report: ChannelReport }) {
  const rows =
    report.channels.length > 1
      ? report.ai.current.byChannel.filter((row) => row.counts.sessions > 0)
      : [report.ai.current.all];
  if (rows.length === 0) return <p className="text-sm text-gray-500">No sessions in this range.</p>;
  return (
    <ul className="space-y-3" data-testid="ai-channel-bars">
      {rows.map((row) => {
        const name = report.channels.length > 1 ? row.channel : (report.channel ?? "all");
        return (
          <li
            key={row.channel}
            className="grid grid-cols-[6rem_1fr] items-center gap-x-3 gap-y-1 text-xs sm:grid-cols-[8rem_1fr_1fr]"
          >
            <span className="font-medium text-gray-800">{channelLabel(name)}</span>
            <span className="space-y-1">
              <span className="flex justify-between text-gray-600">
                <span>AI resolution</span>
                <span className="tabular-nums">{formatPercent(row.rates.aiResolution)}</span>
              </span>
              <Bar value={row.rates.aiResolution} className="bg-emerald-600" />
            </span>
            <span className="space-y-1 max-sm:col-start-2">
              <span className="flex justify-between text-gray-600">
                <span>Handoff rate</span>
                <span className="tabular-nums">{formatPercent(row.rates.handoff)}</span>
              </span>
              <Bar value={row.rates.handoff} className="bg-amber-500" />
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function ReasonBars({ report }: { report: ChannelReport }) {
  const table = aiReasonsTable(report);
  if (table.rows.length === 0)
    return (
      <p className="rounded-md bg-gray-50 px-3 py-6 text-center text-sm text-gray-500">
        The AI handed off no session in this range.
      </p>
    );
  return (
    <ul className="space-y-2">
      {report.ai.current.handoffReasons.map((row, index) => (
        <li key={row.reason} className="grid grid-cols-[minmax(0,12rem)_1fr_3.5rem] items-center gap-3 text-xs">
          <span className="truncate text-gray-800" title={String(table.rows[index].cells[0].text)}>
            {table.rows[index].cells[0].text}
          </span>
          <Bar value={row.rate} className="bg-amber-500" />
          <span className="text-right tabular-nums text-gray-700">{formatPercent(row.rate)}</span>
        </li>
      ))}
    </ul>
  );
}
