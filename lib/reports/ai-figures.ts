import { ACTED_OUTCOMES } from "../domain";
import { inboxHref, type InboxFilter } from "./drilldown";
import { formatCount } from "./format";
import type { AiRateRow, ChannelReport } from "./types";

/**
 * The AI's rates as the Reports page shows them: each a numerator over a denominator, both linked to the Inbox
 * filtered to exactly the sessions they count, with its formula in words (the same words as docs/metrics.md) and
 * the same figure for the range before.
 */

export type AiFigureId =
  "involvement" | "ai_resolution" | "durable_resolution" | "handoff" | "delivery_failure" | "reopen";

export interface AiFigurePart {
  count: number;
  href: string;
  /** What the sessions are, after the count: "sessions the AI acted on". */
  what: string;
}

export interface AiFigure {
  id: AiFigureId;
  label: string;
  value: number | null;
  previous: number | null;
  numerator: AiFigurePart;
  denominator: AiFigurePart;
  formula: string;
  /** Whether a rise is good news (▲ green) or bad (▲ red). */
  higherIsBetter: boolean;
}

const ACTED = ACTED_OUTCOMES.join(",");

/** "72 hours" / "7 days". */
export function windowWords(hours: number): string {
  if (hours % 24 === 0) return hours === 24 ? "1 day" : `${hours / 24} days`;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

export function aiFormulas(windowHours: number, durableHours: number): Record<AiFigureId, string> {
  const window = windowWords(windowHours);
  return {
    involvement:
      "Sessions the AI acted on (answered, handed off or failed) ÷ every session started in the range, the skipped ones and those in progress included.",
    ai_resolution: `Sessions the AI answered with no teammate reply and no reopen within ${window} of its answer (and no later handoff, which would make the AI's outcome "handed off") ÷ sessions the AI acted on at least ${window} ago. Sessions the AI acted on more recently are not judged yet and are left out of both.`,
    durable_resolution: `The same as AI resolution over ${windowWords(durableHours)}: answered, with no teammate reply and no reopen within ${windowWords(durableHours)} ÷ sessions the AI acted on at least ${windowWords(durableHours)} ago.`,
    handoff: "Sessions whose AI outcome is a handoff to a person ÷ sessions the AI acted on.",
    delivery_failure:
      "Sessions whose AI outcome is failed (processing failed after every retry, or Front refused or could not send the AI's reply) ÷ sessions the AI acted on.",
    reopen: `Sessions the AI answered that a person reopened within ${window} of the answer ÷ sessions the AI answered at least ${window} ago.`,
  };
}

export const HUMAN_REPLY_FORMULA =
  "For the sessions the AI handed off and a teammate has replied to since: the time from the handoff to the teammate's first reply. Median: half were at least this fast; 90th percentile: 9 in 10 were. Handoffs nobody has replied to yet are left out.";

export function aiFigures(report: ChannelReport, channel: string | null = report.channel): AiFigure[] {
  const { windowHours, durableWindowHours } = report.ai;
  const pick = (period: "current" | "previous"): AiRateRow => {
    const rows = report.ai[period];
    return channel && channel !== report.channel
      ? (rows.byChannel.find((row) => row.channel === channel) ?? rows.all)
      : rows.all;
  };
  const row = pick("current");
  const before = pick("previous");
  const { from, to } = report.range;
  const formulas = aiFormulas(windowHours, durableWindowHours);
  const part = (count: number, filter: InboxFilter, what: string): AiFigurePart => ({
    count,
    href: inboxHref({ channel, from, to, ...filter }),
    what,
  });
  const window = windowWords(windowHours);
  const acted = part(row.counts.acted, { outcome: ACTED }, "sessions the AI acted on");
  return [
    {
      id: "involvement",
      label: "AI involvement",
      value: row.rates.involvement,
      previous: before.rates.involvement,
      numerator: acted,
      denominator: part(row.counts.sessions, {}, "sessions"),
      formula: formulas.involvement,
      higherIsBetter: true,
    },
    {
      id: "ai_resolution",
      label: "AI resolution",
      value: row.rates.aiResolution,
      previous: before.rates.aiResolution,
      numerator: part(
        row.counts.aiResolved,
        { result: "ai_resolved", window: windowHours },
        `resolved by the AI within ${window}`,
      ),
      denominator: part(
        row.counts.judged,
        { result: "judged", window: windowHours },
        `acted on at least ${window} ago`,
      ),
      formula: formulas.ai_resolution,
      higherIsBetter: true,
    },
    {
      id: "durable_resolution",
      label: "Durable resolution",
      value: row.rates.durableResolution,
      previous: before.rates.durableResolution,
      numerator: part(
        row.counts.durable,
        { result: "ai_resolved", window: durableWindowHours },
        `still resolved after ${windowWords(durableWindowHours)}`,
      ),
      denominator: part(
        row.counts.durableJudged,
        { result: "judged", window: durableWindowHours },
        `acted on at least ${windowWords(durableWindowHours)} ago`,
      ),
      formula: formulas.durable_resolution,
      higherIsBetter: true,
    },
    {
      id: "handoff",
      label: "Handoff rate",
      value: row.rates.handoff,
      previous: before.rates.handoff,
      numerator: part(row.counts.handedOff, { outcome: "handed_off" }, "handed off by the AI"),
      denominator: acted,
      formula: formulas.handoff,
      higherIsBetter: false,
    },
    {
      id: "delivery_failure",
      label: "Delivery failures",
      value: row.rates.deliveryFailure,
      previous: before.rates.deliveryFailure,
      numerator: part(row.counts.failed, { outcome: "failed" }, "failed"),
      denominator: acted,
      formula: formulas.delivery_failure,
      higherIsBetter: false,
    },
    {
      id: "reopen",
      label: "Reopened after the AI's answer",
      value: row.rates.reopen,
      previous: before.rates.reopen,
      numerator: part(row.counts.reopened, { result: "reopened", window: windowHours }, `reopened within ${window}`),
      denominator: part(
        row.counts.answeredJudged,
        { outcome: "answered", result: "judged", window: windowHours },
        `answered at least ${window} ago`,
      ),
      formula: formulas.reopen,
      higherIsBetter: false,
    },
  ];
}

/** The drill-down of the time from handoff to a teammate's first reply. */
export function humanReplyHref(report: ChannelReport, channel: string | null = report.channel): string {
  return inboxHref({ channel, from: report.range.from, to: report.range.to, result: "human_replied" });
}

/** A change between two rates in percentage points: "▲ 4.2 pts", "▼ 0.5 pts", "no change"; null without both. */
export function rateChange(
  value: number | null,
  previous: number | null,
): { arrow: "▲" | "▼" | null; points: number; text: string } | null {
  if (value === null || previous === null) return null;
  const points = Math.round((value - previous) * 1000) / 10;
  if (points === 0) return { arrow: null, points: 0, text: "no change" };
  return {
    arrow: points > 0 ? "▲" : "▼",
    points,
    text: `${points > 0 ? "▲" : "▼"} ${Math.abs(points).toFixed(1)} pts`,
  };
}

/** "3 of 8" with the words of each side, for the tile's detail and its links' accessible names. */
export function partLabel(part: AiFigurePart): string {
  return `${formatCount(part.count)} ${part.what}`;
}
