import { describe, expect, it } from "vitest";
import { formatCount, formatPercent, formatSecondsValue, formatWait, rate } from "@/lib/reports/format";
import { channelLabel, reasonLabel } from "@/lib/reports/labels";
import { percentile, percentileCont } from "@/lib/stats";

describe("report numbers", () => {
  it("a rate over nothing is no rate, not 0%", () => {
    expect(rate(3, 7)).toBeCloseTo(0.428571, 5);
    expect(rate(0, 7)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });

  it("prints percentages with one decimal when needed", () => {
    expect(formatPercent(3 / 7)).toBe("42.9%");
    expect(formatPercent(0.5)).toBe("50%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(0.0004)).toBe("0%");
    expect(formatPercent(0.9996)).toBe("100%");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
  });

  it("prints counts with thousands separators", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(12345)).toBe("12,345");
  });

  it("prints seconds for tables (unit in the header) and waits in words", () => {
    expect(formatSecondsValue(4.25)).toBe("4.3");
    expect(formatSecondsValue(10)).toBe("10.0");
    expect(formatSecondsValue(null)).toBe("—");
    expect(formatWait(0.84)).toBe("0.8 s");
    expect(formatWait(12.34)).toBe("12.3 s");
    expect(formatWait(125)).toBe("2 min 05 s");
    expect(formatWait(3720)).toBe("1 h 02 min");
    expect(formatWait(null)).toBe("—");
  });

  it("interpolates percentiles between the closest ranks, like percentile_cont", () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([5], 0.9)).toBe(5);
    expect(percentileCont([4.5, 10, 20], 0.5)).toBe(10);
    expect(percentileCont([20, 4.5, 10], 0.9)).toBeCloseTo(18, 10);
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([4.5, 10, 20, 30, 60, 90, 5], 0.9)).toBeCloseTo(72, 10);
  });

  it("takes the nearest rank for measured values: always one of them", () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 75)).toBe(3);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 91)).toBe(100);
  });

  it("calls voice Phone and handoff reasons by their words", () => {
    expect(channelLabel("voice")).toBe("Phone");
    expect(channelLabel("web")).toBe("Web chat");
    expect(channelLabel("all")).toBe("All channels");
    expect(channelLabel("fax")).toBe("fax");
    expect(reasonLabel("insufficient_knowledge")).toBe("The knowledge base does not answer this");
    expect(reasonLabel("something_new")).toBe("something_new");
  });
});
