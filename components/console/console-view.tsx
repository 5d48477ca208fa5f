"use client";

import { FlaskConical, LoaderCircle, MessageSquareText, Play, RotateCcw, TriangleAlert } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { CHANNEL_LABELS, CHANNELS, type Channel } from "@/lib/front/channels";
import { SettingsRow, SettingsSection } from "@/components/settings/settings-section";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { StatePanel } from "@/components/ui/state-panel";
import { DryRunResultView } from "./dry-run-result";
import { RunOptionsFields, textareaClass } from "./run-options-fields";
import { SessionPicker, type PickedSession } from "./session-picker";
import type { DryRunDefaults, DryRunRequestBody, DryRunSourceInput, RunOptions } from "./types";
import { dryRunRequest, optionsFrom, useDryRun, useDryRunDefaults } from "./use-dry-run";

type SourceKind = "transcript" | "session";

const SOURCE_TABS: { kind: SourceKind; label: string }[] = [
  { kind: "transcript", label: "Paste text" },
  { kind: "session", label: "Stored session" },
];

/** Settings → Console: the settings in force are loaded first, then the form starts from them. */
export function ConsoleView() {
  const defaults = useDryRunDefaults();
  if (defaults.isPending) {
    return (
      <div
        role="status"
        aria-label="Loading the console"
        className="grid gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]"
      >
        <Skeleton className="h-[32rem] w-full rounded-lg" />
        <Skeleton className="h-64 w-full rounded-lg" />
      </div>
    );
  }
  if (defaults.isError) {
    return (
      <LoadError
        title="Could not load the AI settings"
        testId="console-load-error"
        message={defaults.error.message}
        onRetry={() => void defaults.refetch()}
      />
    );
  }
  return <ConsoleForm defaults={defaults.data} />;
}

function ConsoleForm({ defaults }: { defaults: DryRunDefaults }) {
  const id = useId();
  const [sourceKind, setSourceKind] = useState<SourceKind>("transcript");
  const [transcript, setTranscript] = useState("");
  const [channel, setChannel] = useState<Channel>("voice");
  const [picked, setPicked] = useState<PickedSession | null>(null);
  const [options, setOptions] = useState<RunOptions>(() => optionsFrom(defaults));
  const [formError, setFormError] = useState<string | null>(null);
  const [lastRequest, setLastRequest] = useState<DryRunRequestBody | null>(null);
  const run = useDryRun();

  function source(): DryRunSourceInput | string {
    if (sourceKind === "transcript")
      return transcript.trim() ? { kind: "transcript", transcript, channel } : "Paste what the customer said first.";
    return picked ? { kind: "session", ...picked } : "Pick a session first.";
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const chosen = source();
    if (typeof chosen === "string") {
      setFormError(chosen);
      return;
    }
    setFormError(null);
    const request = dryRunRequest(chosen, options);
    setLastRequest(request);
    run.mutate(request);
  }

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
      <form onSubmit={onSubmit} noValidate className="space-y-6" data-testid="console-form" aria-label="Dry run">
        <SettingsSection
          id="console-conversation"
          icon={MessageSquareText}
          title="Conversation"
          description="What the customer said: pasted, or a session Frontline stored."
        >
          <SettingsRow className="space-y-4">
            <div
              role="radiogroup"
              aria-label="Where the conversation comes from"
              className="grid grid-cols-2 gap-1 rounded-md border border-gray-200 bg-gray-50 p-1"
            >
              {SOURCE_TABS.map((tab) => (
                <button
                  key={tab.kind}
                  type="button"
                  role="radio"
                  aria-checked={sourceKind === tab.kind}
                  onClick={() => {
                    setSourceKind(tab.kind);
                    setFormError(null);
                  }}
                  data-testid={`console-source-${tab.kind}`}
                  className={cn(
                    "rounded px-2 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600",
                    sourceKind === tab.kind ? "bg-white text-gray-900 shadow-xs" : "text-gray-600 hover:text-gray-900",
                  )}
                >
                  {tab.label}
                </button>
              ))}
            </div>
            {sourceKind === "transcript" ? (
              <>
                <div>
                  <label htmlFor={`${id}-channel`} className="text-sm font-medium text-gray-900">
                    Channel
                  </label>
                  <select
                    id={`${id}-channel`}
                    value={channel}
                    onChange={(event) => setChannel(event.target.value as Channel)}
                    data-testid="console-channel"
                    className={cn(inputClass, "mt-2")}
                  >
                    {CHANNELS.map((option) => (
                      <option key={option} value={option}>
                        {CHANNEL_LABELS[option]}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={`${id}-transcript`} className="text-sm font-medium text-gray-900">
                    Transcript or message
                  </label>
                  <p id={`${id}-transcript-hint`} className="mt-0.5 text-sm text-gray-600">
                    For a call, the transcript with speaker labels (Customer:, Agent:); otherwise the customer’s
                    message.
                  </p>
                  <textarea
                    id={`${id}-transcript`}
                    rows={8}
                    value={transcript}
                    placeholder={
                      "Customer: Hi, I was charged twice for my March invoice.\nAgent: Let me check that for you."
                    }
                    onChange={(event) => {
                      setTranscript(event.target.value);
                      if (formError) setFormError(null);
                    }}
                    aria-describedby={`${id}-transcript-hint${formError ? ` ${id}-form-error` : ""}`}
                    aria-invalid={formError && sourceKind === "transcript" ? true : undefined}
                    data-testid="console-transcript"
                    className={cn(textareaClass, "mt-2")}
                  />
                </div>
              </>
            ) : (
              <SessionPicker
                value={picked}
                onChange={(next) => {
                  setPicked(next);
                  setFormError(null);
                }}
              />
            )}
          </SettingsRow>
        </SettingsSection>

        <SettingsSection
          id="console-options"
          icon={FlaskConical}
          title="Model and instructions"
          description="Starts from Settings → AI. Changes here apply to this run only."
        >
          <SettingsRow>
            <RunOptionsFields value={options} onChange={setOptions} defaults={defaults} testIdPrefix="console" />
          </SettingsRow>
          <SettingsRow className="flex flex-wrap items-center gap-2">
            <Button
              type="submit"
              variant="primary"
              disabled={run.isPending}
              aria-busy={run.isPending || undefined}
              data-testid="console-run"
            >
              {run.isPending ? (
                <LoaderCircle aria-hidden="true" className="animate-spin" />
              ) : (
                <Play aria-hidden="true" />
              )}
              {run.isPending ? "Running…" : "Run"}
            </Button>
            <Button variant="ghost" onClick={() => setOptions(optionsFrom(defaults))} data-testid="console-reset">
              <RotateCcw aria-hidden="true" />
              Back to saved settings
            </Button>
            {formError ? (
              <p
                id={`${id}-form-error`}
                role="alert"
                className="w-full text-sm text-red-700"
                data-testid="console-form-error"
              >
                {formError}
              </p>
            ) : null}
          </SettingsRow>
        </SettingsSection>
      </form>

      <section
        aria-labelledby={`${id}-result-heading`}
        aria-busy={run.isPending || undefined}
        className="min-w-0 space-y-3"
        data-testid="console-result-area"
      >
        <h2 id={`${id}-result-heading`} className="text-base font-semibold text-gray-900">
          Result
        </h2>
        <ConsoleResult run={run} onRetry={() => lastRequest && run.mutate(lastRequest)} />
      </section>
    </div>
  );
}

function ConsoleResult({ run, onRetry }: { run: ReturnType<typeof useDryRun>; onRetry: () => void }) {
  if (run.isPending) {
    return (
      <div
        role="status"
        className="space-y-3 rounded-lg border border-gray-200 bg-white p-4"
        data-testid="console-running"
      >
        <p className="flex items-center gap-2 text-sm text-gray-700">
          <LoaderCircle aria-hidden="true" className="size-4 animate-spin text-brand-600" />
          The AI is working on it. Nothing is sent to Front.
        </p>
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (run.isError) {
    return (
      <StatePanel
        icon={TriangleAlert}
        tone="error"
        role="alert"
        title="The dry run did not start"
        testId="console-error"
        action={
          <Button onClick={onRetry}>
            <RotateCcw aria-hidden="true" />
            Try again
          </Button>
        }
      >
        {run.error.message}
      </StatePanel>
    );
  }
  if (run.isSuccess) return <DryRunResultView result={run.data} />;
  return (
    <StatePanel icon={Play} testId="console-idle" title="Nothing run yet">
      Paste a transcript or pick a session, then Run: every step, tool call and the outcome show here. Nothing is sent
      to Front.
    </StatePanel>
  );
}
