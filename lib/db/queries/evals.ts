import { and, asc, count, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { EvalCase } from "../../evals/case";
import type { EvalTotals } from "../../evals/score";
import type { Db } from "../client";
import {
  evalCases,
  evalCaseVersions,
  evalRunCases,
  evalRuns,
  evalSets,
  users,
  type EvalCaseRow,
  type EvalRun,
  type EvalRunCase,
  type EvalRunCaseResult,
  type EvalRunConfig,
  type EvalRunTotals,
  type EvalSet,
} from "../schema";

/** Test sets, their cases with every change kept, and runs with each case's result (docs/evals.md). */

export class EvalSetConflictError extends Error {
  override name = "EvalSetConflictError";
}

/** A run still "running" whose heartbeat is older than this was cut short (the process stopped mid-run). */
export const RUN_HEARTBEAT_STALE_MS = 5 * 60_000;

export interface EvalSetSummary extends EvalSet {
  cases: number;
  latestRun: Pick<EvalRun, "id" | "label" | "status" | "totals" | "startedAt" | "total" | "done"> | null;
}

export async function listEvalSets(db: Db): Promise<EvalSetSummary[]> {
  const sets = await db.select().from(evalSets).orderBy(asc(evalSets.name));
  if (sets.length === 0) return [];
  const ids = sets.map((set) => set.id);
  const caseCounts = await db
    .select({ setId: evalCases.setId, cases: count() })
    .from(evalCases)
    .where(inArray(evalCases.setId, ids))
    .groupBy(evalCases.setId);
  const latest = await db
    .selectDistinctOn([evalRuns.setId], {
      setId: evalRuns.setId,
      id: evalRuns.id,
      label: evalRuns.label,
      status: evalRuns.status,
      totals: evalRuns.totals,
      startedAt: evalRuns.startedAt,
      total: evalRuns.total,
      done: evalRuns.done,
    })
    .from(evalRuns)
    .where(inArray(evalRuns.setId, ids))
    .orderBy(evalRuns.setId, desc(evalRuns.startedAt));
  return sets.map((set) => {
    const run = latest.find((entry) => entry.setId === set.id);
    return {
      ...set,
      cases: caseCounts.find((entry) => entry.setId === set.id)?.cases ?? 0,
      latestRun: run ? { ...run } : null,
    };
  });
}

export async function createEvalSet(
  db: Db,
  input: { name: string; description?: string; userId: string | null },
): Promise<EvalSet> {
  const [created] = await db
    .insert(evalSets)
    .values({ name: input.name, description: input.description ?? "", createdBy: input.userId })
    .onConflictDoNothing()
    .returning();
  if (!created) throw new EvalSetConflictError(`A test set named “${input.name}” exists already; choose another name.`);
  return created;
}

export async function getEvalSet(db: Db, id: string): Promise<EvalSet | undefined> {
  const [set] = await db.select().from(evalSets).where(eq(evalSets.id, id));
  return set;
}

export async function deleteEvalSet(db: Db, id: string): Promise<boolean> {
  return (await db.delete(evalSets).where(eq(evalSets.id, id)).returning({ id: evalSets.id })).length > 0;
}

export async function listEvalCases(db: Db, setId: string): Promise<EvalCaseRow[]> {
  return db
    .select()
    .from(evalCases)
    .where(eq(evalCases.setId, setId))
    .orderBy(asc(evalCases.position), asc(evalCases.caseKey));
}

/**
 * Adds cases to a set, or changes those whose id it holds already (keeping their place); every change is kept in
 * the case's history. `replace` also removes the set's cases the list does not hold (an import that is the whole set).
 */
export async function saveEvalCases(
  db: Db,
  setId: string,
  cases: readonly EvalCase[],
  options: { userId: string | null; replace?: boolean; sourceSessionIds?: Record<string, string> },
): Promise<{ added: number; changed: number; removed: number; unchanged: number }> {
  return db.transaction(async (tx) => {
    const existing = await tx.select().from(evalCases).where(eq(evalCases.setId, setId));
    const byKey = new Map(existing.map((row) => [row.caseKey, row]));
    let nextPosition = existing.reduce((max, row) => Math.max(max, row.position + 1), 0);
    const tally = { added: 0, changed: 0, removed: 0, unchanged: 0 };
    const versions: (typeof evalCaseVersions.$inferInsert)[] = [];
    for (const entry of cases) {
      const current = byKey.get(entry.id);
      if (current && sameJson(current.body, entry)) {
        tally.unchanged += 1;
        continue;
      }
      if (current) {
        await tx.update(evalCases).set({ body: entry, updatedAt: new Date() }).where(eq(evalCases.id, current.id));
        tally.changed += 1;
      } else {
        await tx.insert(evalCases).values({
          setId,
          caseKey: entry.id,
          position: nextPosition++,
          body: entry,
          sourceSessionId: options.sourceSessionIds?.[entry.id] ?? null,
        });
        tally.added += 1;
      }
      versions.push({ setId, caseKey: entry.id, body: entry, changedBy: options.userId });
    }
    if (options.replace) {
      const keep = new Set(cases.map((entry) => entry.id));
      const gone = existing.filter((row) => !keep.has(row.caseKey));
      if (gone.length > 0)
        await tx.delete(evalCases).where(
          inArray(
            evalCases.id,
            gone.map((row) => row.id),
          ),
        );
      for (const row of gone) versions.push({ setId, caseKey: row.caseKey, body: null, changedBy: options.userId });
      tally.removed = gone.length;
    }
    if (versions.length > 0) {
      await tx.insert(evalCaseVersions).values(versions);
      await tx.update(evalSets).set({ updatedAt: new Date() }).where(eq(evalSets.id, setId));
    }
    return tally;
  });
}

/** Equal as JSON whatever the key order (jsonb stores keys in its own order). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, entry]) => entry !== undefined)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([key, entry]) => [key, canonical(entry)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export async function deleteEvalCase(db: Db, setId: string, caseKey: string, userId: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(evalCases)
      .where(and(eq(evalCases.setId, setId), eq(evalCases.caseKey, caseKey)))
      .returning({ id: evalCases.id });
    if (deleted.length === 0) return false;
    await tx.insert(evalCaseVersions).values({ setId, caseKey, body: null, changedBy: userId });
    await tx.update(evalSets).set({ updatedAt: new Date() }).where(eq(evalSets.id, setId));
    return true;
  });
}

/** A case's changes, newest first, each with the name of who made it (null: a removed user, or the command line). */
export async function evalCaseHistory(db: Db, setId: string, caseKey: string) {
  return db
    .select({ body: evalCaseVersions.body, changedAt: evalCaseVersions.changedAt, changedBy: users.name })
    .from(evalCaseVersions)
    .leftJoin(users, eq(users.id, evalCaseVersions.changedBy))
    .where(and(eq(evalCaseVersions.setId, setId), eq(evalCaseVersions.caseKey, caseKey)))
    .orderBy(desc(evalCaseVersions.changedAt), desc(evalCaseVersions.id));
}

export async function createEvalRun(
  db: Db,
  input: { setId: string; label: string; config: EvalRunConfig; total: number; userId: string | null },
): Promise<EvalRun> {
  const [run] = await db
    .insert(evalRuns)
    .values({
      setId: input.setId,
      label: input.label,
      config: input.config,
      total: input.total,
      createdBy: input.userId,
    })
    .returning();
  return run!;
}

export async function recordEvalRunCase(
  db: Db,
  runId: string,
  row: {
    caseKey: string;
    position: number;
    caseBody: EvalCase;
    passed: boolean;
    failure: string | null;
    result: EvalRunCaseResult;
    error: string | null;
    durationMs: number;
    costUsd: number | null;
  },
): Promise<{ cancelRequested: boolean }> {
  await db.insert(evalRunCases).values({ runId, ...row });
  const [run] = await db
    .update(evalRuns)
    .set({ done: sql`${evalRuns.done} + 1`, heartbeatAt: new Date() })
    .where(eq(evalRuns.id, runId))
    .returning({ cancelRequested: evalRuns.cancelRequested });
  return { cancelRequested: run?.cancelRequested ?? true };
}

export async function finishEvalRun(
  db: Db,
  runId: string,
  input: { cancelled: boolean; totals: EvalRunTotals; costUsd: number | null },
): Promise<void> {
  await db
    .update(evalRuns)
    .set({
      status: input.cancelled ? "cancelled" : "done",
      totals: input.totals,
      costUsd: input.costUsd,
      finishedAt: new Date(),
      heartbeatAt: new Date(),
    })
    .where(eq(evalRuns.id, runId));
}

/** Asks a running run to stop starting cases; false when it is not running. */
export async function requestEvalRunCancel(db: Db, runId: string): Promise<boolean> {
  const updated = await db
    .update(evalRuns)
    .set({ cancelRequested: true })
    .where(and(eq(evalRuns.id, runId), eq(evalRuns.status, "running")))
    .returning({ id: evalRuns.id });
  return updated.length > 0;
}

/** Runs left "running" by a process that stopped are marked interrupted, so no run stays running for ever. */
export async function markStaleEvalRuns(db: Db, now = new Date()): Promise<number> {
  const stale = await db
    .update(evalRuns)
    .set({ status: "interrupted", finishedAt: now })
    .where(
      and(eq(evalRuns.status, "running"), lt(evalRuns.heartbeatAt, new Date(now.getTime() - RUN_HEARTBEAT_STALE_MS))),
    )
    .returning({ id: evalRuns.id });
  return stale.length;
}

export async function listEvalRuns(db: Db, setId: string): Promise<EvalRun[]> {
  await markStaleEvalRuns(db);
  return db
    .select()
    .from(evalRuns)
    .where(eq(evalRuns.setId, setId))
    .orderBy(desc(evalRuns.startedAt), desc(evalRuns.id));
}

export async function getEvalRun(db: Db, runId: string): Promise<{ run: EvalRun; cases: EvalRunCase[] } | undefined> {
  await markStaleEvalRuns(db);
  const [run] = await db.select().from(evalRuns).where(eq(evalRuns.id, runId));
  if (!run) return undefined;
  const cases = await db
    .select()
    .from(evalRunCases)
    .where(eq(evalRunCases.runId, runId))
    .orderBy(asc(evalRunCases.position));
  return { run, cases };
}

export interface EvalScorePoint {
  runId: string;
  label: string;
  model: string;
  finishedAt: Date;
  totals: EvalTotals;
}

/**
 * The finished runs of every test set whose run ended within [from, to) (UTC), oldest first, at most `perSet` (the
 * latest) per set: the scores over time on the Reports page. Cancelled and interrupted runs are left out; their
 * figures cover only part of the set.
 */
export async function evalScoresOverTime(
  db: Db,
  range: { from: Date; to: Date },
  perSet = 20,
): Promise<{ setId: string; name: string; runs: EvalScorePoint[] }[]> {
  const rows = await db
    .select({
      setId: evalRuns.setId,
      name: evalSets.name,
      runId: evalRuns.id,
      label: evalRuns.label,
      config: evalRuns.config,
      finishedAt: evalRuns.finishedAt,
      totals: evalRuns.totals,
    })
    .from(evalRuns)
    .innerJoin(evalSets, eq(evalSets.id, evalRuns.setId))
    .where(and(eq(evalRuns.status, "done"), gte(evalRuns.finishedAt, range.from), lt(evalRuns.finishedAt, range.to)))
    .orderBy(asc(evalSets.name), asc(evalRuns.finishedAt));
  const sets = new Map<string, { setId: string; name: string; runs: EvalScorePoint[] }>();
  for (const row of rows) {
    if (!row.totals || !row.finishedAt) continue;
    const set = sets.get(row.setId) ?? { setId: row.setId, name: row.name, runs: [] };
    set.runs.push({
      runId: row.runId,
      label: row.label,
      model: row.config.model,
      finishedAt: row.finishedAt,
      totals: row.totals,
    });
    sets.set(row.setId, set);
  }
  return [...sets.values()].map((set) => ({ ...set, runs: set.runs.slice(-perSet) }));
}
