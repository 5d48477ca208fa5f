"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SENTIMENT_COLORS } from "@/lib/reports/colors";
import { inboxHref } from "@/lib/reports/drilldown";
import { formatCount, formatPercent, rate } from "@/lib/reports/format";
import { channelLabel, SENTIMENT_LABELS } from "@/lib/reports/labels";
import { REPORT_SENTIMENTS, type ChannelReport, type ReportSentiment, type SentimentRow } from "@/lib/reports/types";
import {
  ChartLegend,
  GRID_STROKE,
  HATCH_FILL,
  HatchPattern,
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

type Key = ReportSentiment | "unknown";
type SentimentChartRow = { channel: string; label: string; row: SentimentRow } & Partial<Record<Key, number>>;

const KEYS: Key[] = [...REPORT_SENTIMENTS, "unknown"];

function shareOfSessions(row: SentimentRow, key: Key): number | null {
  return rate(key === "unknown" ? row.unknown : row.counts[key], row.sessions);
}

/** Each channel's sessions split by the customer's mood, as shares of its sessions (100% bars). */
export function SentimentChart({ report }: { report: ChannelReport }) {
  const open = useOpenHref();
  const { from, to } = report.range;
  const rows: SentimentChartRow[] = report.sentiment.byChannel
    .filter((row) => row.sessions > 0)
    .map((row) => ({
      channel: row.channel,
      label: channelLabel(row.channel),
      row,
      ...row.counts,
      unknown: row.unknown,
    }));
  return (
    <>
      <ChartLegend
        label="Sentiment"
        items={KEYS.map((key) => ({
          key,
          label: SENTIMENT_LABELS[key],
          color: SENTIMENT_COLORS[key],
          hatch: key === "unknown",
        }))}
      />
      <HatchPattern color={SENTIMENT_COLORS.unknown} />
      <div className="w-full" style={{ height: rows.length * 44 + 36 }} data-testid="sentiment-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} {...HORIZONTAL_BARS} stackOffset="expand">
            <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
            <XAxis
              {...VALUE_AXIS}
              tickFormatter={(value: number) => formatPercent(value)}
              ticks={[0, 0.25, 0.5, 0.75, 1]}
            />
            <YAxis {...ROW_AXIS} width={76} tick={ROW_TICK} />
            <Tooltip
              cursor={TOOLTIP_CURSOR}
              content={({ active, payload }) => {
                const data = payload?.[0]?.payload as SentimentChartRow | undefined;
                if (!active || !data) return null;
                const { row } = data;
                return (
                  <TooltipBox
                    title={`${data.label}: ${plural(row.sessions, "session")}`}
                    rows={KEYS.map((key) => ({
                      key,
                      label: SENTIMENT_LABELS[key],
                      value:
                        key === "unknown"
                          ? formatCount(row.unknown)
                          : `${formatCount(row.counts[key])} (${formatPercent(row.shares[key])})`,
                      color: SENTIMENT_COLORS[key],
                      hatch: key === "unknown",
                    }))}
                    footer="Shares are of the sessions with a sentiment; bars show shares of all sessions. Select a bar to open those sessions."
                  />
                );
              }}
            />
            {KEYS.map((key) => (
              <Bar
                key={key}
                dataKey={key}
                name={SENTIMENT_LABELS[key]}
                stackId="sentiment"
                fill={key === "unknown" ? HATCH_FILL : SENTIMENT_COLORS[key]}
                isAnimationActive={false}
                shape={segmentShape((payload) => {
                  const data = payload as SentimentChartRow;
                  const count = Number(data[key] ?? 0);
                  if (!count) return null;
                  return {
                    label: `${data.label}, ${SENTIMENT_LABELS[key]}: ${formatCount(count)} ${count === 1 ? "session" : "sessions"} (${formatPercent(shareOfSessions(data.row, key))} of the channel's sessions)`,
                    href:
                      key === "unknown" ? undefined : inboxHref({ channel: data.channel, sentiment: key, from, to }),
                    data: { channel: data.channel, sentiment: key, value: String(count) },
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
