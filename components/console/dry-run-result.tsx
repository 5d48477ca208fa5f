"use client";

import { Info, Send } from "lucide-react";
import { RunError, RunStats } from "@/components/session/run-stats";
import { StepRow } from "@/components/session/step-row";
import { buildTimeline } from "@/components/session/timeline";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Collapsible } from "@/components/ui/collapsible";
import { channelName } from "@/components/inbox/channel-label";
import { OutcomeCard } from "./outcome-card";
import type { DryRunResponse } from "./types";

/** The one sentence every dry run carries. */
export function DryRunNote() {
  return (
    <p
      role="note"
      data-testid="dry-run-note"
      className="flex items-start gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900"
    >
      <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-blue-700" />
      <span>
        <span className="font-semibold">Dry run — nothing was sent to Front.</span> No reply, comment or handoff
        happened, and nothing was saved.
      </span>
    </p>
  );
}

/** The dry run as a trace, drawn with the session page's step rows: model, time, tokens, cost, then every step. */
export function DryRunTimeline({ result, title = "Dry run" }: { result: DryRunResponse; title?: string }) {
  const rows = buildTimeline(result, result.steps);
  const heldBack = result.steps.filter((step) => step.notSent);
  return (
    <Card
      data-testid="dry-run-timeline"
      data-outcome={result.outcome.kind}
      data-failed={result.error ? "true" : undefined}
    >
      <section aria-label={`${title}: steps`}>
        <header className="space-y-2 border-b border-gray-200 px-4 py-3">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <h3 className="text-sm font-semibold text-gray-900">{title}</h3>
            <Badge tone={result.error ? "red" : "green"}>{result.error ? "Failed" : "Completed"}</Badge>
            <Badge tone={result.outcome.kind === "handoff" ? "amber" : "brand"}>
              {result.outcome.kind === "handoff" ? "Would hand off" : "Would reply"}
            </Badge>
          </div>
          <RunStats
            testIdPrefix="dry-run"
            modelLabel={result.modelLabel}
            durationMs={result.durationMs}
            inputTokens={result.inputTokens}
            outputTokens={result.outputTokens}
            costUsd={result.costUsd}
            steps={result.steps.length}
          />
          {result.error ? <RunError error={result.error} testId="dry-run-error" /> : null}
          {heldBack.length > 0 ? (
            <ul className="space-y-1" data-testid="dry-run-held-back">
              {heldBack.map((step) => (
                <li
                  key={step.id}
                  className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                >
                  <Send aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-amber-700" />
                  <span>
                    <code className="font-mono text-xs font-semibold">{step.toolName}</code> was not sent: a dry run
                    only lets actions read (GET). Its result below is a stand-in showing the request it would have made.
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </header>
        {rows.length === 0 ? (
          <p className="px-4 py-4 text-sm text-gray-500">This run recorded no steps.</p>
        ) : (
          <ol aria-label={`Steps of the ${title.toLowerCase()}`} className="space-y-0.5 px-2 py-2">
            {rows.map((row) => (
              <StepRow key={row.step.id} row={row} />
            ))}
          </ol>
        )}
      </section>
    </Card>
  );
}

/** What the model read: the turn (redacted) and the whole system prompt, folded away until asked for. */
export function PromptSummary({ prompt }: { prompt: DryRunResponse["prompt"] }) {
  return (
    <Card data-testid="dry-run-prompt">
      <Collapsible
        trigger={
          <span className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-2">
            <span className="text-sm font-semibold text-gray-900">What the model read</span>
            <span className="text-xs text-gray-500">
              {channelName(prompt.channel)} ·{" "}
              {prompt.messageCount === 1 ? "1 message" : `${prompt.messageCount} messages`}
              {prompt.handoffTopics.length
                ? ` · ${prompt.handoffTopics.length} handoff topic${prompt.handoffTopics.length === 1 ? "" : "s"}`
                : ""}
              {prompt.redactions.length ? ` · ${prompt.redactions.length} redacted` : ""}
            </span>
          </span>
        }
        triggerClassName="px-4 py-3"
        contentClassName="space-y-3 border-t border-gray-200 px-4 py-3"
      >
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-gray-500 uppercase">Customer turn</h4>
          <p
            data-testid="dry-run-turn"
            className="rounded-md border border-gray-200 bg-white px-3 py-2 text-sm break-words whitespace-pre-wrap text-gray-900"
          >
            {prompt.turn}
          </p>
        </div>
        <div>
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-gray-500 uppercase">System prompt</h4>
          <pre
            data-testid="dry-run-system-prompt"
            tabIndex={0}
            aria-label="System prompt"
            className="max-h-80 overflow-auto rounded-md border border-gray-200 bg-gray-50 p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-gray-800"
          >
            {prompt.system}
          </pre>
        </div>
      </Collapsible>
    </Card>
  );
}

/** A dry run in full: the outcome, the trace and what the model read. */
export function DryRunResultView({
  result,
  title,
  showNote = true,
}: {
  result: DryRunResponse;
  title?: string;
  showNote?: boolean;
}) {
  return (
    <div className="space-y-4" data-testid="dry-run-result" data-outcome={result.outcome.kind}>
      {showNote ? <DryRunNote /> : null}
      <OutcomeCard outcome={result.outcome} testId="dry-run-outcome" />
      <DryRunTimeline result={result} title={title} />
      <PromptSummary prompt={result.prompt} />
    </div>
  );
}
