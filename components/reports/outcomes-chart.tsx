"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { OUTCOME_COLORS } from "@/lib/reports/colors";
import { inboxHref } from "@/lib/reports/drilldown";
import { formatCount, formatPercent } from "@/lib/reports/format";
import { channelLabel, OUTCOME_LABELS } from "@/lib/reports/labels";
import {
  OUTCOME_STATUSES,
  REACHED_OUTCOME_STATUSES,
  type ChannelReport,
  type OutcomeRow,
  type ReachedOutcomeStatus,
} from "@/lib/reports/types";
import {
  ChartLegend,
  GRID_STROKE,
  HORIZONTAL_BARS,
  ROW_AXIS,
  ROW_TICK,
  segmentShape,
  TOOLTIP_CURSOR,
  TooltipBox,
  useOpenHref,
  VALUE_AXIS,
} from "./chart-parts";
import { plural } from "@/lib/format/plural";

type Key = (typeof OUTCOME_STATUSES)[number] | "other";
type OutcomeChartRow = { channel: string; label: string; row: OutcomeRow } & Partial<Record<Key, number>>;

function isReached(key: Key): key is ReachedOutcomeStatus {
  return (REACHED_OUTCOME_STATUSES as readonly string[]).includes(key);
}

function valueText(row: OutcomeRow, key: Key): string {
  const count = key === "other" ? row.other : row.counts[key];
  return isReached(key) ? `${formatCount(count)} (${formatPercent(row.rates[key])})` : formatCount(count);
}

/** Sessions per outcome, one stacked bar per channel; a segment opens those sessions in the Inbox. */
export function OutcomesChart({ report }: { report: ChannelReport }) {
  const open = useOpenHref();
  const { from, to } = report.range;
  const keys: Key[] = [...OUTCOME_STATUSES, ...(report.outcomes.all.other > 0 ? (["other"] as const) : [])];
  const rows: OutcomeChartRow[] = report.outcomes.byChannel
    .filter((row) => row.sessions > 0)
    .map((row) => ({ channel: row.channel, label: channelLabel(row.channel), row, ...row.counts, other: row.other }));
  return (
    <>
      <ChartLegend
        label="Outcomes"
        items={keys.map((key) => ({ key, label: OUTCOME_LABELS[key], color: OUTCOME_COLORS[key] }))}
      />
      <div className="w-full" style={{ height: rows.length * 44 + 36 }} data-testid="outcomes-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} {...HORIZONTAL_BARS}>
            <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
            <XAxis {...VALUE_AXIS} allowDecimals={false} />
            <YAxis {...ROW_AXIS} width={76} tick={ROW_TICK} />
            <Tooltip
              cursor={TOOLTIP_CURSOR}
              content={({ active, payload }) => {
                const data = payload?.[0]?.payload as OutcomeChartRow | undefined;
                if (!active || !data) return null;
                const { row } = data;
                return (
                  <TooltipBox
                    title={`${data.label}: ${plural(row.sessions, "session")}`}
                    rows={keys.map((key) => ({
                      key,
                      label: OUTCOME_LABELS[key],
                      value: valueText(row, key),
                      color: OUTCOME_COLORS[key],
                    }))}
                    footer={`Rates are of the ${plural(row.reachedOutcome, "session")} that reached an outcome. Select a bar to open those sessions.`}
                  />
                );
              }}
            />
            {keys.map((key) => (
              <Bar
                key={key}
                dataKey={key}
                name={OUTCOME_LABELS[key]}
                stackId="outcomes"
                fill={OUTCOME_COLORS[key]}
                isAnimationActive={false}
                shape={segmentShape((payload) => {
                  const data = payload as OutcomeChartRow;
                  const count = Number(data[key] ?? 0);
                  if (!count) return null;
                  const rate = isReached(key)
                    ? ` (${formatPercent(data.row.rates[key])} of sessions that reached an outcome)`
                    : "";
                  return {
                    label: `${data.label}, ${OUTCOME_LABELS[key]}: ${formatCount(count)} ${count === 1 ? "session" : "sessions"}${rate}`,
                    href: key === "other" ? undefined : inboxHref({ channel: data.channel, status: key, from, to }),
                    data: { channel: data.channel, status: key, value: String(count) },
                  };
                }, open)}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
