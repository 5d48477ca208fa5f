import { describe, expect, it } from "vitest";
import {
  addDays,
  daysInRange,
  eachDay,
  formatDay,
  formatRange,
  isIsoDate,
  presetRange,
  resolveRange,
  splitIntoWeeks,
  utcBounds,
  utcDate,
  weekOf,
} from "@/lib/reports/range";
import { reportQuerySchema } from "@/lib/reports/types";

describe("report ranges", () => {
  it("accepts only real calendar dates written YYYY-MM-DD", () => {
    expect(isIsoDate("2026-11-07")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-1-7")).toBe(false);
    expect(isIsoDate("2026-11-07T00:00:00Z")).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it("does day arithmetic in UTC, across months, years and DST changes", () => {
    expect(addDays("2026-10-31", 1)).toBe("2026-11-01");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(daysInRange("2026-11-01", "2026-11-07")).toBe(7);
    expect(daysInRange("2026-11-01", "2026-11-01")).toBe(1);
    expect(eachDay("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(utcDate(Date.parse("2026-11-07T23:59:59.999Z"))).toBe("2026-11-07");
  });

  it("covers whole UTC days: the first day's midnight to the midnight after the last", () => {
    expect(utcBounds("2026-11-01", "2026-11-07")).toEqual({
      start: "2026-11-01T00:00:00.000Z",
      end: "2026-11-08T00:00:00.000Z",
    });
  });

  it("ends presets today: the last 7 days are today and the six before", () => {
    expect(presetRange("7d", "2026-11-07")).toEqual({ from: "2026-11-01", to: "2026-11-07" });
    expect(presetRange("30d", "2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(presetRange("90d", "2026-03-31")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
  });

  it("reads the URL: a valid custom range wins, else the preset, else the last 7 days", () => {
    const today = "2026-11-07";
    expect(resolveRange({}, today)).toEqual({ preset: "7d", from: "2026-11-01", to: today });
    expect(resolveRange({ range: "30d" }, today)).toEqual({ preset: "30d", from: "2026-10-09", to: today });
    expect(resolveRange({ range: "bogus" }, today)).toMatchObject({ preset: "7d" });
    expect(resolveRange({ from: "2026-10-01", to: "2026-10-15", range: "90d" }, today)).toEqual({
      preset: "custom",
      from: "2026-10-01",
      to: "2026-10-15",
    });
    expect(resolveRange({ from: "2026-10-15", to: "2026-10-01" }, today)).toMatchObject({ preset: "7d" });
    expect(resolveRange({ from: "2026-10-01" }, today)).toMatchObject({ preset: "7d" });
    expect(resolveRange({ from: "2020-01-01", to: "2026-11-07" }, today, 366)).toEqual({
      preset: "custom",
      from: "2025-11-07",
      to: "2026-11-07",
    });
  });

  it("writes days and ranges as UTC days, whatever the machine's time zone", () => {
    expect(formatDay("2026-11-03")).toBe("Nov 3");
    expect(formatDay("2026-11-03", { year: true, weekday: true })).toBe("Tue, Nov 3, 2026");
    expect(formatRange("2026-11-01", "2026-11-07")).toBe("Nov 1 – Nov 7, 2026");
    expect(formatRange("2025-12-20", "2026-01-02")).toBe("Dec 20, 2025 – Jan 2, 2026");
    expect(formatRange("2026-11-03", "2026-11-03")).toBe("Nov 3, 2026");
  });

  it("validates the API's query: dates, order, length and channel", () => {
    expect(reportQuerySchema.parse({ from: "2026-11-01", to: "2026-11-07", range: "7d" })).toEqual({
      from: "2026-11-01",
      to: "2026-11-07",
    });
    expect(reportQuerySchema.parse({ from: "2026-11-01", to: "2026-11-01", channel: "voice" })).toEqual({
      from: "2026-11-01",
      to: "2026-11-01",
      channel: "voice",
    });
    expect(reportQuerySchema.safeParse({ from: "2026-11-08", to: "2026-11-07" }).success).toBe(false);
    expect(reportQuerySchema.safeParse({ from: "2026-11-01", to: "2026-02-30" }).success).toBe(false);
    expect(reportQuerySchema.safeParse({ from: "2026-11-01" }).success).toBe(false);
    expect(reportQuerySchema.safeParse({ from: "2026-11-01", to: "2026-11-07", channel: "phone" }).success).toBe(false);
    expect(reportQuerySchema.safeParse({ from: "2025-11-07", to: "2026-11-07" }).success).toBe(true);
    expect(reportQuerySchema.safeParse({ from: "2025-11-06", to: "2026-11-07" }).success).toBe(false);
  });

  it("finds the Monday of a day's week", () => {
    // 2026-11-02 is a Monday.
    expect(weekOf("2026-11-02")).toBe("2026-11-02");
    expect(weekOf("2026-11-08")).toBe("2026-11-02");
    expect(weekOf("2026-11-01")).toBe("2026-10-26");
    expect(weekOf("2027-01-01")).toBe("2026-12-28");
  });

  it("splits a range into its whole weeks and the days at either end, covering each day once", () => {
    expect(splitIntoWeeks("2026-11-02", "2026-11-15")).toEqual({
      weeks: { first: "2026-11-02", last: "2026-11-09" },
      edges: [],
    });
    expect(splitIntoWeeks("2026-11-01", "2026-11-10")).toEqual({
      weeks: { first: "2026-11-02", last: "2026-11-02" },
      edges: [
        { from: "2026-11-01", to: "2026-11-01" },
        { from: "2026-11-09", to: "2026-11-10" },
      ],
    });
    expect(splitIntoWeeks("2026-11-03", "2026-11-08")).toEqual({
      weeks: null,
      edges: [{ from: "2026-11-03", to: "2026-11-08" }],
    });
    // Every range of up to 40 days over two months: the weeks' days and the edges' days are the range's, once each.
    for (const from of eachDay("2026-10-20", "2026-11-30")) {
      for (let length = 1; length <= 40; length++) {
        const to = addDays(from, length - 1);
        const { weeks, edges } = splitIntoWeeks(from, to);
        const covered = edges.flatMap((edge) => eachDay(edge.from, edge.to));
        if (weeks) {
          expect(weekOf(weeks.first)).toBe(weeks.first);
          covered.push(...eachDay(weeks.first, addDays(weeks.last, 6)));
        }
        expect(covered.sort()).toEqual(eachDay(from, to));
        // At most six days either side of whole weeks; with none, a range of under two weeks.
        const longest = Math.max(...edges.map((edge) => daysInRange(edge.from, edge.to)));
        expect(longest).toBeLessThanOrEqual(weeks ? 6 : 12);
      }
    }
  });
});
