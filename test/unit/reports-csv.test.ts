import { describe, expect, it } from "vitest";
import { csvField, csvFilename, parseCsv, slug, toCsv } from "@/lib/reports/csv";

describe("report CSV", () => {
  it("leaves plain fields alone and writes numbers as they are", () => {
    expect(csvField("Phone")).toBe("Phone");
    expect(csvField(1234)).toBe("1234");
    expect(csvField(0.5)).toBe("0.5");
    expect(csvField("42.9%")).toBe("42.9%");
  });

  it("quotes fields holding commas, quotes or line breaks, doubling the quotes", () => {
    expect(csvField("1,234")).toBe('"1,234"');
    expect(csvField('The "billing" team')).toBe('"The ""billing"" team"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("carriage\rreturn")).toBe('"carriage\rreturn"');
  });

  it("writes nothing for missing values and non-finite numbers", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(Number.POSITIVE_INFINITY)).toBe("");
    expect(csvField("")).toBe("");
  });

  it("defuses text a spreadsheet would run as a formula, not negative numbers", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+1 415")).toBe("'+1 415");
    expect(csvField("-")).toBe("'-");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField(-3)).toBe("-3");
  });

  it("joins a header and rows with CRLF and ends with one", () => {
    const csv = toCsv(
      ["Channel", "Sessions", "Rate"],
      [
        ["Phone", 3, "50%"],
        ["Web chat", 1234, null],
      ],
    );
    expect(csv).toBe("Channel,Sessions,Rate\r\nPhone,3,50%\r\nWeb chat,1234,\r\n");
  });

  it("round-trips through the parser, quotes, commas, newlines and a byte-order mark included", () => {
    const rows = [
      ["Reason", "Code", "Sessions"],
      ['The customer said "now, please"', "user_requested_human_assistance", "2"],
      ["line one\nline two", "", "0"],
    ];
    expect(parseCsv(`\uFEFF${toCsv(rows[0], rows.slice(1))}`)).toEqual(rows);
    expect(parseCsv("a,b\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("names files after the dataset, the channel when filtered and the range", () => {
    expect(csvFilename("outcomes", { from: "2026-11-01", to: "2026-11-07" })).toBe(
      "frontline-outcomes-2026-11-01-to-2026-11-07.csv",
    );
    expect(csvFilename("sessions-over-time", { from: "2026-11-01", to: "2026-11-30" }, "Web chat")).toBe(
      "frontline-sessions-over-time-web-chat-2026-11-01-to-2026-11-30.csv",
    );
    expect(slug("  Time to reply / hand off ")).toBe("time-to-reply-hand-off");
  });
});
