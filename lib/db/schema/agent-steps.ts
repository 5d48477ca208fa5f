import { doublePrecision, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { agentRuns } from "./agent-runs";
import type { StepKind } from "../../domain";

/** Every step of a run, in order: the model's reasoning, its text, and each tool call with input and output. */
export const agentSteps = pgTable(
  "agent_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => agentRuns.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** reasoning | text | tool_call */
    kind: text("kind").$type<StepKind>().notNull(),
    toolName: text("tool_name"),
    toolCallId: text("tool_call_id"),
    text: text("text"),
    input: jsonb("input"),
    output: jsonb("output"),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull().default(0),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    /** US dollars for this step's tokens; null when the model had no price. */
    costUsd: doublePrecision("cost_usd"),
  },
  (t) => [unique("agent_steps_run_position_key").on(t.runId, t.position)],
);

export type AgentStep = typeof agentSteps.$inferSelect;
