import { sessionFilterParams } from "@/lib/inbox/session-filters";
import { toCsv } from "../csv";
import type { GapGroupRow, KnowledgeGapsResponse } from "./types";

/** The Inbox parameter that narrows the list to one knowledge-gap group of its from/to/channel. */
export const GAP_PARAM = "gap";
export const NEW_ARTICLE_PATH = "/settings/knowledge/new";

export function sessionHref(sessionId: string): string {
  return `/inbox/${sessionId}`;
}

/** What a group is called in words: "warranty", "invoice · pdf"; the questions without words have no name. */
export function groupName(group: Pick<GapGroupRow, "words">): string {
  return group.words.length ? group.words.join(" · ") : "(no distinctive words)";
}

/** The Inbox listing exactly a group's sessions: the report's range, channel, the AI's handoff and its reason, and the group. */
export function gapInboxHref(
  report: Pick<KnowledgeGapsResponse, "range" | "channel">,
  group: Pick<GapGroupRow, "key">,
): string {
  const params = sessionFilterParams({
    channel: report.channel ? [report.channel] : [],
    reason: ["insufficient_knowledge"],
    outcome: ["handed_off"],
    from: report.range.from,
    to: report.range.to,
  });
  params.set(GAP_PARAM, group.key);
  return `/inbox?${params}`;
}

/** The new-article editor with a draft: the group's words as title, its example questions in the body. */
export function articleDraftHref(group: Pick<GapGroupRow, "words" | "examples" | "sessions">): string {
  const title = group.words.length ? group.words.join(" ").replace(/^./, (first) => first.toUpperCase()) : "";
  const asked = group.examples.map((example) => `- ${example.text}`).join("\n");
  const body = [
    `## What customers asked`,
    "",
    `${group.sessions === 1 ? "1 conversation" : `${group.sessions} conversations`} went to a person because no article answered them, such as:`,
    "",
    asked,
    "",
    "## Answer",
    "",
    "Write the answer for the customer here.",
    "",
  ].join("\n");
  return `${NEW_ARTICLE_PATH}?${new URLSearchParams({ title, body })}`;
}

export const GAP_CSV_HEADER = ["Words", "Sessions", "Example 1", "Example 2", "Example 3"] as const;

/** The table as CSV: one row per group, its examples one per column ("#1042 Does the warranty…"). */
export function knowledgeGapsCsv(report: Pick<KnowledgeGapsResponse, "groups">): string {
  return toCsv(
    GAP_CSV_HEADER,
    report.groups.map((group) => [
      groupName(group),
      group.sessions,
      ...[0, 1, 2].map((index) => exampleLabel(group.examples[index])),
    ]),
  );
}

export function exampleLabel(example: GapGroupRow["examples"][number] | undefined): string {
  return example ? `#${example.ticketNumber} ${example.text}` : "";
}
