/**
 * A call's transcript as structured lines, the shape Front's Channel API takes them in (`TranscriptLine` in
 * channel-api.json: `{speaker_name, content, start_time_seconds, speaker_type: internal|external}`).
 *
 * Front's Core API documents no transcript field on a message (`MessageResponse.metadata` lists only call duration
 * and answered for truly-call messages, `headers` and `thread_ref` for custom ones), so these lines are read only when
 * an integration puts them in the metadata; otherwise the message's text is parsed as it always was.
 */

import { z } from "zod";

const transcriptLineSchema = z.object({
  speaker_name: z.string().nullish(),
  content: z.string().nullish(),
  start_time_seconds: z.number().nullish(),
  // external: the other party (the customer); internal: agent- or system-side speech.
  speaker_type: z.enum(["internal", "external"]),
});

export interface TranscriptLine {
  speaker: "customer" | "agent";
  /** The name the integration gave the speaker; it never decides the side. */
  name: string | null;
  content: string;
  startSeconds: number | null;
}

/** Where integrations put lines: under `metadata` or its free-form `headers`, as a list or as the Channel API body `{lines}`. */
const KEYS = ["transcript_lines", "transcript"] as const;

function candidateLists(metadata: Record<string, unknown>): unknown[] {
  const headers =
    metadata.headers && typeof metadata.headers === "object" ? (metadata.headers as Record<string, unknown>) : {};
  return [metadata, headers].flatMap((place) =>
    KEYS.map((key) => place[key]).map((value) =>
      value && typeof value === "object" && !Array.isArray(value) ? (value as { lines?: unknown }).lines : value,
    ),
  );
}

/** One line of text: a newline in a line's content would start an unlabeled line, which reads as the customer's. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The transcript lines in a message's metadata, in spoken order; null when there are none. Lines that do not fit
 * the shape, or say nothing, are left out. Lines without a start time keep their place after the line before them.
 */
export function transcriptLinesFrom(metadata: Record<string, unknown> | null | undefined): TranscriptLine[] | null {
  if (!metadata) return null;
  const list = candidateLists(metadata).find((value): value is unknown[] => Array.isArray(value) && value.length > 0);
  if (!list) return null;
  let previous = Number.NEGATIVE_INFINITY;
  const lines = list.flatMap((item, index) => {
    const parsed = transcriptLineSchema.safeParse(item);
    if (!parsed.success) return [];
    const { speaker_name, content, start_time_seconds, speaker_type } = parsed.data;
    const startSeconds =
      typeof start_time_seconds === "number" && Number.isFinite(start_time_seconds) ? start_time_seconds : null;
    previous = startSeconds ?? previous;
    const words = oneLine(content ?? "");
    if (!words) return [];
    const name = oneLine((speaker_name ?? "").replace(/[():]/g, " ")).slice(0, 60) || null;
    const line: TranscriptLine = {
      speaker: speaker_type === "external" ? "customer" : "agent",
      name,
      content: words,
      startSeconds,
    };
    return [{ line, at: previous, index }];
  });
  if (lines.length === 0) return null;
  lines.sort((a, b) => a.at - b.at || a.index - b.index);
  return lines.map(({ line }) => line);
}

/** "Customer (Sam Lee): …" / "Agent (Dana): …", under a "Call transcript" header, as the rest of Frontline reads calls. */
export function renderTranscript(lines: readonly TranscriptLine[]): string {
  const rendered = lines.map(
    (line) =>
      `${line.speaker === "customer" ? "Customer" : "Agent"}${line.name ? ` (${line.name})` : ""}: ${line.content}`,
  );
  return ["Call transcript", ...rendered].join("\n");
}
