import { describe, expect, it } from "vitest";
import { buildChannelReport, type ReportRawRows } from "@/lib/reports/build";
import { parseCsv } from "@/lib/reports/csv";
import { inboxHref } from "@/lib/reports/drilldown";
import {
  outcomesTable,
  reasonsTable,
  responseTimesTable,
  sentimentTable,
  tableCsv,
  volumeTable,
  type ReportTable,
} from "@/lib/reports/tables";

const RAW: ReportRawRows = {
  volume: [
    { day: "2026-11-01", channel: "voice", sessions: 2 },
    { day: "2026-11-02", channel: "email", sessions: 1200 },
    { day: "2026-11-03", channel: "fax", sessions: 1 },
  ],
  statuses: [
    { channel: "voice", status: "answered", sessions: 1 },
    { channel: "voice", status: "handed_off", sessions: 1 },
    { channel: "email", status: "resolved", sessions: 1199 },
    { channel: "email", status: "skipped", sessions: 1 },
    { channel: "fax", status: "archived_legacy", sessions: 1 },
  ],
  sentiments: [
    { channel: "voice", sentiment: "angry", sessions: 1 },
    { channel: "voice", sentiment: null, sessions: 1 },
    { channel: "email", sentiment: "positive", sessions: 1200 },
    { channel: "fax", sentiment: null, sessions: 1 },
  ],
  reasons: [
    { reason: "user_requested_human_assistance", channel: "voice", sessions: 1 },
    { reason: 'odd, "quoted" reason', channel: "email", sessions: 1 },
  ],
  responseTimes: [
    { channel: "voice", runs: 2, median: 7.25, p90: 9.35 },
    { channel: null, runs: 2, median: 7.25, p90: 9.35 },
  ],
};
const RANGE = { from: "2026-11-01", to: "2026-11-03" };
const report = buildChannelReport(RAW, RANGE);

function texts(table: ReportTable): string[][] {
  return table.rows.map((row) => row.cells.map((cell) => cell.text));
}

describe("report datasets from grouped rows", () => {
  it("keeps the five channels in order and adds unknown ones found", () => {
    expect(report.channels).toEqual(["voice", "email", "sms", "whatsapp", "web", "fax"]);
    expect(buildChannelReport(RAW, { ...RANGE, channel: "voice" }).channels).toEqual(["voice"]);
    expect(report.totalSessions).toBe(1203);
    expect(report.volume.map((day) => day.total)).toEqual([2, 1200, 1]);
  });

  it("puts unknown statuses under other, outside the rates", () => {
    expect(report.outcomes.all).toMatchObject({ sessions: 1203, other: 1, reachedOutcome: 1201 });
    expect(report.outcomes.byChannel.find((row) => row.channel === "fax")).toMatchObject({
      sessions: 1,
      other: 1,
      rates: { answered: null },
    });
  });

  it("orders reasons by sessions and shares them out of all handoffs", () => {
    expect(report.handoffReasons.map((row) => [row.reason, row.total, row.share])).toEqual([
      ['odd, "quoted" reason', 1, 0.5],
      ["user_requested_human_assistance", 1, 0.5],
    ]);
  });
});

describe("report tables and their CSV", () => {
  it("volume: one row per UTC day, a total column and row, counts linked to that day's sessions", () => {
    const table = volumeTable(report);
    expect(table.columns.map((column) => column.label)).toEqual([
      "Day (UTC)",
      "Phone",
      "Email",
      "SMS",
      "WhatsApp",
      "Web chat",
      "fax",
      "Total",
    ]);
    expect(texts(table)).toEqual([
      ["2026-11-01", "2", "0", "0", "0", "0", "0", "2"],
      ["2026-11-02", "0", "1,200", "0", "0", "0", "0", "1,200"],
      ["2026-11-03", "0", "0", "0", "0", "0", "1", "1"],
      ["Total", "2", "1,200", "0", "0", "0", "1", "1,203"],
    ]);
    const phone = table.rows[0].cells[1];
    expect(phone.href).toBe("/inbox?channel=voice&from=2026-11-01&to=2026-11-01");
    expect(phone.linkLabel).toBe("2 Phone sessions on Nov 1, 2026: open in the Inbox");
    expect(table.rows[0].cells[2].href).toBeUndefined();
    expect(table.rows[3].cells[7].href).toBe("/inbox?from=2026-11-01&to=2026-11-03");
  });

  it("outcomes: counts and rates per channel, links carry channel and status", () => {
    const table = outcomesTable(report);
    expect(table.columns.map((column) => column.label)).toEqual([
      "Channel",
      "Sessions",
      "Answered",
      "Answered rate",
      "Resolved",
      "Resolved rate",
      "Handed off",
      "Handed off rate",
      "Failed",
      "Failed rate",
      "Skipped",
      "In progress",
      "Other",
    ]);
    expect(texts(table)[0]).toEqual(["Phone", "2", "1", "50%", "0", "0%", "1", "50%", "0", "0%", "0", "0", "0"]);
    expect(texts(table)[2]).toEqual(["SMS", "0", "0", "—", "0", "—", "0", "—", "0", "—", "0", "0", "0"]);
    expect(texts(table).at(-1)?.[0]).toBe("All channels");
    expect(table.rows[0].cells[6].href).toBe("/inbox?channel=voice&status=handed_off&from=2026-11-01&to=2026-11-03");
    expect(table.rows.at(-1)?.cells[4].href).toBe("/inbox?status=resolved&from=2026-11-01&to=2026-11-03");
  });

  it("reasons, sentiment and times: labels, shares and seconds", () => {
    expect(texts(reasonsTable(report))[1]).toEqual([
      "The customer asked for a person",
      "user_requested_human_assistance",
      "1",
      "0",
      "0",
      "0",
      "0",
      "0",
      "1",
      "50%",
    ]);
    expect(reasonsTable(report).rows[1].cells[2].href).toBe(
      "/inbox?channel=voice&reason=user_requested_human_assistance&from=2026-11-01&to=2026-11-03",
    );
    const sentiment = sentimentTable(report);
    expect(sentiment.columns.map((column) => column.label)).toEqual([
      "Channel",
      "Sessions",
      "Angry",
      "Angry share",
      "Frustrated",
      "Frustrated share",
      "Neutral",
      "Neutral share",
      "Positive",
      "Positive share",
      "Not judged",
    ]);
    expect(texts(sentiment)[0]).toEqual(["Phone", "2", "1", "100%", "0", "0%", "0", "0%", "0", "0%", "1"]);
    expect(sentiment.rows[0].cells[2].href).toBe("/inbox?channel=voice&sentiment=angry&from=2026-11-01&to=2026-11-03");
    expect(sentiment.rows[0].cells[10].href).toBeUndefined();
    expect(texts(responseTimesTable(report))[0]).toEqual(["Phone", "2", "7.3", "9.4"]);
    expect(texts(responseTimesTable(report))[1]).toEqual(["Email", "0", "—", "—"]);
  });

  it("a report on one channel has no per-channel or all-channels repeats", () => {
    const voice = buildChannelReport(RAW, { ...RANGE, channel: "voice" });
    expect(volumeTable(voice).columns.map((column) => column.label)).toEqual(["Day (UTC)", "Phone"]);
    expect(outcomesTable(voice).rows.map((row) => row.key)).toEqual(["voice"]);
    expect(reasonsTable(voice).columns.map((column) => column.label)).toEqual(["Reason", "Code", "Sessions", "Share"]);
    expect(reasonsTable(voice).rows[0].cells[2].href).toBe(
      "/inbox?channel=voice&reason=user_requested_human_assistance&from=2026-11-01&to=2026-11-03",
    );
  });

  it("the CSV is the table: same header, same rows, raw counts, blanks for no value, escaped text", () => {
    for (const table of [
      volumeTable(report),
      outcomesTable(report),
      reasonsTable(report),
      sentimentTable(report),
      responseTimesTable(report),
    ]) {
      const rows = parseCsv(tableCsv(table));
      expect(rows[0]).toEqual(table.columns.map((column) => column.label));
      expect(rows.slice(1)).toEqual(
        texts(table).map((row) => row.map((text) => (text === "—" ? "" : text.replace(/,(?=\d{3}\b)/g, "")))),
      );
    }
    expect(tableCsv(reasonsTable(report)).split("\r\n")[1]).toBe(
      '"odd, ""quoted"" reason","odd, ""quoted"" reason",0,1,0,0,0,0,1,50%',
    );
  });

  it("links to the Inbox with its query parameters, in a stable order, empty ones left out", () => {
    expect(
      inboxHref({
        to: "2026-11-07",
        from: "2026-11-01",
        reason: "error",
        sentiment: null,
        status: "handed_off",
        channel: "voice",
      }),
    ).toBe("/inbox?channel=voice&status=handed_off&reason=error&from=2026-11-01&to=2026-11-07");
    expect(inboxHref({})).toBe("/inbox");
  });
});
