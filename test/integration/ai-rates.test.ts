// The AI's rates (issue 12, docs/metrics.md) on sessions whose true answers are worked out by hand below, and
// every drill-down link of the figures and tables opening exactly the sessions the figure counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { listSessions } from "@/lib/db/queries/sessions";
import { parseSessionFilters } from "@/lib/inbox/session-filters";
import { aiFigures, humanReplyHref, rateChange } from "@/lib/reports/ai-figures";
import { aiRatesTable, aiReasonsTable, aiTrendTable } from "@/lib/reports/ai-tables";
import { getChannelReport } from "@/lib/reports/queries";
import { addDays } from "@/lib/reports/range";
import { channelReportSchema, type ChannelReport } from "@/lib/reports/types";
import { aiRatesRange, seedAiRateSessions } from "../helpers/ai-rate-sessions";
import { createTestDatabase, dbKinds } from "../helpers/db";

const RANGE = aiRatesRange();
/** The sessions the AI acted on in the range (answered, handed off or failed). */
const ACTED = ["e1", "e2", "e4", "e5", "v1", "v12", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"];

describe.each(dbKinds())("the AI's rates on %s", (kind) => {
  let database: Database;
  let names: Map<string, string>;
  let report: ChannelReport;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    names = await seedAiRateSessions(database.db);
    report = channelReportSchema.parse(await getChannelReport(database.db, RANGE));
  });
  afterAll(async () => {
    await database?.close();
  });

  /** The sessions a drill-down link opens, by name. */
  async function drillDown(href: string): Promise<string[]> {
    const { filters, issues } = parseSessionFilters(new URL(href, "http://x").searchParams);
    expect(issues).toEqual([]);
    const { sessions: rows, nextCursor } = await listSessions(database.db, { limit: 100, filters });
    expect(nextCursor).toBeNull();
    return rows.map((row) => names.get(row.id)!).sort();
  }

  it("counts what the AI did and what came of it, per channel and over all", () => {
    const voice = report.ai.current.byChannel.find((row) => row.channel === "voice")!;
    expect(voice.counts).toEqual({
      sessions: 12,
      acted: 10,
      answered: 6,
      handedOff: 3,
      failed: 1,
      skipped: 1,
      judged: 9,
      aiResolved: 3,
      durableJudged: 5,
      durable: 1,
      answeredJudged: 5,
      reopened: 1,
      humanReplied: 2,
    });
    expect(voice.rates).toEqual({
      involvement: 10 / 12,
      aiResolution: 3 / 9,
      durableResolution: 1 / 5,
      handoff: 3 / 10,
      deliveryFailure: 1 / 10,
      reopen: 1 / 5,
    });
    // percentile_cont over 1800 s and 5400 s.
    expect(voice.humanReplySeconds).toEqual({ p50: 3600, p90: 5040 });

    const email = report.ai.current.byChannel.find((row) => row.channel === "email")!;
    // e4 and e5 answered on the 72-hour window's edge day: e4 before the edge (judged, resolved), e5 after it.
    expect(email.counts).toMatchObject({ sessions: 5, acted: 4, judged: 3, aiResolved: 2, answeredJudged: 2 });
    expect(email.rates).toEqual({
      involvement: 4 / 5,
      aiResolution: 2 / 3,
      durableResolution: null,
      handoff: 1 / 4,
      deliveryFailure: 0,
      reopen: 0,
    });

    const all = report.ai.current.all;
    expect(all.counts).toMatchObject({
      sessions: 17,
      acted: 14,
      judged: 12,
      aiResolved: 5,
      durableJudged: 5,
      durable: 1,
      answeredJudged: 7,
      reopened: 1,
      humanReplied: 3,
    });
    expect(all.rates).toEqual({
      involvement: 14 / 17,
      aiResolution: 5 / 12,
      durableResolution: 1 / 5,
      handoff: 4 / 14,
      deliveryFailure: 1 / 14,
      reopen: 1 / 7,
    });
    // 600 s, 1800 s, 5400 s.
    expect(all.humanReplySeconds).toEqual({ p50: 1800, p90: 4680 });
  });

  it("gives the handoff rate by reason over the sessions the AI acted on, and the range before beside it", () => {
    expect(report.ai.current.handoffReasons).toEqual([
      { reason: "insufficient_knowledge", counts: { voice: 2 }, total: 2, rate: 2 / 14 },
      { reason: "error", counts: { email: 1 }, total: 1, rate: 1 / 14 },
      { reason: "user_requested_human_assistance", counts: { voice: 1 }, total: 1, rate: 1 / 14 },
    ]);
    // The handoff-reasons chart counts the same sessions as the handoff rate.
    expect(report.handoffReasons.reduce((sum, row) => sum + row.total, 0)).toBe(report.ai.current.all.counts.handedOff);
    expect(report.ai.previous.range).toEqual({ from: addDays(RANGE.from, -14), to: addDays(RANGE.from, -1) });
    expect(report.ai.previous.all.counts).toMatchObject({ sessions: 3, acted: 3, aiResolved: 1, judged: 3 });
    const resolution = aiFigures(report).find((figure) => figure.id === "ai_resolution")!;
    expect(resolution).toMatchObject({ value: 5 / 12, previous: 1 / 3 });
    expect(rateChange(resolution.value, resolution.previous)).toEqual({ arrow: "▲", points: 8.3, text: "▲ 8.3 pts" });
  });

  it("gives each UTC day's AI resolution and handoff rate over time", () => {
    const day = (daysAgo: number) => report.ai.current.trend.find((item) => item.date === addDays(RANGE.to, -daysAgo));
    expect(report.ai.current.trend.map((item) => item.date)).toEqual(
      Array.from({ length: 14 }, (_, index) => addDays(RANGE.from, index)),
    );
    expect(day(10)).toEqual({ date: addDays(RANGE.to, -10), acted: 4, handedOff: 0, judged: 4, aiResolved: 2 }); // v1–v4
    expect(day(7)).toEqual({ date: addDays(RANGE.to, -7), acted: 1, handedOff: 0, judged: 1, aiResolved: 1 }); // v12
    expect(day(5)).toEqual({ date: addDays(RANGE.to, -5), acted: 4, handedOff: 3, judged: 4, aiResolved: 0 }); // v6–v9
    expect(day(4)).toEqual({ date: addDays(RANGE.to, -4), acted: 2, handedOff: 1, judged: 2, aiResolved: 1 }); // e1, e2
    expect(day(1)).toEqual({ date: addDays(RANGE.to, -1), acted: 1, handedOff: 0, judged: 0, aiResolved: 0 }); // v5, too recent
    expect(report.ai.previous.trend).toEqual([]);
  });

  it("judges the resolution window it is given: at 24 hours the session answered yesterday counts", async () => {
    const wide = await getChannelReport(database.db, { ...RANGE, window: 24, channel: "voice" });
    // v5 (answered a day ago, less a minute or more) may or may not have passed 24 h; every other voice session has.
    expect(wide.ai.current.all.counts.aiResolved).toBeGreaterThanOrEqual(3);
    expect(wide.ai.windowHours).toBe(24);
  });

  it("every figure's numerator and denominator open exactly the sessions they count", async () => {
    const expected: Record<string, [string[], string[]]> = {
      involvement: [
        ACTED,
        ["e1", "e2", "e3", "e4", "e5", "v1", "v10", "v11", "v12", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"],
      ],
      ai_resolution: [
        ["e1", "e4", "v1", "v12", "v3"],
        ["e1", "e2", "e4", "v1", "v12", "v2", "v3", "v4", "v6", "v7", "v8", "v9"],
      ],
      durable_resolution: [["v1"], ["v1", "v12", "v2", "v3", "v4"]],
      handoff: [["e2", "v6", "v7", "v8"], ACTED],
      delivery_failure: [["v9"], ACTED],
      reopen: [["v4"], ["e1", "e4", "v1", "v12", "v2", "v3", "v4"]],
    };
    for (const figure of aiFigures(report)) {
      const [numerator, denominator] = expected[figure.id];
      expect(await drillDown(figure.numerator.href), `${figure.id} numerator`).toEqual(numerator);
      expect(await drillDown(figure.denominator.href), `${figure.id} denominator`).toEqual(denominator);
      expect(figure.numerator.count).toBe(numerator.length);
      expect(figure.denominator.count).toBe(denominator.length);
    }
    expect(await drillDown(humanReplyHref(report))).toEqual(["e2", "v6", "v7"]);
  });

  it("every linked count in the tables opens as many sessions as it says", async () => {
    for (const table of [aiRatesTable(report), aiReasonsTable(report), aiTrendTable(report)]) {
      for (const row of table.rows) {
        for (const cell of row.cells.filter((item) => item.href)) {
          expect((await drillDown(cell.href!)).length, `${table.dataset} ${row.key}: ${cell.linkLabel}`).toBe(cell.csv);
        }
      }
    }
    const voice = aiRatesTable(report).rows.find((row) => row.key === "voice")!;
    expect(voice.cells[1].linkLabel).toBe("10 Phone sessions the AI acted on: open in the Inbox");
    expect(voice.cells[4].linkLabel).toBe("3 Phone sessions resolved by the AI within 3 days: open in the Inbox");
    expect(voice.cells.map((cell) => cell.text)).toEqual([
      "Phone",
      "10",
      "12",
      "83.3%",
      "3",
      "9",
      "33.3%",
      "1",
      "5",
      "20%",
      "3",
      "30%",
      "1",
      "10%",
      "1",
      "5",
      "20%",
      "2",
      "3600.0",
      "5040.0",
    ]);
  });
});
