"use client";

import { CircleSlash, FlaskConical, LoaderCircle, Play, X } from "lucide-react";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { DryRunNote, DryRunResultView } from "@/components/console/dry-run-result";
import { OutcomeCard, type OutcomeView } from "@/components/console/outcome-card";
import { RunOptionsFields } from "@/components/console/run-options-fields";
import type { DryRunDefaults, RunOptions } from "@/components/console/types";
import { dryRunRequest, optionsFrom, useDryRun, useDryRunDefaults } from "@/components/console/use-dry-run";
import { firstLine } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { StatePanel } from "@/components/ui/state-panel";
import { RunTimeline } from "./run-timeline";
import type { RunRecord, SessionDetailResponse, SessionMessageRecord } from "./types";

/**
 * "Re-run with…" (admins): the session's latest customer turn through the agent again with another model or
 * instructions, as a dry run, shown beside the run that really answered it.
 */
export function RerunPanel({ detail }: { detail: SessionDetailResponse }) {
  const [open, setOpen] = useState(false);
  const [closed, setClosed] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (closed && !open) openButton.current?.focus();
  }, [closed, open]);
  const latestTurn = detail.messages.filter((message) => message.authorType === "customer").at(-1);
  if (!latestTurn) return null;

  if (!open) {
    return (
      <div
        className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-lg border border-dashed border-gray-300 bg-white px-4 py-3"
        data-testid="rerun"
      >
        <p className="text-sm text-gray-600">
          Try the latest message with another model or instructions. Nothing is sent to Front.
        </p>
        <Button ref={openButton} onClick={() => setOpen(true)} data-testid="rerun-open">
          <FlaskConical aria-hidden="true" />
          Re-run with…
        </Button>
      </div>
    );
  }
  return (
    <OpenRerunPanel
      detail={detail}
      latestTurn={latestTurn}
      onClose={() => {
        setOpen(false);
        setClosed(true);
      }}
    />
  );
}

function OpenRerunPanel({
  detail,
  latestTurn,
  onClose,
}: {
  detail: SessionDetailResponse;
  latestTurn: SessionMessageRecord;
  onClose: () => void;
}) {
  const defaults = useDryRunDefaults();
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  // The button that opened the panel is gone: keyboard focus continues here instead of falling to the page.
  useEffect(() => sectionRef.current?.focus(), []);
  return (
    <section
      ref={sectionRef}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="space-y-6 focus:outline-none"
      data-testid="rerun"
    >
      <Card>
        <div className="flex items-center gap-2 border-b border-gray-200 px-4 py-3">
          <FlaskConical aria-hidden="true" className="size-4 text-gray-500" />
          <h2 id={headingId} className="text-base font-semibold text-gray-900">
            Re-run with…
          </h2>
          <Button
            variant="ghost"
            size="icon"
            onClick={onClose}
            className="ml-auto"
            aria-label="Close the re-run"
            data-testid="rerun-close"
          >
            <X aria-hidden="true" />
          </Button>
        </div>
        {defaults.isPending ? (
          <div role="status" aria-label="Loading the AI settings" className="space-y-3 px-4 py-4">
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : defaults.isError ? (
          <div className="p-4">
            <LoadError
              title="Could not load the AI settings"
              testId="rerun-load-error"
              message={defaults.error.message}
              onRetry={() => void defaults.refetch()}
            />
          </div>
        ) : (
          <RerunForm detail={detail} latestTurn={latestTurn} defaults={defaults.data} />
        )}
      </Card>
    </section>
  );
}

function RerunForm({
  detail,
  latestTurn,
  defaults,
}: {
  detail: SessionDetailResponse;
  latestTurn: SessionMessageRecord;
  defaults: DryRunDefaults;
}) {
  const [options, setOptions] = useState<RunOptions>(() => optionsFrom(defaults));
  // The turn the shown re-run answered: a newer message arriving meanwhile must not pair it with another run.
  const [ranTurn, setRanTurn] = useState<SessionMessageRecord | null>(null);
  const run = useDryRun();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setRanTurn(latestTurn);
    run.mutate(dryRunRequest({ kind: "session", sessionId: detail.session.id, upToMessageId: latestTurn.id }, options));
  }

  return (
    <>
      <form
        onSubmit={onSubmit}
        noValidate
        aria-label="Re-run with another model or instructions"
        className="divide-y divide-gray-100"
        data-testid="rerun-form"
      >
        <div className="px-4 py-4">
          <p className="mb-4 text-sm text-gray-600">
            Answers the latest customer message:{" "}
            <q className="text-gray-900" data-testid="rerun-turn">
              {clip(firstLine(latestTurn.text))}
            </q>
          </p>
          <RunOptionsFields value={options} onChange={setOptions} defaults={defaults} columns testIdPrefix="rerun" />
        </div>
        <div className="flex flex-wrap items-center gap-2 px-4 py-3">
          <Button
            type="submit"
            variant="primary"
            disabled={run.isPending}
            aria-busy={run.isPending || undefined}
            data-testid="rerun-run"
          >
            {run.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Play aria-hidden="true" />}
            {run.isPending ? "Running…" : "Run"}
          </Button>
          <Button variant="ghost" onClick={() => setOptions(optionsFrom(defaults))} data-testid="rerun-reset">
            Back to saved settings
          </Button>
        </div>
      </form>
      {ranTurn && !run.isIdle ? (
        <div className="space-y-4 border-t border-gray-200 p-4" data-testid="rerun-comparison">
          <DryRunNote />
          <div className="grid items-start gap-6 lg:grid-cols-2">
            <Column title="Original" testId="rerun-original">
              <OriginalRun detail={detail} turn={ranTurn} />
            </Column>
            <Column title="Re-run (dry run, not sent)" testId="rerun-result">
              {run.isPending ? (
                <div
                  role="status"
                  className="space-y-3 rounded-lg border border-gray-200 bg-white p-4"
                  data-testid="rerun-running"
                >
                  <p className="flex items-center gap-2 text-sm text-gray-700">
                    <LoaderCircle aria-hidden="true" className="size-4 animate-spin text-brand-600" />
                    The AI is working on it.
                  </p>
                  <Skeleton className="h-20 w-full" />
                  <Skeleton className="h-40 w-full" />
                </div>
              ) : run.isError ? (
                <p
                  role="alert"
                  className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
                  data-testid="rerun-error"
                >
                  <span className="font-semibold">The re-run did not start: </span>
                  {run.error.message}
                </p>
              ) : run.isSuccess ? (
                <DryRunResultView result={run.data} title="Re-run" showNote={false} />
              ) : null}
            </Column>
          </div>
        </div>
      ) : null}
    </>
  );
}

function Column({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="min-w-0 space-y-3" data-testid={testId}>
      <h3 id={headingId} className="text-sm font-semibold tracking-wide text-gray-500 uppercase">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** The stored run that answered the turn, with its outcome as the re-run shows its own. */
function OriginalRun({ detail, turn }: { detail: SessionDetailResponse; turn: SessionMessageRecord }) {
  const index = detail.runs.findIndex((run) => run.triggerMessageId === turn.frontMessageId);
  const run = index >= 0 ? detail.runs[index] : null;
  if (!run) {
    return (
      <StatePanel icon={CircleSlash} testId="rerun-no-original" className="py-8">
        The AI did not run for this message{detail.session.statusReason ? ` (${detail.session.statusReason})` : ""}.
      </StatePanel>
    );
  }
  const outcome = storedOutcome(run);
  return (
    <div className="space-y-4">
      {outcome ? <OutcomeCard outcome={outcome} testId="original-outcome" /> : null}
      <RunTimeline run={run} index={index} />
    </div>
  );
}

function storedOutcome(run: RunRecord): OutcomeView | null {
  if (run.outcome === "reply" && run.replyText) return { kind: "reply", text: run.replyText };
  if (run.outcome === "handoff" && run.handoff)
    return {
      kind: "handoff",
      reason: run.handoff.reason,
      summary: run.handoff.summary,
      sentiment: run.handoff.sentiment,
    };
  return null;
}

function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
