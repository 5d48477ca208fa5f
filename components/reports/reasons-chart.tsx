"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { channelColor } from "@/lib/reports/colors";
import { inboxHref } from "@/lib/reports/drilldown";
import { formatCount, formatPercent } from "@/lib/reports/format";
import { channelLabel, reasonLabel } from "@/lib/reports/labels";
import type { ChannelReport, ReasonRow } from "@/lib/reports/types";
import {
  ChartLegend,
  GRID_STROKE,
  HORIZONTAL_BARS,
  ROW_AXIS,
  segmentShape,
  TOOLTIP_CURSOR,
  TooltipBox,
  useOpenHref,
  VALUE_AXIS,
  WrappedTick,
} from "./chart-parts";

type ReasonChartRow = { reason: string; label: string; row: ReasonRow } & Record<string, unknown>;

/** Handed-off sessions per reason, stacked by channel; a segment opens those sessions in the Inbox. */
export function ReasonsChart({ report, compact }: { report: ChannelReport; compact: boolean }) {
  const open = useOpenHref();
  const { from, to } = report.range;
  const channels = report.channels.filter((channel) =>
    report.handoffReasons.some((row) => (row.counts[channel] ?? 0) > 0),
  );
  const rows: ReasonChartRow[] = report.handoffReasons.map((row) => ({
    ...row.counts,
    reason: row.reason,
    label: reasonLabel(row.reason),
    row,
  }));
  const axisWidth = compact ? 124 : 196;
  // About 6.5 px per character of 12 px text, less the gap to the bars.
  const maxChars = Math.floor((axisWidth - 10) / 6.6);
  return (
    <>
      <ChartLegend
        label="Channels"
        items={channels.map((channel) => ({
          key: channel,
          label: channelLabel(channel),
          color: channelColor(channel, report.channels.indexOf(channel)),
        }))}
      />
      <div className="w-full" style={{ height: rows.length * (compact ? 56 : 48) + 36 }} data-testid="reasons-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} {...HORIZONTAL_BARS}>
            <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
            <XAxis {...VALUE_AXIS} allowDecimals={false} />
            <YAxis
              {...ROW_AXIS}
              width={axisWidth}
              interval={0}
              tick={(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) => (
                <WrappedTick {...props} maxChars={maxChars} />
              )}
            />
            <Tooltip
              cursor={TOOLTIP_CURSOR}
              content={({ active, payload }) => {
                const data = payload?.[0]?.payload as ReasonChartRow | undefined;
                if (!active || !data) return null;
                return (
                  <TooltipBox
                    title={data.label}
                    rows={[
                      ...channels.map((channel) => ({
                        key: channel,
                        label: channelLabel(channel),
                        value: formatCount(data.row.counts[channel] ?? 0),
                        color: channelColor(channel, report.channels.indexOf(channel)),
                      })),
                      {
                        key: "total",
                        label: `Total (${formatPercent(data.row.share)} of handoffs)`,
                        value: formatCount(data.row.total),
                      },
                    ]}
                    footer="Sessions, by the reason of their latest handoff. Select a bar to open them."
                  />
                );
              }}
            />
            {channels.map((channel) => (
              <Bar
                key={channel}
                dataKey={channel}
                name={channelLabel(channel)}
                stackId="reasons"
                fill={channelColor(channel, report.channels.indexOf(channel))}
                isAnimationActive={false}
                shape={segmentShape((payload) => {
                  const data = payload as ReasonChartRow;
                  const count = Number(data[channel] ?? 0);
                  if (!count) return null;
                  return {
                    label: `${data.label}, ${channelLabel(channel)}: ${formatCount(count)} ${count === 1 ? "session" : "sessions"}`,
                    href: inboxHref({ channel, reason: data.reason, from, to }),
                    data: { channel, reason: data.reason, value: String(count) },
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
