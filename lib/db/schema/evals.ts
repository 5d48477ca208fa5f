import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { AgentOutcome } from "../../agent/outcome";
import type { EvalCase } from "../../evals/case";
import type { GradedResult, GradedTotals } from "../../evals/graded-checks";
import type { CaseChecks, EvalTotals } from "../../evals/score";
import { users } from "./auth";

/**
 * Test sets for the AI (issue 13, docs/evals.md): cases with what must happen, their history, and runs of a set
 * against a configuration with each case's result.
 */

export const evalSets = pgTable("eval_sets", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique("eval_sets_name_unique"),
  description: text("description").notNull().default(""),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A set's cases as they are now; `body` is the case in the JSONL format (its `id` is `caseKey`). */
export const evalCases = pgTable(
  "eval_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    setId: uuid("set_id")
      .notNull()
      .references(() => evalSets.id, { onDelete: "cascade" }),
    caseKey: text("case_key").notNull(),
    position: integer("position").notNull(),
    body: jsonb("body").$type<EvalCase>().notNull(),
    /** The Inbox session the case was made from, if any. */
    sourceSessionId: uuid("source_session_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("eval_cases_set_key_unique").on(t.setId, t.caseKey),
    index("eval_cases_set_position_idx").on(t.setId, t.position),
  ],
);

/** Every change to a case, append-only: its body after the change (null: deleted), who and when. */
export const evalCaseVersions = pgTable(
  "eval_case_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    setId: uuid("set_id")
      .notNull()
      .references(() => evalSets.id, { onDelete: "cascade" }),
    caseKey: text("case_key").notNull(),
    body: jsonb("body").$type<EvalCase | null>(),
    changedBy: text("changed_by").references(() => users.id, { onDelete: "set null" }),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("eval_case_versions_case_idx").on(t.setId, t.caseKey, t.changedAt)],
);

export const EVAL_RUN_STATUSES = ["running", "done", "cancelled", "interrupted"] as const;
export type EvalRunStatus = (typeof EVAL_RUN_STATUSES)[number];

/** What a run was configured with: the model and guidance, never a key. */
export interface EvalRunConfig {
  model: string;
  /** A judge model graded each case too (graded checks, shown apart from the deterministic scores). */
  judge?: boolean;
  baseUrl?: string;
  instructions: string;
  handoffTopics: string[];
  /** "settings in force", or "candidate" when anything was overridden. */
  kind: "current" | "candidate";
}

export const evalRuns = pgTable(
  "eval_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    setId: uuid("set_id")
      .notNull()
      .references(() => evalSets.id, { onDelete: "cascade" }),
    /** A name a lead gives it, e.g. "gpt-4o-mini with the new refund topic". */
    label: text("label").notNull(),
    status: text("status").$type<EvalRunStatus>().notNull().default("running"),
    config: jsonb("config").$type<EvalRunConfig>().notNull(),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    totals: jsonb("totals").$type<EvalRunTotals>(),
    costUsd: doublePrecision("cost_usd"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    /** Bumped as cases end: a running run whose heartbeat stopped was cut short by a restart. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("eval_runs_set_started_idx").on(t.setId, t.startedAt)],
);

/** One case's result in a run, with the case as it was when the run started. */
export const evalRunCases = pgTable(
  "eval_run_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => evalRuns.id, { onDelete: "cascade" }),
    caseKey: text("case_key").notNull(),
    position: integer("position").notNull(),
    caseBody: jsonb("case_body").$type<EvalCase>().notNull(),
    passed: boolean("passed").notNull(),
    failure: text("failure"),
    /** The AI's outcome (reply or handoff), its cited article, the checks and the timeline's steps. */
    result: jsonb("result").$type<EvalRunCaseResult>().notNull(),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    costUsd: doublePrecision("cost_usd"),
  },
  (t) => [
    unique("eval_run_cases_run_key_unique").on(t.runId, t.caseKey),
    index("eval_run_cases_run_position_idx").on(t.runId, t.position),
  ],
);

/** A run's deterministic figures, and the judge's graded ones when it was asked for them. */
export type EvalRunTotals = EvalTotals & { graded?: GradedTotals };

export interface EvalRunCaseResult {
  outcome: AgentOutcome;
  citedArticle: string | null;
  checks: CaseChecks;
  steps: {
    kind: string;
    toolName?: string | null;
    text?: string | null;
    input?: unknown;
    output?: unknown;
    error?: string | null;
    durationMs: number;
  }[];
  inputTokens: number;
  outputTokens: number;
  graded?: GradedResult | null;
}

export type EvalSet = typeof evalSets.$inferSelect;
export type EvalCaseRow = typeof evalCases.$inferSelect;
export type EvalRun = typeof evalRuns.$inferSelect;
export type EvalRunCase = typeof evalRunCases.$inferSelect;
