import { ACTED_OUTCOMES } from "../domain";
import { aiFigures, humanReplyHref, windowWords } from "./ai-figures";
import { inboxHref } from "./drilldown";
import { rate } from "./format";
import { channelLabel, reasonLabel } from "./labels";
import { col, countCell, percentCell, secondsCell, text, type ReportCell, type ReportTable } from "./tables";
import type { ChannelReport } from "./types";

/** A count linked to its drill-down (the figure's own link, so table and tile always agree). */
function linked(count: number, href: string, what: string): ReportCell {
  const cell = countCell(count, null, "");
  if (count > 0) {
    cell.href = href;
    cell.linkLabel = `${cell.text} ${what}: open in the Inbox`;
  }
  return cell;
}

/** The AI's rates per channel and over all of them, every count linked to the sessions it counts. */
export function aiRatesTable(report: ChannelReport): ReportTable {
  const { windowHours, durableWindowHours } = report.ai;
  const channels =
    report.channels.length > 1 ? [...report.channels, null] : [report.channel ?? report.channels[0] ?? null];
  const rows = channels.map((channel) => {
    const figures = Object.fromEntries(aiFigures(report, channel).map((figure) => [figure.id, figure]));
    const row =
      channel && channel !== report.channel
        ? report.ai.current.byChannel.find((item) => item.channel === channel)!
        : report.ai.current.all;
    const name = channel ? `${channelLabel(channel)} ` : "";
    const cells: ReportCell[] = [text(channel ? channelLabel(channel) : "All channels")];
    const ratio = (id: string) => {
      const figure = figures[id];
      return [
        linked(
          figure.numerator.count,
          figure.numerator.href,
          `${name}${figure.numerator.what.startsWith("sessions") ? "" : "sessions "}${figure.numerator.what}`,
        ),
        linked(figure.denominator.count, figure.denominator.href, `${name}${figure.denominator.what}`),
        percentCell(figure.value),
      ];
    };
    cells.push(...ratio("involvement"), ...ratio("ai_resolution"), ...ratio("durable_resolution"));
    cells.push(
      linked(figures.handoff.numerator.count, figures.handoff.numerator.href, `${name}sessions handed off`),
      percentCell(figures.handoff.value),
    );
    cells.push(
      linked(
        figures.delivery_failure.numerator.count,
        figures.delivery_failure.numerator.href,
        `${name}sessions failed`,
      ),
      percentCell(figures.delivery_failure.value),
    );
    cells.push(...ratio("reopen"));
    cells.push(
      linked(row.counts.humanReplied, humanReplyHref(report, channel), `${name}handoffs a teammate replied to`),
      secondsCell(row.humanReplySeconds.p50),
      secondsCell(row.humanReplySeconds.p90),
    );
    return { key: channel ?? "all", total: channel === null && report.channels.length > 1, cells };
  });
  const window = windowWords(windowHours);
  const durable = windowWords(durableWindowHours);
  return {
    dataset: "ai-rates",
    caption: `The AI's rates per channel; resolution and reopens judged ${window} after the AI acted, durable resolution after ${durable}`,
    columns: [
      col("Channel", false),
      col("AI acted"),
      col("Sessions"),
      col("Involvement"),
      col(`Resolved (${window})`),
      col(`Judged (${window})`),
      col("AI resolution"),
      col(`Resolved (${durable})`),
      col(`Judged (${durable})`),
      col("Durable resolution"),
      col("Handed off"),
      col("Handoff rate"),
      col("Failed"),
      col("Delivery failure rate"),
      col(`Reopened (${window})`),
      col(`Answered (${window} ago)`),
      col("Reopen rate"),
      col("Handoffs replied to"),
      col("Median to first reply (s)"),
      col("90th percentile to first reply (s)"),
    ],
    rows,
  };
}

/** Handoff rate by reason: sessions the AI handed off for it ÷ sessions the AI acted on, beside the range before. */
export function aiReasonsTable(report: ChannelReport): ReportTable {
  const { current, previous } = report.ai;
  const { from, to } = report.range;
  return {
    dataset: "handoff-rate-by-reason",
    caption: "Sessions the AI handed off, by reason, as a share of the sessions the AI acted on",
    columns: [col("Reason", false), col("Code", false), col("Sessions"), col("Handoff rate"), col("Previous range")],
    rows: current.handoffReasons.map((row) => {
      const before = previous.handoffReasons.find((item) => item.reason === row.reason);
      return {
        key: row.reason,
        cells: [
          text(reasonLabel(row.reason)),
          text(row.reason),
          countCell(
            row.total,
            { channel: report.channel, outcome: "handed_off", reason: row.reason, from, to },
            `sessions handed off: ${reasonLabel(row.reason)}`,
          ),
          percentCell(row.rate),
          percentCell(before ? before.rate : previous.all.counts.acted > 0 ? 0 : null),
        ],
      };
    }),
  };
}

export interface AiTrendPart {
  rate: number | null;
  count: number;
  of: number;
  /** The Inbox on the sessions `count` counts. */
  href: string;
  /** The Inbox on the sessions `of` counts. */
  ofHref: string;
}

export interface AiTrendRow {
  date: string;
  resolution: AiTrendPart;
  handoff: AiTrendPart;
}

/** Each UTC day's AI resolution and handoff rate, with the drill-downs of both counts (what the trend chart draws). */
export function aiTrendRows(report: ChannelReport): AiTrendRow[] {
  const { windowHours } = report.ai;
  const channel = report.channel;
  return report.ai.current.trend.map((day) => {
    const on = { channel, from: day.date, to: day.date };
    return {
      date: day.date,
      resolution: {
        rate: rate(day.aiResolved, day.judged),
        count: day.aiResolved,
        of: day.judged,
        href: inboxHref({ ...on, result: "ai_resolved", window: windowHours }),
        ofHref: inboxHref({ ...on, result: "judged", window: windowHours }),
      },
      handoff: {
        rate: rate(day.handedOff, day.acted),
        count: day.handedOff,
        of: day.acted,
        href: inboxHref({ ...on, outcome: "handed_off" }),
        ofHref: inboxHref({ ...on, outcome: ACTED_OUTCOMES.join(",") }),
      },
    };
  });
}

/** The trend as a table: per UTC day, both rates with the counts they divide, each count linked to its sessions. */
export function aiTrendTable(report: ChannelReport): ReportTable {
  const window = windowWords(report.ai.windowHours);
  return {
    dataset: "ai-rates-over-time",
    caption: `The AI's resolution (judged ${window} after it acted) and handoff rate of each UTC day's sessions`,
    columns: [
      col("Day (UTC)", false),
      col(`Resolved (${window})`),
      col(`Judged (${window})`),
      col("AI resolution"),
      col("Handed off"),
      col("AI acted"),
      col("Handoff rate"),
    ],
    rows: aiTrendRows(report).map((row) => ({
      key: row.date,
      cells: [
        text(row.date),
        linked(row.resolution.count, row.resolution.href, `sessions of ${row.date} resolved by the AI`),
        linked(
          row.resolution.of,
          row.resolution.ofHref,
          `sessions of ${row.date} the AI acted on at least ${window} ago`,
        ),
        percentCell(row.resolution.rate),
        linked(row.handoff.count, row.handoff.href, `sessions of ${row.date} handed off by the AI`),
        linked(row.handoff.of, row.handoff.ofHref, `sessions of ${row.date} the AI acted on`),
        percentCell(row.handoff.rate),
      ],
    })),
  };
}
