import { describe, expect, it } from "vitest";
import { buildTimeline, runTotals, stepLabel } from "@/components/session/timeline";

const t0 = Date.parse("2025-03-04T14:00:00.000Z");
const at = (ms: number) => new Date(t0 + ms).toISOString();

function step(
  position: number,
  kind: string,
  startMs: number,
  durationMs: number,
  extra: Partial<{ toolName: string; inputTokens: number; outputTokens: number }> = {},
) {
  return {
    id: `s${position}`,
    position,
    kind,
    startedAt: at(startMs),
    durationMs,
    inputTokens: 0,
    outputTokens: 0,
    toolName: null,
    ...extra,
  };
}

describe("stepLabel", () => {
  it("names steps by kind, tool calls by tool", () => {
    expect(stepLabel({ kind: "reasoning" })).toBe("Reasoning");
    expect(stepLabel({ kind: "text" })).toBe("Response");
    expect(stepLabel({ kind: "tool_call", toolName: "search_knowledge_base" })).toBe("search_knowledge_base");
    expect(stepLabel({ kind: "tool_call", toolName: null })).toBe("Tool call");
  });
});

describe("buildTimeline", () => {
  const run = { startedAt: at(0), finishedAt: at(1000), inputTokens: 0, outputTokens: 0 };

  it("orders steps by position and places them on the run's span", () => {
    const rows = buildTimeline(run, [
      step(2, "tool_call", 500, 500, { toolName: "handoff_to_human" }),
      step(0, "reasoning", 0, 250, { inputTokens: 300, outputTokens: 40 }),
      step(1, "tool_call", 250, 250, { toolName: "search_knowledge_base" }),
    ]);
    expect(rows.map((row) => row.label)).toEqual(["Reasoning", "search_knowledge_base", "handoff_to_human"]);
    expect(rows.map((row) => [row.offsetMs, row.offsetPct, row.widthPct])).toEqual([
      [0, 0, 25],
      [250, 25, 25],
      [500, 50, 50],
    ]);
    expect(rows[0].tokens).toBe(340);
  });

  it("widens the span to steps that outlast the run and keeps zero-length steps visible", () => {
    const rows = buildTimeline({ ...run, finishedAt: null }, [step(0, "text", 0, 0), step(1, "tool_call", 1000, 1000)]);
    expect(rows[0].widthPct).toBe(0.5);
    expect(rows[1].offsetPct).toBe(50);
    expect(rows[1].widthPct).toBe(50);
  });

  it("handles a run with no steps", () => {
    expect(buildTimeline(run, [])).toEqual([]);
  });
});

describe("runTotals", () => {
  it("uses the run's duration and tokens", () => {
    expect(runTotals({ startedAt: at(0), finishedAt: at(1500), inputTokens: 10, outputTokens: 5 }, [])).toEqual({
      durationMs: 1500,
      inputTokens: 10,
      outputTokens: 5,
    });
  });

  it("sums step tokens while the run has none and has no duration while running", () => {
    const steps = [
      step(0, "reasoning", 0, 10, { inputTokens: 100, outputTokens: 20 }),
      step(1, "text", 10, 10, { inputTokens: 50, outputTokens: 5 }),
    ];
    expect(runTotals({ startedAt: at(0), finishedAt: null, inputTokens: 0, outputTokens: 0 }, steps)).toEqual({
      durationMs: null,
      inputTokens: 150,
      outputTokens: 25,
    });
  });
});
