"use client";

import { useRouter } from "next/navigation";
import { useCallback, type CSSProperties, type ReactNode } from "react";
import type { BarShapeProps } from "recharts";

/** Axis text and grid, matching the page's grays. */
export const AXIS_TICK = { fontSize: 12, fill: "#6b7280" } as const;
export const GRID_STROKE = "#e5e7eb";
export const TOOLTIP_CURSOR = { fill: "#f3f4f6" } as const;

/**
 * The horizontal bar charts (outcomes, reasons, sentiment, response times): one row per channel or reason, bars
 * running left to right. Spread into BarChart, XAxis and YAxis; each chart adds its own ticks and widths (the
 * response-time chart spaces its paired bars with its own BarChart settings).
 */
export const HORIZONTAL_BARS = {
  layout: "vertical",
  margin: { top: 0, right: 16, bottom: 0, left: 0 },
  barCategoryGap: "25%",
} as const;
export const VALUE_AXIS = {
  type: "number",
  tick: AXIS_TICK,
  tickLine: false,
  axisLine: { stroke: GRID_STROKE },
} as const;
export const ROW_AXIS = { type: "category", dataKey: "label", tickLine: false, axisLine: false } as const;
/** A row's label (a channel's name), darker than the value axis. */
export const ROW_TICK = { ...AXIS_TICK, fill: "#374151" } as const;

export interface SegmentInfo {
  /** The segment's accessible name, stable across renders: "Phone, Nov 3, 2026: 4 sessions". */
  label: string;
  /** Where a click goes (the Inbox, filtered); none for numbers without a matching filter. */
  href?: string;
  fill?: string;
  fillOpacity?: number;
  stroke?: string;
  /** Extra data-* attributes for tests and styling. */
  data?: Record<string, string>;
}

/** Opens a drill-down link with the app router. */
export function useOpenHref(): (href: string) => void {
  const router = useRouter();
  return useCallback((href: string) => router.push(href), [router]);
}

/**
 * A bar's shape for recharts: a rectangle with an accessible name (role img) that opens its drill-down link on
 * click. Empty segments draw nothing. Keyboard users reach the same links in the data table.
 */
export function segmentShape(
  describe: (payload: Record<string, unknown>) => SegmentInfo | null,
  open: (href: string) => void,
) {
  return function renderSegment(props: BarShapeProps) {
    const { x, y, width, height, payload, fill } = props;
    const info = describe((payload ?? {}) as Record<string, unknown>);
    if (!info || !(width > 0) || !(height > 0)) return <g />;
    const href = info.href;
    return (
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        fill={info.fill ?? fill}
        fillOpacity={info.fillOpacity}
        // A white edge separates stacked segments; thin bars (90 days on a phone) would vanish under it.
        stroke={info.stroke ?? (width >= 6 && height >= 6 ? "#ffffff" : "none")}
        strokeWidth={1}
        role="img"
        aria-label={info.label}
        data-testid="chart-bar"
        data-href={href}
        {...Object.fromEntries(Object.entries(info.data ?? {}).map(([key, value]) => [`data-${key}`, value]))}
        style={href ? { cursor: "pointer" } : undefined}
        onClick={href ? () => open(href) : undefined}
      />
    );
  };
}

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** Drawn lighter with an outline (e.g. the 90th percentile next to the median). */
  light?: boolean;
  /** Drawn with diagonal stripes (e.g. sessions without a sentiment). */
  hatch?: boolean;
}

/** The CSS look of a legend or tooltip swatch. */
export function swatchStyle(item: { color: string; light?: boolean; hatch?: boolean }): CSSProperties {
  if (item.hatch)
    return {
      backgroundImage: `repeating-linear-gradient(45deg, ${item.color} 0 1.5px, #ffffff 1.5px 4px)`,
      borderColor: item.color,
    };
  return { backgroundColor: item.light ? `${item.color}66` : item.color, borderColor: item.color };
}

/** The SVG pattern behind `fill="url(#report-hatch)"`, drawn once per chart that uses it. */
export const HATCH_FILL = "url(#report-hatch)";
export function HatchPattern({ color = "#9ca3af" }: { color?: string }) {
  return (
    <svg aria-hidden="true" width="0" height="0" className="absolute">
      <defs>
        <pattern id="report-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke={color} strokeWidth="2.5" />
        </pattern>
      </defs>
    </svg>
  );
}

/** The chart's key as a list above it, so it wraps on small screens and reads as text. */
export function ChartLegend({ items, label }: { items: LegendItem[]; label: string }) {
  return (
    <ul
      aria-label={label}
      className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-600"
      data-testid="chart-legend"
    >
      {items.map((item) => (
        <li key={item.key} className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="size-3 shrink-0 rounded-sm border" style={swatchStyle(item)} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** The box recharts shows on hover: a title and rows of swatch, name and value. */
export function TooltipBox({
  title,
  rows,
  footer,
}: {
  title: ReactNode;
  rows: { key: string; label: string; value: string; color?: string; light?: boolean; hatch?: boolean }[];
  footer?: ReactNode;
}) {
  return (
    <div className="max-w-72 rounded-md border border-gray-200 bg-white px-3 py-2 text-xs shadow-lg">
      <p className="font-semibold text-gray-900">{title}</p>
      <table className="mt-1.5 w-full">
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td className="py-0.5 pr-3 text-gray-600">
                <span className="inline-flex items-center gap-1.5">
                  {row.color ? (
                    <span
                      aria-hidden="true"
                      className="size-2.5 shrink-0 rounded-sm border"
                      style={swatchStyle({ color: row.color, light: row.light, hatch: row.hatch })}
                    />
                  ) : null}
                  {row.label}
                </span>
              </td>
              <td className="py-0.5 text-right font-medium text-gray-900 tabular-nums">{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {footer ? <p className="mt-1.5 border-t border-gray-100 pt-1.5 text-gray-500">{footer}</p> : null}
    </div>
  );
}

/** Splits a label into lines of at most `max` characters, at spaces. */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A category-axis tick whose text wraps onto up to three lines, for long labels such as handoff reasons. */
export function WrappedTick({
  x,
  y,
  payload,
  maxChars,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  maxChars: number;
}) {
  const lines = wrapWords(String(payload?.value ?? ""), maxChars);
  const shown =
    lines.length > 3
      ? [
          ...lines.slice(0, 2),
          `${lines
            .slice(2)
            .join(" ")
            .slice(0, maxChars - 1)}…`,
        ]
      : lines;
  const lineHeight = 14;
  return (
    <text x={Number(x)} y={Number(y)} textAnchor="end" fontSize={12} fill="#374151">
      {shown.map((line, index) => (
        <tspan key={index} x={Number(x) - 6} dy={index === 0 ? -((shown.length - 1) * lineHeight) / 2 + 4 : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
