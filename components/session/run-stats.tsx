import { Cpu } from "lucide-react";
import type { ReactNode } from "react";
import { formatCount, formatDurationMs, formatTokens } from "@/components/format";
import { formatCost } from "@/lib/agent/pricing";

/**
 * A run's figures under its heading: model, duration, tokens, cost and steps. Shared by stored runs and dry runs;
 * `testIdPrefix` names each figure (`run-model`, `dry-run-cost`…), and `children` adds more (the delivery).
 */
export function RunStats({
  testIdPrefix,
  modelLabel,
  durationMs,
  inputTokens,
  outputTokens,
  costUsd,
  steps,
  children,
}: {
  testIdPrefix: string;
  modelLabel: string;
  /** null while the run is still going. */
  durationMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  steps: number;
  children?: ReactNode;
}) {
  return (
    <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-gray-600">
      <div>
        <dt className="sr-only">Model</dt>
        <dd className="flex items-center gap-1.5">
          <Cpu aria-hidden="true" className="size-3.5 text-gray-400" />
          <span data-testid={`${testIdPrefix}-model`}>{modelLabel}</span>
        </dd>
      </div>
      <div className="flex gap-1">
        <dt className="text-gray-500">Duration</dt>
        <dd className="font-medium text-gray-800 tabular-nums" data-testid={`${testIdPrefix}-duration`}>
          {durationMs === null ? "running…" : formatDurationMs(durationMs)}
        </dd>
      </div>
      <div className="flex gap-1">
        <dt className="text-gray-500">Tokens</dt>
        <dd
          className="font-medium text-gray-800 tabular-nums"
          data-testid={`${testIdPrefix}-tokens`}
          title={`${formatCount(inputTokens)} input · ${formatCount(outputTokens)} output`}
        >
          {formatTokens(inputTokens + outputTokens)}
        </dd>
      </div>
      <div className="flex gap-1">
        <dt className="text-gray-500">Cost</dt>
        <dd
          className="font-medium text-gray-800 tabular-nums"
          data-testid={`${testIdPrefix}-cost`}
          title="By the price table in Settings → AI"
        >
          {formatCost(costUsd)}
        </dd>
      </div>
      <div className="flex gap-1">
        <dt className="text-gray-500">Steps</dt>
        <dd className="font-medium text-gray-800 tabular-nums">{steps}</dd>
      </div>
      {children}
    </dl>
  );
}

/** Why a run failed, under its figures. */
export function RunError({ error, testId }: { error: string; testId: string }) {
  return (
    <p
      data-testid={testId}
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm break-words text-red-800"
    >
      <span className="font-semibold">Error: </span>
      {error}
    </p>
  );
}
