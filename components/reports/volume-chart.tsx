"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { channelColor } from "@/lib/reports/colors";
import { inboxHref } from "@/lib/reports/drilldown";
import { formatCount } from "@/lib/reports/format";
import { channelLabel } from "@/lib/reports/labels";
import { formatDay } from "@/lib/reports/range";
import type { ChannelReport } from "@/lib/reports/types";
import {
  AXIS_TICK,
  ChartLegend,
  GRID_STROKE,
  segmentShape,
  TOOLTIP_CURSOR,
  TooltipBox,
  useOpenHref,
} from "./chart-parts";

type VolumeRow = { date: string; label: string; total: number } & Record<string, number | string>;

function sessions(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "session" : "sessions"}`;
}

/** Sessions started per UTC day, stacked by channel; a segment opens that day's sessions of that channel. */
export function VolumeChart({ report }: { report: ChannelReport }) {
  const open = useOpenHref();
  const rows: VolumeRow[] = report.volume.map((day) => ({
    ...day.counts,
    date: day.date,
    label: formatDay(day.date),
    total: day.total,
  }));
  const channels = report.channels;
  return (
    <>
      <ChartLegend
        label="Channels"
        items={channels.map((channel, index) => ({
          key: channel,
          label: channelLabel(channel),
          color: channelColor(channel, index),
        }))}
      />
      <div className="h-64 w-full" data-testid="volume-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            margin={{ top: 4, right: 4, bottom: 0, left: -16 }}
            barCategoryGap={rows.length > 45 ? 1 : "20%"}
          >
            <CartesianGrid vertical={false} stroke={GRID_STROKE} />
            <XAxis
              dataKey="label"
              tick={AXIS_TICK}
              tickLine={false}
              axisLine={{ stroke: GRID_STROKE }}
              minTickGap={12}
            />
            <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} />
            <Tooltip
              cursor={TOOLTIP_CURSOR}
              content={({ active, payload }) => {
                const row = payload?.[0]?.payload as VolumeRow | undefined;
                if (!active || !row) return null;
                return (
                  <TooltipBox
                    title={`${formatDay(row.date, { weekday: true, year: true })} (UTC day)`}
                    rows={[
                      ...channels.map((channel, index) => ({
                        key: channel,
                        label: channelLabel(channel),
                        value: formatCount(Number(row[channel] ?? 0)),
                        color: channelColor(channel, index),
                      })),
                      ...(channels.length > 1 ? [{ key: "total", label: "Total", value: formatCount(row.total) }] : []),
                    ]}
                    footer="Counted on the UTC day of the first message, 00:00–24:00 UTC. Select a bar to open these sessions."
                  />
                );
              }}
            />
            {channels.map((channel, index) => (
              <Bar
                key={channel}
                dataKey={channel}
                name={channelLabel(channel)}
                stackId="sessions"
                fill={channelColor(channel, index)}
                isAnimationActive={false}
                shape={segmentShape((payload) => {
                  const row = payload as VolumeRow;
                  const count = Number(row[channel] ?? 0);
                  if (!count) return null;
                  return {
                    label: `${channelLabel(channel)}, ${formatDay(row.date, { year: true })} (UTC): ${sessions(count)}`,
                    href: inboxHref({ channel, from: row.date, to: row.date }),
                    data: { channel, date: row.date, value: String(count) },
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
