import { Cpu, LoaderCircle } from "lucide-react";
import { formatCount, formatDurationMs, formatTokens } from "@/components/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatCost } from "@/lib/agent/pricing";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/time";
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

/** One AI run as a trace: a header with model, status, outcome, duration, tokens and cost, then every step in order. */
export function RunTimeline({ run, index }: { run: RunRecord; index: number }) {
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
          <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-gray-600">
            <div>
              <dt className="sr-only">Model</dt>
              <dd className="flex items-center gap-1.5">
                <Cpu aria-hidden="true" className="size-3.5 text-gray-400" />
                <span data-testid="run-model">{run.modelLabel}</span>
              </dd>
            </div>
            <div className="flex gap-1">
              <dt className="text-gray-500">Duration</dt>
              <dd className="font-medium text-gray-800 tabular-nums" data-testid="run-duration">
                {totals.durationMs === null ? "running…" : formatDurationMs(totals.durationMs)}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt className="text-gray-500">Tokens</dt>
              <dd
                className="font-medium text-gray-800 tabular-nums"
                data-testid="run-tokens"
                title={`${formatCount(totals.inputTokens)} input · ${formatCount(totals.outputTokens)} output`}
              >
                {formatTokens(totals.inputTokens + totals.outputTokens)}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt className="text-gray-500">Cost</dt>
              <dd className="font-medium text-gray-800 tabular-nums" data-testid="run-cost" title="By the price table in Settings → AI when the run finished">
                {formatCost(runCost(run))}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt className="text-gray-500">Steps</dt>
              <dd className="font-medium text-gray-800 tabular-nums">{run.steps.length}</dd>
            </div>
            {run.deliveryStatus ? (
              <div className="flex gap-1">
                <dt className="sr-only">Delivery</dt>
                <dd className={run.deliveryStatus === "failed" ? "font-medium text-red-700" : undefined} data-testid="run-delivery">
                  {DELIVERY_LABELS[run.deliveryStatus] ?? run.deliveryStatus}
                </dd>
              </div>
            ) : null}
          </dl>
          {run.error ? (
            <p data-testid="run-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm break-words text-red-800">
              <span className="font-semibold">Error: </span>
              {run.error}
            </p>
          ) : null}
        </header>

        {rows.length === 0 ? (
          <p className="px-4 py-4 text-sm text-gray-500">
            {run.status === "running" ? "The AI is working; steps appear here as they finish." : "This run recorded no steps."}
          </p>
        ) : (
          <ol aria-label={`Steps of run ${index + 1}`} className="space-y-0.5 px-2 py-2">
            {rows.map((row) => (
              <StepRow key={row.step.id} row={row} />
            ))}
          </ol>
        )}
      </section>
    </Card>
  );
}

/** Every run of the session, oldest first. */
export function RunList({ runs }: { runs: RunRecord[] }) {
  return (
    <section aria-labelledby="runs-heading" data-testid="runs">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="runs-heading" className="text-base font-semibold text-gray-900">
          {runs.length === 1 ? "AI run" : "AI runs"}
        </h2>
        {runs.length > 0 ? (
          <p className="text-xs text-gray-600" data-testid="session-cost">
            Session total: <span className="font-medium text-gray-800 tabular-nums">{formatCost(sessionCost(runs))}</span>
            {" · "}
            <span className="tabular-nums">{formatTokens(runs.reduce((sum, run) => sum + run.inputTokens + run.outputTokens, 0))}</span>
          </p>
        ) : null}
      </div>
      {runs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-4 py-6 text-center text-sm text-gray-500">
          The AI has not run for this conversation.
        </p>
      ) : (
        <div className="space-y-4">
          {runs.map((run, index) => (
            <RunTimeline key={run.id} run={run} index={index} />
          ))}
        </div>
      )}
    </section>
  );
}
