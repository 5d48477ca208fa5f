"use client";

import { Brain, CircleAlert, CircleCheck, MessageSquareText, Wrench, type LucideIcon } from "lucide-react";
import { useState } from "react";
import { formatCount, formatDurationMs, formatTokens } from "@/components/format";
import { httpCallOutcome, HttpCallBadge } from "@/components/actions/action-call-status";
import { cn } from "@/components/ui/cn";
import { formatCost } from "@/lib/agent/pricing";
import { Collapsible } from "@/components/ui/collapsible";
import { JsonModeToggle, JsonView, type JsonMode } from "./json-view";
import { KnowledgeResults, parseKnowledgeResults } from "./knowledge-results";
import type { TimelineRow } from "./timeline";
import type { StepRecord } from "./types";

const KIND_ICONS: Record<string, { icon: LucideIcon; className: string; name: string }> = {
  reasoning: { icon: Brain, className: "bg-violet-50 text-violet-700 ring-violet-600/20", name: "Reasoning step" },
  text: { icon: MessageSquareText, className: "bg-brand-50 text-brand-700 ring-brand-600/20", name: "Model text" },
  tool_call: { icon: Wrench, className: "bg-amber-50 text-amber-800 ring-amber-600/20", name: "Tool call" },
};

const BAR_COLOURS: Record<string, string> = {
  reasoning: "bg-violet-400",
  text: "bg-brand-500",
  tool_call: "bg-amber-500",
};

const SUMMARY_CHARS = 80;

function shortValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value && typeof value === "object") return "{…}";
  return String(value);
}

/** A tool call in one line: its arguments (`query: "reset password"`), then what came back. */
export function toolCallSummary(step: Pick<StepRecord, "toolName" | "input" | "output" | "error">): string {
  const input =
    step.input && typeof step.input === "object" && !Array.isArray(step.input)
      ? Object.entries(step.input as Record<string, unknown>)
      : [];
  const args = input.map(([name, value]) => `${name}: ${shortValue(value)}`).join(", ");
  let result: string;
  const passages = step.toolName === "search_knowledge_base" ? parseKnowledgeResults(step.output) : null;
  if (step.error) result = "error";
  else if (passages) result = passages.length === 1 ? "1 passage" : `${passages.length} passages`;
  else if (step.output === null || step.output === undefined) result = "no result";
  else result = "result";
  const line = `${args || "no arguments"} → ${result}`;
  return line.length > SUMMARY_CHARS ? `${line.slice(0, SUMMARY_CHARS - 1)}…` : line;
}

/** The always-visible part of a step: kind icon, name, where it sits in the run, duration, tokens and cost. */
function StepSummary({ row, failed }: { row: TimelineRow<StepRecord>; failed: boolean }) {
  const { step } = row;
  const kind = KIND_ICONS[step.kind] ?? KIND_ICONS.text;
  const Icon = kind.icon;
  const httpOutcome = httpCallOutcome(step);
  return (
    <span className="flex min-w-0 flex-1 items-center gap-2.5">
      <span
        className={cn("flex size-6 shrink-0 items-center justify-center rounded-md ring-1 ring-inset", kind.className)}
      >
        <Icon aria-hidden="true" className="size-3.5" />
        <span className="sr-only">{kind.name}:</span>
      </span>
      <span
        className={cn(
          "min-w-0 truncate text-sm font-medium text-gray-900",
          step.kind === "tool_call" && "font-mono text-[0.8125rem] sm:shrink-0",
        )}
        data-testid="step-name"
      >
        {row.label}
      </span>
      {/* The tool's name stays whole; its one-line summary gives way first. */}
      {step.kind === "tool_call" ? (
        <span className="hidden min-w-0 truncate font-mono text-xs text-gray-500 sm:inline" data-testid="step-summary">
          {toolCallSummary(step)}
        </span>
      ) : null}
      {httpOutcome ? (
        <HttpCallBadge outcome={httpOutcome} />
      ) : step.kind === "tool_call" ? (
        failed ? (
          <span className="inline-flex shrink-0 items-center gap-1 text-xs font-medium text-red-700">
            <CircleAlert aria-hidden="true" className="size-3.5" />
            Error
          </span>
        ) : (
          <span className="inline-flex shrink-0 items-center gap-1 text-xs text-green-700">
            <CircleCheck aria-hidden="true" className="size-3.5" />
            <span className="sr-only @md:not-sr-only">Success</span>
          </span>
        )
      ) : null}
      <span className="ml-auto flex shrink-0 items-center gap-3 text-xs text-gray-500 tabular-nums">
        <span
          aria-hidden="true"
          className="relative hidden h-1.5 w-24 overflow-hidden rounded-full bg-gray-100 @lg:block"
        >
          <span
            className={cn(
              "absolute inset-y-0 rounded-full",
              failed ? "bg-red-500" : (BAR_COLOURS[step.kind] ?? "bg-gray-400"),
            )}
            style={{ left: `${row.offsetPct}%`, width: `${row.widthPct}%` }}
          />
        </span>
        <span className="w-14 text-right" data-testid="step-duration" title={`${formatCount(step.durationMs)} ms`}>
          {formatDurationMs(step.durationMs)}
        </span>
        <span
          className="hidden w-20 text-right @sm:inline"
          data-testid="step-tokens"
          title={`${formatCount(step.inputTokens)} input · ${formatCount(step.outputTokens)} output tokens`}
        >
          {row.tokens > 0 ? formatTokens(row.tokens) : "—"}
          {row.tokens > 0 ? null : <span className="sr-only">no tokens</span>}
        </span>
        <span
          className="hidden w-16 text-right md:inline"
          data-testid="step-cost"
          title="Cost of this step's tokens, by the price table in Settings → AI"
        >
          {row.tokens > 0 ? formatCost(step.costUsd ?? null) : <span aria-hidden="true">—</span>}
        </span>
      </span>
    </span>
  );
}

function ToolCallDetails({ step }: { step: StepRecord }) {
  const [mode, setMode] = useState<JsonMode>("json");
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-mono text-xs text-gray-500">{step.toolCallId ?? ""}</span>
        <JsonModeToggle mode={mode} onChange={setMode} />
      </div>
      <div>
        <h4 className="mb-1 text-xs font-semibold tracking-wide text-gray-500 uppercase">Arguments</h4>
        <JsonView value={step.input} mode={mode} testId="tool-arguments" />
      </div>
      {step.error ? (
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-red-700 uppercase">Error</h4>
          <pre
            data-testid="tool-error"
            className="overflow-auto rounded-md border border-red-200 bg-red-50 p-3 font-mono text-xs break-words whitespace-pre-wrap text-red-800"
          >
            {step.error}
          </pre>
        </div>
      ) : null}
      {!step.error || step.output !== null ? (
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-gray-500 uppercase">Result</h4>
          <JsonView value={step.output} mode={mode} testId="tool-result" />
        </div>
      ) : null}
    </div>
  );
}

/**
 * One step of a run, collapsible like a trace viewer row: reasoning and text show their words, tool calls their JSON.
 * The time bar and token count show by the row's own width (a container), so a run beside another keeps its tool names.
 * `defaultOpen`: whether the row starts open (the session page starts tool calls closed, at their one-line summary).
 */
export function StepRow({ row, defaultOpen = true }: { row: TimelineRow<StepRecord>; defaultOpen?: boolean }) {
  const { step } = row;
  const failed = Boolean(step.error);
  return (
    <li
      className="@container"
      data-testid="step"
      data-kind={step.kind}
      data-tool={step.toolName ?? undefined}
      data-failed={failed ? "true" : undefined}
    >
      <Collapsible
        defaultOpen={defaultOpen}
        trigger={<StepSummary row={row} failed={failed} />}
        triggerClassName="rounded-md px-2 py-2 hover:bg-gray-50"
        contentClassName="pb-3 pl-9 pr-2 sm:pl-[3.25rem]"
      >
        {step.toolName === "search_knowledge_base" ? <KnowledgeResults output={step.output} /> : null}
        {step.kind === "tool_call" ? (
          <ToolCallDetails step={step} />
        ) : (
          <p
            data-testid={step.kind === "reasoning" ? "reasoning-text" : "step-text"}
            className={cn(
              "rounded-md border px-3 py-2 text-sm leading-relaxed break-words whitespace-pre-wrap",
              step.kind === "reasoning"
                ? "border-violet-100 bg-violet-50/40 text-gray-700"
                : "border-gray-200 bg-white text-gray-900",
            )}
          >
            {step.text || <span className="text-gray-500 italic">No text</span>}
          </p>
        )}
        {step.error && step.kind !== "tool_call" ? <p className="mt-2 text-sm text-red-700">{step.error}</p> : null}
      </Collapsible>
    </li>
  );
}
