"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { aiTrendRows, type AiTrendRow } from "@/lib/reports/ai-tables";
import { formatPercent } from "@/lib/reports/format";
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

const RESOLUTION_COLOR = "#059669";
const HANDOFF_COLOR = "#f59e0b";

type ChartRow = AiTrendRow & { label: string };

/** A rate of 0% is drawn as a 2-px line, so it is told apart from a day with no rate (not judged yet, or no session). */
function zeroAsLine(rows: readonly ChartRow[], kind: "resolution" | "handoff") {
  return (_value: number | null | undefined, index: number) => (rows[index]?.[kind].rate === 0 ? 2 : 0);
}

/** The AI resolution and handoff rates of each UTC day's sessions; a bar opens the sessions it counts. */
export function AiTrendChart({ report }: { report: ChannelReport }) {
  const open = useOpenHref();
  const rows: ChartRow[] = aiTrendRows(report).map((row) => ({ ...row, label: formatDay(row.date) }));
  const bar = (kind: "resolution" | "handoff") =>
    segmentShape((payload) => {
      const row = payload as unknown as ChartRow;
      const part = kind === "resolution" ? row.resolution : row.handoff;
      if (part.rate === null) return null;
      return {
        label: `${kind === "resolution" ? "AI resolution" : "Handoff rate"}, ${formatDay(row.date, { year: true })} (UTC): ${formatPercent(part.rate)}, ${part.count} of ${part.of}`,
        href: part.count > 0 ? part.href : undefined,
        data: { kind, date: row.date, value: formatPercent(part.rate) },
      };
    }, open);
  return (
    <>
      <ChartLegend
        label="Rates"
        items={[
          { key: "resolution", label: "AI resolution", color: RESOLUTION_COLOR },
          { key: "handoff", label: "Handoff rate", color: HANDOFF_COLOR },
        ]}
      />
      <div className="h-56 w-full" data-testid="ai-trend-chart">
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
            <YAxis
              domain={[0, 1]}
              ticks={[0, 0.25, 0.5, 0.75, 1]}
              tickFormatter={(value: number) => formatPercent(value)}
              tick={AXIS_TICK}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip
              cursor={TOOLTIP_CURSOR}
              content={({ active, payload }) => {
                const row = payload?.[0]?.payload as ChartRow | undefined;
                if (!active || !row) return null;
                const text = (part: AiTrendRow["resolution"]) =>
                  part.rate === null ? "not judged yet" : `${formatPercent(part.rate)} (${part.count} of ${part.of})`;
                return (
                  <TooltipBox
                    title={`${formatDay(row.date, { weekday: true, year: true })} (UTC day)`}
                    rows={[
                      {
                        key: "resolution",
                        label: "AI resolution",
                        value: text(row.resolution),
                        color: RESOLUTION_COLOR,
                      },
                      { key: "handoff", label: "Handoff rate", value: text(row.handoff), color: HANDOFF_COLOR },
                    ]}
                    footer="Sessions started that UTC day. Select a bar to open the sessions it counts."
                  />
                );
              }}
            />
            <Bar
              dataKey={(row: ChartRow) => row.resolution.rate ?? 0}
              name="AI resolution"
              fill={RESOLUTION_COLOR}
              isAnimationActive={false}
              minPointSize={zeroAsLine(rows, "resolution")}
              shape={bar("resolution")}
            />
            <Bar
              dataKey={(row: ChartRow) => row.handoff.rate ?? 0}
              name="Handoff rate"
              fill={HANDOFF_COLOR}
              isAnimationActive={false}
              minPointSize={zeroAsLine(rows, "handoff")}
              shape={bar("handoff")}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-1 text-xs text-gray-500" data-testid="ai-trend-key">
        A thin line is 0%. No bar: the AI acted on none of that day’s sessions, or (AI resolution) their{" "}
        {report.ai.windowHours}-hour window has not passed yet.
      </p>
    </>
  );
}
