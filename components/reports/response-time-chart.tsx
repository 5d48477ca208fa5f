"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { channelColor } from "@/lib/reports/colors";
import { inboxHref } from "@/lib/reports/drilldown";
import { formatCount, formatWait } from "@/lib/reports/format";
import { channelLabel } from "@/lib/reports/labels";
import type { ChannelReport, ResponseTimeRow } from "@/lib/reports/types";
import {
  ChartLegend,
  GRID_STROKE,
  ROW_AXIS,
  ROW_TICK,
  segmentShape,
  TOOLTIP_CURSOR,
  TooltipBox,
  useOpenHref,
  VALUE_AXIS,
} from "./chart-parts";

type Metric = "medianSeconds" | "p90Seconds";
type ResponseChartRow = ResponseTimeRow & { label: string; color: string };

const METRICS: { key: Metric; label: string; legend: string; light: boolean }[] = [
  { key: "medianSeconds", label: "Median", legend: "Median (solid bar)", light: false },
  { key: "p90Seconds", label: "90th percentile", legend: "90th percentile (light bar)", light: true },
];

function runs(count: number): string {
  return `${formatCount(count)} AI ${count === 1 ? "run" : "runs"}`;
}

/** Median and p90 seconds from webhook to reply or handoff, per channel (solid: median, light: p90). */
export function ResponseTimeChart({ report }: { report: ChannelReport }) {
  const open = useOpenHref();
  const { from, to } = report.range;
  const rows: ResponseChartRow[] = report.responseTimes.byChannel
    .filter((row) => row.runs > 0)
    .map((row) => ({
      ...row,
      label: channelLabel(row.channel),
      color: channelColor(row.channel, report.channels.indexOf(row.channel)),
    }));
  return (
    <>
      <ChartLegend
        label="Measures"
        items={METRICS.map((metric) => ({
          key: metric.key,
          label: metric.legend,
          color: "#4b5563",
          light: metric.light,
        }))}
      />
      <div className="w-full" style={{ height: rows.length * 56 + 40 }} data-testid="response-time-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 0, right: 16, bottom: 12, left: 0 }}
            barCategoryGap="22%"
            barGap={2}
          >
            <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
            <XAxis {...VALUE_AXIS} tickFormatter={(value: number) => `${value} s`} />
            <YAxis {...ROW_AXIS} width={76} tick={ROW_TICK} />
            <Tooltip
              cursor={TOOLTIP_CURSOR}
              content={({ active, payload }) => {
                const row = payload?.[0]?.payload as ResponseChartRow | undefined;
                if (!active || !row) return null;
                return (
                  <TooltipBox
                    title={`${row.label}: ${runs(row.runs)}`}
                    rows={METRICS.map((metric) => ({
                      key: metric.key,
                      label: metric.label,
                      value: formatWait(row[metric.key]),
                      color: row.color,
                      light: metric.light,
                    }))}
                    footer="From Front's webhook reaching Frontline to the reply or handoff reaching Front. Select a bar to open this channel's sessions."
                  />
                );
              }}
            />
            {METRICS.map((metric) => (
              <Bar
                key={metric.key}
                dataKey={metric.key}
                name={metric.label}
                fill="#4b5563"
                isAnimationActive={false}
                shape={segmentShape((payload) => {
                  const row = payload as ResponseChartRow;
                  const value = row[metric.key];
                  if (value === null) return null;
                  return {
                    label: `${row.label}, ${metric.label.toLowerCase()}: ${formatWait(value)} over ${runs(row.runs)}`,
                    href: inboxHref({ channel: row.channel, from, to }),
                    fill: row.color,
                    fillOpacity: metric.light ? 0.4 : 1,
                    stroke: metric.light ? row.color : undefined,
                    data: { channel: row.channel, metric: metric.key, value: String(value) },
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
