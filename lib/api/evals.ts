import { z } from "zod";
import type { EvalCaseRow, EvalRun, EvalRunCase, EvalSet } from "../db/schema";
import { evalCaseSchema } from "../evals/case";
import { ApiError } from "./errors";

/** Request bodies and answers of /api/evals (docs/evals.md). */

export const evalSetInputSchema = z
  .object({
    name: z.string().trim().min(1, "give the set a name").max(120, "keep the name under 120 characters"),
    description: z.string().trim().max(2000).optional(),
  })
  .strict();

/** Cases to add or change: a JSONL text (an import), a list, or Inbox sessions to make cases from. */
export const evalCasesInputSchema = z
  .object({
    jsonl: z.string().max(5_000_000, "keep an import under 5 MB").optional(),
    cases: z.array(evalCaseSchema).max(5000).optional(),
    sessionIds: z.array(z.uuid("is not a session id")).min(1).max(200, "add at most 200 sessions at a time").optional(),
    /** With jsonl: the import is the whole set, and cases it does not hold are removed. */
    replace: z.boolean().optional(),
  })
  .strict()
  .refine((input) => [input.jsonl, input.cases, input.sessionIds].filter((part) => part !== undefined).length === 1, {
    message: "send one of jsonl, cases or sessionIds",
  });

export const evalRunInputSchema = z
  .object({
    setId: z.uuid("is not a test set id"),
    label: z.string().trim().max(200).optional(),
    /** Empty: the model in force. */
    model: z.string().trim().max(200).optional(),
    baseUrl: z.union([z.literal(""), z.url("must be a URL such as http://127.0.0.1:11434/v1")]).optional(),
    instructions: z.string().max(20_000, "keep the instructions under 20,000 characters").optional(),
    handoffTopics: z.array(z.string().trim().min(1, "a topic is empty").max(200)).max(100).optional(),
    /** Also grade each case with a judge model (the run's own hosted model). */
    judge: z.boolean().optional(),
  })
  .strict();

export function uuidFrom(id: string, what: string): string {
  if (!z.uuid().safeParse(id).success) throw new ApiError(404, "not_found", `No such ${what}.`);
  return id;
}

export function setJson(set: EvalSet) {
  return {
    id: set.id,
    name: set.name,
    description: set.description,
    createdAt: set.createdAt,
    updatedAt: set.updatedAt,
  };
}

export function caseJson(row: EvalCaseRow) {
  return {
    key: row.caseKey,
    position: row.position,
    case: row.body,
    sourceSessionId: row.sourceSessionId,
    updatedAt: row.updatedAt,
  };
}

export function runJson(run: EvalRun) {
  return {
    id: run.id,
    setId: run.setId,
    label: run.label,
    status: run.status,
    config: run.config,
    total: run.total,
    done: run.done,
    totals: run.totals,
    costUsd: run.costUsd,
    cancelRequested: run.cancelRequested,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

export function runCaseJson(row: EvalRunCase) {
  return {
    key: row.caseKey,
    position: row.position,
    case: row.caseBody,
    passed: row.passed,
    failure: row.failure,
    result: row.result,
    error: row.error,
    durationMs: row.durationMs,
    costUsd: row.costUsd,
  };
}

export type EvalSetJson = ReturnType<typeof setJson>;
export type EvalCaseJson = ReturnType<typeof caseJson>;
export type EvalRunJson = ReturnType<typeof runJson>;
export type EvalRunCaseJson = ReturnType<typeof runCaseJson>;
