"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { cn } from "@/components/ui/cn";
import { fetchJson } from "@/components/ui/fetch-json";
import { evalScoresTable, latestScores, ratioWords, type EvalScoresResponse } from "@/lib/reports/eval-scores";
import { formatPercent } from "@/lib/reports/format";
import { AXIS_TICK, ChartLegend, GRID_STROKE, TooltipBox } from "./chart-parts";
import { ReportSection } from "./report-section";

const LINES = [
  { key: "answerPrecision", label: "Answer precision", color: "#4f46e5" },
  { key: "handoffRecall", label: "Handoff recall", color: "#f59e0b" },
  { key: "accuracy", label: "Accuracy", color: "#059669" },
] as const;

const DEFINITION =
  "Each test set's runs that finished in the range (cancelled and interrupted runs are left out), scored case by case: answer precision = right answers ÷ answers given; handoff recall = cases needing a person that were handed off ÷ cases needing a person; accuracy = cases whose outcome was right ÷ cases; all checks passed = cases with every check passed ÷ cases. The latest run is compared with the run before it. A run scores its whole set: the channel filter does not apply.";

type SetScores = EvalScoresResponse["sets"][number];

function when(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
}

function SetScoresCard({ set }: { set: SetScores }) {
  const latest = latestScores(set.runs)!;
  const rows = set.runs.map((run, index) => ({
    index,
    label: when(run.finishedAt),
    run,
    ...Object.fromEntries(LINES.map((line) => [line.key, run.totals[line.key].rate])),
  }));
  return (
    <div className="rounded-md border border-gray-200 p-3" data-testid="eval-scores-set" data-set={set.name}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-gray-900">
          <Link
            href={`/evals/${set.setId}`}
            className="underline decoration-gray-300 underline-offset-2 hover:text-brand-700"
          >
            {set.name}
          </Link>
        </h3>
        <p className="text-xs text-gray-600">
          Latest run:{" "}
          <Link
            href={`/evals/runs/${latest.run.runId}`}
            className="underline decoration-gray-300 underline-offset-2 hover:text-brand-700"
          >
            {latest.run.label}
          </Link>{" "}
          ({latest.run.model}, {when(latest.run.finishedAt)} UTC)
          {latest.previous ? `, compared with ${latest.previous.label}` : ""}
        </p>
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-4">
        {latest.figures.map((figure) => (
          <div key={figure.key} data-testid={`eval-score-${figure.key}`}>
            <dt className="text-xs font-medium text-gray-600">{figure.label}</dt>
            <dd className="text-lg font-semibold text-gray-900 tabular-nums">
              {figure.value.denominator > 0 ? (
                <Link
                  href={figure.href}
                  className="underline decoration-gray-300 underline-offset-2 hover:text-brand-700"
                  aria-label={`${ratioWords(figure.value)}: ${figure.label.toLowerCase()}, open the run's cases`}
                  data-testid="value"
                >
                  {formatPercent(figure.value.rate)}
                </Link>
              ) : (
                <span data-testid="value">—</span>
              )}
            </dd>
            <dd className="text-xs text-gray-600">
              <span data-testid="ratio">
                {figure.value.numerator} of {figure.value.denominator}
              </span>
              {figure.change ? (
                <span
                  className={cn(
                    "ml-1.5 font-medium",
                    figure.change.arrow === null
                      ? "text-gray-600"
                      : figure.change.points > 0
                        ? "text-emerald-700"
                        : "text-red-700",
                  )}
                  data-testid="change"
                >
                  {figure.change.text}
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      {rows.length > 1 ? (
        <div className="mt-3">
          <ChartLegend
            label={`${set.name}: scores`}
            items={LINES.map((line) => ({ key: line.key, label: line.label, color: line.color }))}
          />
          <div className="h-40 w-full" data-testid="eval-scores-chart">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid vertical={false} stroke={GRID_STROKE} />
                <XAxis
                  dataKey="label"
                  tick={AXIS_TICK}
                  tickLine={false}
                  axisLine={{ stroke: GRID_STROKE }}
                  minTickGap={24}
                />
                <YAxis
                  domain={[0, 1]}
                  ticks={[0, 0.5, 1]}
                  tickFormatter={(value: number) => formatPercent(value)}
                  tick={AXIS_TICK}
                  tickLine={false}
                  axisLine={false}
                />
                <Tooltip
                  content={({ active, payload }) => {
                    const row = payload?.[0]?.payload as (typeof rows)[number] | undefined;
                    if (!active || !row) return null;
                    return (
                      <TooltipBox
                        title={`${row.run.label} · ${row.label} UTC`}
                        rows={LINES.map((line) => ({
                          key: line.key,
                          label: line.label,
                          value: ratioWords(row.run.totals[line.key]),
                          color: line.color,
                        }))}
                      />
                    );
                  }}
                />
                {LINES.map((line) => (
                  <Line
                    key={line.key}
                    dataKey={line.key}
                    stroke={line.color}
                    strokeWidth={2}
                    dot={{ r: 3 }}
                    isAnimationActive={false}
                    connectNulls
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Reports: how the AI scores on the team's test sets, the latest run of each and its runs over the range. */
export function EvalScores({ range, channel }: { range: { from: string; to: string }; channel: string | null }) {
  const query = useQuery({
    queryKey: ["reports", "evals", range],
    queryFn: ({ signal }) => fetchJson<EvalScoresResponse>(`/api/reports/evals?${new URLSearchParams(range)}`, signal),
  });
  const data = query.data ?? { range, sets: [] };
  return (
    <ReportSection
      id="eval-scores"
      title="Test set scores"
      definition={DEFINITION}
      description="The latest finished run of each test set in the range, and its runs over time"
      table={evalScoresTable(data)}
      range={range}
      channel={channel}
    >
      {query.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the test set scores: {query.error.message}
        </p>
      ) : !query.data ? (
        <p className="text-sm text-gray-600">Loading the test set scores…</p>
      ) : data.sets.length === 0 ? (
        <p
          className="rounded-md bg-gray-50 px-3 py-6 text-center text-sm text-gray-600"
          data-testid="eval-scores-empty"
        >
          No test set run finished in this range.{" "}
          <Link href="/evals" className="text-brand-700 underline">
            Evaluations
          </Link>{" "}
          runs a test set against the AI.
        </p>
      ) : (
        <div className="space-y-4">
          {data.sets.map((set) => (
            <SetScoresCard key={set.setId} set={set} />
          ))}
        </div>
      )}
    </ReportSection>
  );
}
