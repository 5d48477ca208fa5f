"use client";

import { ChevronsDownUp, ChevronsUpDown, LoaderCircle } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatTokens } from "@/components/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatCost } from "@/lib/agent/pricing";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/time";
import { RunError, RunStats } from "./run-stats";
import { StepRow } from "./step-row";
import { buildTimeline, runCost, runTotals, sessionCost } from "./timeline";
import type { RunRecord } from "./types";

const RUN_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  running: { label: "Running", tone: "blue" },
  completed: { label: "Completed", tone: "green" },
  failed: { label: "Failed", tone: "red" },
};

// "Answered", not "Replied": an answer may have gone to Front as a draft or comment for a teammate (Settings → AI).
const OUTCOME_LABELS: Record<string, string> = { reply: "Answered", handoff: "Handed off" };

const DELIVERY_LABELS: Record<string, string> = {
  pending: "Delivery to Front pending",
  delivered: "Delivered to Front",
  failed: "Delivery to Front failed",
};

/** Expand all / collapse all: `open` overrides each step's default; a new `generation` re-applies it. */
export interface StepExpansion {
  open: boolean | null;
  generation: number;
}

/**
 * One AI run as a trace: a header with model, status, outcome, duration, tokens and cost, then every step in order.
 * Tool calls start closed at a one-line summary unless `expansion` says otherwise (the dry-run console opens all).
 */
export function RunTimeline({ run, index, expansion }: { run: RunRecord; index: number; expansion?: StepExpansion }) {
  const rows = buildTimeline(run, run.steps);
  const totals = runTotals(run, run.steps);
  const status = RUN_STATUS[run.status] ?? { label: run.status, tone: "gray" as const };
  const headingId = `run-${run.id}-heading`;

  return (
    <Card data-testid="run" data-status={run.status} data-outcome={run.outcome ?? undefined}>
      <section aria-labelledby={headingId}>
        <header className="space-y-2 border-b border-gray-200 px-4 py-3">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <h3 id={headingId} className="text-sm font-semibold text-gray-900">
              Run {index + 1}
            </h3>
            <Badge tone={status.tone} data-testid="run-status">
              {run.status === "running" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
              {status.label}
            </Badge>
            {run.outcome ? (
              <Badge tone={run.outcome === "handoff" ? "amber" : "brand"} data-testid="run-outcome">
                {OUTCOME_LABELS[run.outcome] ?? run.outcome}
              </Badge>
            ) : null}
            <span className="ml-auto text-xs text-gray-500">
              <LocalTime iso={run.startedAt} seconds />
            </span>
          </div>
          <RunStats
            testIdPrefix="run"
            modelLabel={run.modelLabel}
            durationMs={totals.durationMs}
            inputTokens={totals.inputTokens}
            outputTokens={totals.outputTokens}
            costUsd={runCost(run)}
            steps={run.steps.length}
          >
            {run.deliveryStatus ? (
              <div className="flex gap-1">
                <dt className="sr-only">Delivery</dt>
                <dd
                  className={run.deliveryStatus === "failed" ? "font-medium text-red-700" : undefined}
                  data-testid="run-delivery"
                >
                  {DELIVERY_LABELS[run.deliveryStatus] ?? run.deliveryStatus}
                </dd>
              </div>
            ) : null}
          </RunStats>
          {run.error ? <RunError error={run.error} testId="run-error" /> : null}
        </header>

        {rows.length === 0 ? (
          <p className="px-4 py-4 text-sm text-gray-500">
            {run.status === "running"
              ? "The AI is working; steps appear here as they finish."
              : "This run recorded no steps."}
          </p>
        ) : (
          <ol aria-label={`Steps of run ${index + 1}`} className="space-y-0.5 px-2 py-2">
            {rows.map((row) => (
              <StepRow
                // Expand all / collapse all re-mount the rows with the chosen state; each then toggles on its own.
                key={`${row.step.id}-${expansion?.generation ?? 0}`}
                row={row}
                defaultOpen={expansion ? (expansion.open ?? row.step.kind !== "tool_call") : true}
              />
            ))}
          </ol>
        )}
      </section>
    </Card>
  );
}

/** Every run of the session, oldest first, with expand-all / collapse-all for their steps. */
export function RunList({ runs }: { runs: RunRecord[] }) {
  const [expansion, setExpansion] = useState<StepExpansion>({ open: null, generation: 0 });
  const expandAll = (open: boolean) => setExpansion((current) => ({ open, generation: current.generation + 1 }));
  const hasSteps = runs.some((run) => run.steps.length > 0);
  return (
    <section aria-labelledby="runs-heading" data-testid="runs">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="runs-heading" className="text-base font-semibold text-gray-900">
          {runs.length === 1 ? "AI run" : "AI runs"}
        </h2>
        {runs.length > 0 ? (
          <p className="text-xs text-gray-600" data-testid="session-cost">
            Session total:{" "}
            <span className="font-medium text-gray-800 tabular-nums">{formatCost(sessionCost(runs))}</span>
            {" · "}
            <span className="tabular-nums">
              {formatTokens(runs.reduce((sum, run) => sum + run.inputTokens + run.outputTokens, 0))}
            </span>
          </p>
        ) : null}
        {hasSteps ? (
          <div className="flex w-full justify-end gap-1">
            <Button size="sm" variant="ghost" onClick={() => expandAll(true)} data-testid="steps-expand-all">
              <ChevronsUpDown aria-hidden="true" />
              Expand all
              <span className="sr-only"> steps</span>
            </Button>
            <Button size="sm" variant="ghost" onClick={() => expandAll(false)} data-testid="steps-collapse-all">
              <ChevronsDownUp aria-hidden="true" />
              Collapse all
              <span className="sr-only"> steps</span>
            </Button>
          </div>
        ) : null}
      </div>
      {runs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-4 py-6 text-center text-sm text-gray-500">
          The AI has not run for this conversation.
        </p>
      ) : (
        <div className="space-y-4">
          {runs.map((run, index) => (
            <RunTimeline key={run.id} run={run} index={index} expansion={expansion} />
          ))}
        </div>
      )}
    </section>
  );
}
