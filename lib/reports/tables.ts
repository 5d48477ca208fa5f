import { toCsv, type CsvValue } from "./csv";
import { inboxHref, type InboxFilter } from "./drilldown";
import { formatCount, formatPercent, formatSecondsValue } from "./format";
import { channelLabel, OUTCOME_SHORT_LABELS, reasonLabel, SENTIMENT_LABELS } from "./labels";
import { formatDay } from "./range";
import { REPORT_SENTIMENTS, type OutcomeRow, type RollupReport, type SentimentRow } from "./types";

/**
 * Each chart's numbers as a table: what the page shows under "Show table" and exactly what "Download CSV" saves
 * (CSV cells are the table's words, counts without thousands separators).
 */
export interface ReportCell {
  text: string;
  csv: CsvValue;
  /** The Inbox filtered to the sessions behind the number. */
  href?: string;
  /** The link's accessible name: starts with the visible number, then says what it counts. */
  linkLabel?: string;
}

export interface ReportColumn {
  label: string;
  numeric: boolean;
}

export interface ReportTable {
  /** The dataset's name in the CSV file name: "sessions-over-time", "outcomes"… */
  dataset: string;
  caption: string;
  columns: ReportColumn[];
  /** The first cell of each row is its header. */
  rows: { key: string; total?: boolean; cells: ReportCell[] }[];
}

export const text = (value: string): ReportCell => ({ text: value, csv: value });
export const col = (label: string, numeric = true): ReportColumn => ({ label, numeric });

/** A count, linked to the Inbox when there is something to see. */
export function countCell(value: number, filter: InboxFilter | null, what: string): ReportCell {
  const cell: ReportCell = { text: formatCount(value), csv: value };
  if (filter && value > 0) {
    cell.href = inboxHref(filter);
    cell.linkLabel = `${formatCount(value)} ${what}: open in the Inbox`;
  }
  return cell;
}

export const percentCell = (value: number | null): ReportCell => ({
  text: formatPercent(value),
  csv: value === null ? "" : formatPercent(value),
});
export const secondsCell = (value: number | null): ReportCell => ({
  text: formatSecondsValue(value),
  csv: value === null ? "" : formatSecondsValue(value),
});

function sessionsWord(count: number): string {
  return count === 1 ? "session" : "sessions";
}

/** Rows of per-channel datasets: one per channel, then "All channels" when there are several. */
function withAll<T extends { channel: string }>(report: RollupReport, rows: T[], all: T): T[] {
  return report.channels.length > 1 ? [...rows, all] : rows;
}

export function volumeTable(report: RollupReport): ReportTable {
  const { from, to } = report.range;
  const several = report.channels.length > 1;
  const rows = report.volume.map((day) => {
    const when = formatDay(day.date, { year: true });
    const channelCells = report.channels.map((channel) =>
      countCell(
        day.counts[channel] ?? 0,
        { channel, from: day.date, to: day.date },
        `${channelLabel(channel)} ${sessionsWord(day.counts[channel] ?? 0)} on ${when}`,
      ),
    );
    const total = countCell(
      day.total,
      { channel: report.channel, from: day.date, to: day.date },
      `${sessionsWord(day.total)} on ${when}`,
    );
    return { key: day.date, cells: [text(day.date), ...channelCells, ...(several ? [total] : [])] };
  });
  const sums = report.channels.map((channel) =>
    report.volume.reduce((sum, day) => sum + (day.counts[channel] ?? 0), 0),
  );
  const totalRow = {
    key: "total",
    total: true,
    cells: [
      text("Total"),
      ...report.channels.map((channel, index) =>
        countCell(
          sums[index],
          { channel, from, to },
          `${channelLabel(channel)} ${sessionsWord(sums[index])} in the range`,
        ),
      ),
      ...(several
        ? [
            countCell(
              report.totalSessions,
              { channel: report.channel, from, to },
              `${sessionsWord(report.totalSessions)} in the range`,
            ),
          ]
        : []),
    ],
  };
  return {
    dataset: "sessions-over-time",
    caption: "Sessions started per UTC day, by channel",
    columns: [
      col("Day (UTC)", false),
      ...report.channels.map((channel) => col(channelLabel(channel))),
      ...(several ? [col("Total")] : []),
    ],
    rows: [...rows, totalRow],
  };
}

export function outcomesTable(report: RollupReport): ReportTable {
  const { from, to } = report.range;
  const showOther = report.outcomes.all.other > 0;
  const rows = withAll(report, report.outcomes.byChannel, report.outcomes.all).map((row: OutcomeRow) => {
    const channel = row.channel === "all" ? null : row.channel;
    const name = channel ? `${channelLabel(channel)} ` : "";
    const status = (key: keyof OutcomeRow["counts"]) =>
      countCell(
        row.counts[key],
        { channel, status: key, from, to },
        `${name}${sessionsWord(row.counts[key])} ${OUTCOME_SHORT_LABELS[key].toLowerCase()}`,
      );
    return {
      key: row.channel,
      total: row.channel === "all",
      cells: [
        text(channelLabel(row.channel)),
        countCell(row.sessions, { channel, from, to }, `${name}${sessionsWord(row.sessions)}`),
        status("answered"),
        percentCell(row.rates.answered),
        status("resolved"),
        percentCell(row.rates.resolved),
        status("handed_off"),
        percentCell(row.rates.handed_off),
        status("failed"),
        percentCell(row.rates.failed),
        status("skipped"),
        status("ai_answering"),
        ...(showOther ? [countCell(row.other, null, "")] : []),
      ],
    };
  });
  return {
    dataset: "outcomes",
    caption: "Sessions per outcome and channel; rates are of the sessions that reached an outcome",
    columns: [
      col("Channel", false),
      col("Sessions"),
      col("Answered"),
      col("Answered rate"),
      col("Resolved"),
      col("Resolved rate"),
      col("Handed off"),
      col("Handed off rate"),
      col("Failed"),
      col("Failed rate"),
      col("Skipped"),
      col("In progress"),
      ...(showOther ? [col("Other")] : []),
    ],
    rows,
  };
}

export function reasonsTable(report: RollupReport): ReportTable {
  const { from, to } = report.range;
  const several = report.channels.length > 1;
  return {
    dataset: "handoff-reasons",
    caption: "Handed-off sessions by the reason of their latest handoff",
    columns: [
      col("Reason", false),
      col("Code", false),
      ...(several ? report.channels.map((channel) => col(channelLabel(channel))) : []),
      col("Sessions"),
      col("Share"),
    ],
    rows: report.handoffReasons.map((row) => {
      const label = reasonLabel(row.reason);
      return {
        key: row.reason,
        cells: [
          text(label),
          text(row.reason),
          ...(several
            ? report.channels.map((channel) =>
                countCell(
                  row.counts[channel] ?? 0,
                  { channel, reason: row.reason, from, to },
                  `${channelLabel(channel)} ${sessionsWord(row.counts[channel] ?? 0)} handed off: ${label}`,
                ),
              )
            : []),
          countCell(
            row.total,
            { channel: report.channel, reason: row.reason, from, to },
            `${sessionsWord(row.total)} handed off: ${label}`,
          ),
          percentCell(row.share),
        ],
      };
    }),
  };
}

export function sentimentTable(report: RollupReport): ReportTable {
  const { from, to } = report.range;
  return {
    dataset: "sentiment",
    caption: "Sessions per customer sentiment and channel; shares are of the sessions with a sentiment",
    columns: [
      col("Channel", false),
      col("Sessions"),
      ...REPORT_SENTIMENTS.flatMap((sentiment) => [
        col(SENTIMENT_LABELS[sentiment]),
        col(`${SENTIMENT_LABELS[sentiment]} share`),
      ]),
      col(SENTIMENT_LABELS.unknown),
    ],
    rows: withAll(report, report.sentiment.byChannel, report.sentiment.all).map((row: SentimentRow) => {
      const channel = row.channel === "all" ? null : row.channel;
      const name = channel ? `${channelLabel(channel)} ` : "";
      return {
        key: row.channel,
        total: row.channel === "all",
        cells: [
          text(channelLabel(row.channel)),
          countCell(row.sessions, { channel, from, to }, `${name}${sessionsWord(row.sessions)}`),
          ...REPORT_SENTIMENTS.flatMap((sentiment) => [
            countCell(
              row.counts[sentiment],
              { channel, sentiment, from, to },
              `${name}${sessionsWord(row.counts[sentiment])} with a ${SENTIMENT_LABELS[sentiment].toLowerCase()} customer`,
            ),
            percentCell(row.shares[sentiment]),
          ]),
          countCell(row.unknown, null, ""),
        ],
      };
    }),
  };
}

export function responseTimesTable(report: RollupReport): ReportTable {
  return {
    dataset: "time-to-reply",
    caption: "Seconds from Front's webhook to the AI's reply or handoff reaching Front, per channel",
    columns: [col("Channel", false), col("AI runs"), col("Median (s)"), col("90th percentile (s)")],
    rows: withAll(report, report.responseTimes.byChannel, report.responseTimes.all).map((row) => ({
      key: row.channel,
      total: row.channel === "all",
      cells: [
        text(channelLabel(row.channel)),
        countCell(row.runs, null, ""),
        secondsCell(row.medianSeconds),
        secondsCell(row.p90Seconds),
      ],
    })),
  };
}

/** The table as CSV: its column labels, then every row's cells. */
export function tableCsv(table: ReportTable): string {
  return toCsv(
    table.columns.map((column) => column.label),
    table.rows.map((row) => row.cells.map((cell) => cell.csv)),
  );
}
