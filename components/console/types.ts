import type { DryRunDefaults, DryRunResult } from "@/lib/agent/dry-run";
import type { Channel } from "@/lib/front/channels";
import type { Serialized } from "@/components/inbox/types";

/** POST /api/agent/dry-run: the full run, dates as ISO strings. */
export type DryRunResponse = Serialized<DryRunResult>;
export type DryRunStepRecord = DryRunResponse["steps"][number];
export type DryRunOutcome = DryRunResponse["outcome"];

/** GET /api/agent/dry-run. */
export type { DryRunDefaults };

/** What the console and "Re-run with…" let an admin change. */
export interface RunOptions {
  model: string;
  baseUrl: string;
  instructions: string;
  /** One topic per line, as typed. */
  handoffTopics: string;
}

export type DryRunSourceInput =
  | { kind: "transcript"; transcript: string; channel: Channel }
  | { kind: "session"; sessionId: string; upToMessageId?: string };

/** The body POST /api/agent/dry-run takes. */
export interface DryRunRequestBody {
  source: DryRunSourceInput;
  overrides: { model?: string; baseUrl?: string; instructions?: string; handoffTopics?: string[] };
}
