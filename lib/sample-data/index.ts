/** The demo's sample history: written in the background once per process, cleared from Settings. */
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../audit";
import type { Db } from "../db/client";
import { readSettingsDocument, writeSettingsDocument } from "../db/queries/app-settings";
import { clearSampleData, countSampleSessions, type ClearedSampleData } from "../db/queries/sample-data";
import {
  generateSampleHistory,
  SAMPLE_DEFAULTS,
  type SampleHistoryOptions,
  type SampleHistorySummary,
} from "./generate";

export {
  generateSampleHistory,
  SAMPLE_DEFAULTS,
  type SampleHistoryOptions,
  type SampleHistorySummary,
} from "./generate";
export type { ClearedSampleData };

interface Running {
  done: Promise<SampleHistorySummary | null>;
  controller: AbortController;
}

// On globalThis: Next.js may load this module more than once, and two generators must never run at once.
const globalForSample = globalThis as typeof globalThis & { __frontlineSampleHistory?: Running };

/** app_settings document remembering that the history was cleared, so a restart does not bring it back. */
const SETTINGS_KEY = "sample_data";

const pct = (part: number | undefined, whole: number) => `${Math.round(((part ?? 0) / Math.max(1, whole)) * 100)}%`;

/**
 * Starts writing the sample history in the background when the database has no sample sessions yet, and
 * returns at once (the promise settles when it is done). Progress is logged briefly. Never rejects: a failure
 * is logged and the app carries on without the history.
 */
export function startSampleHistory(
  db: Db,
  options: Omit<SampleHistoryOptions, "signal" | "onProgress"> & { log?: (line: string) => void } = {},
): Promise<SampleHistorySummary | null> {
  const current = globalForSample.__frontlineSampleHistory;
  if (current) return current.done;
  const log = options.log ?? ((line: string) => console.log(`[frontline] ${line}`));
  const controller = new AbortController();
  const done = (async () => {
    try {
      if ((await countSampleSessions(db)) > 0) return null;
      if ((await readSettingsDocument(db, SETTINGS_KEY)).clearedAt) return null;
      const days = options.days ?? SAMPLE_DEFAULTS.days;
      log(
        `writing ${days} days of sample history (about ${options.sessions ?? SAMPLE_DEFAULTS.sessions} sessions) in the background`,
      );
      let nextReport = 0.25;
      const summary = await generateSampleHistory(db, {
        ...options,
        signal: controller.signal,
        yieldBetweenChunks: true,
        onProgress: ({ done: written, total, elapsedMs }) => {
          if (written / total < nextReport || written === total) return;
          nextReport += 0.25;
          log(`sample history: ${written}/${total} sessions (${(elapsedMs / 1000).toFixed(0)} s)`);
        },
      });
      const { outcomes, sessions } = summary;
      log(
        `sample history ${controller.signal.aborted ? "stopped after" : "done:"} ${sessions} sessions in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
          `(${pct(outcomes.answered, sessions)} answered by the AI, ${pct(outcomes.handed_off, sessions)} handed off, ${pct(outcomes.skipped, sessions)} skipped, ${pct(outcomes.failed, sessions)} failed)`,
      );
      return summary;
    } catch (error) {
      log(`sample history failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    } finally {
      globalForSample.__frontlineSampleHistory = undefined;
    }
  })();
  globalForSample.__frontlineSampleHistory = { done, controller };
  return done;
}

/** GET /api/settings/sample-data. */
export interface SampleDataStatus {
  sampleSessions: number;
  /** The history is still being written in the background. */
  generating: boolean;
}

export async function sampleDataStatus(db: Db): Promise<SampleDataStatus> {
  return { sampleSessions: await countSampleSessions(db), generating: isSampleHistoryRunning() };
}

/** Whether the history is being written right now (in this process). */
export function isSampleHistoryRunning(): boolean {
  return globalForSample.__frontlineSampleHistory !== undefined;
}

/** Stops a running generation after its current chunk and waits for it, so clearing leaves nothing behind. */
export async function stopSampleHistory(): Promise<void> {
  const current = globalForSample.__frontlineSampleHistory;
  if (!current) return;
  current.controller.abort();
  await current.done;
}

/** Settings → Sample data → Clear: stops a running generation, deletes the history, and keeps it from coming back. */
export async function clearSampleHistory(db: Db, actor: AuditActor = SYSTEM_ACTOR): Promise<ClearedSampleData> {
  await stopSampleHistory();
  const cleared = await clearSampleData(db);
  await db.transaction(async (tx) => {
    await writeSettingsDocument(tx as unknown as Db, SETTINGS_KEY, { clearedAt: new Date().toISOString() });
    // What was deleted, counted: the sample rows themselves are not copied into the log.
    await recordAudit(tx as unknown as Db, { actor, action: "sample_data.clear", after: { ...cleared } });
  });
  return cleared;
}
