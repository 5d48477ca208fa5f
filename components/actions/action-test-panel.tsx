"use client";

import { CircleAlert, CircleCheck, LoaderCircle, Play } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import type { ActionView } from "@/lib/actions/types";
import { formatDurationMs } from "@/components/format";
import { JsonView } from "@/components/session/json-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { exampleArguments } from "./form-state";
import { useTestAction } from "./use-actions";

/** The badge of a failed test call; an error status shows the status instead. */
const ERROR_LABELS: Record<string, string> = {
  timeout: "Timed out",
  unreachable: "Unreachable",
  blocked: "Address not allowed",
  too_large: "Answer too large",
};

/** Calls a saved action once with arguments the admin types, and shows what the model would get back. */
export function ActionTestPanel({ action }: { action: ActionView }) {
  const id = useId();
  const [argumentsText, setArgumentsText] = useState(() =>
    JSON.stringify(exampleArguments(action.parameters), null, 2),
  );
  const [inputError, setInputError] = useState<string | null>(null);
  const run = useTestAction(action.id);
  const result = run.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let args: unknown;
    try {
      args = JSON.parse(argumentsText);
    } catch (error) {
      setInputError(`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      setInputError('The arguments must be a JSON object, e.g. { "order_id": "4411" }.');
      return;
    }
    setInputError(null);
    run.mutate(args as Record<string, unknown>);
  }

  const error = inputError ?? (run.isError ? run.error.message : null);
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-3 rounded-md border border-gray-200 bg-gray-50/60 p-3"
      data-testid="action-test"
    >
      <div>
        <label htmlFor={`${id}-arguments`} className="block text-sm font-medium text-gray-900">
          Arguments
        </label>
        <p id={`${id}-hint`} className="text-xs text-gray-600">
          A real call to the server with these arguments, as the model would make it. Disabled actions can be tested
          too.
        </p>
        <textarea
          id={`${id}-arguments`}
          rows={Math.min(8, argumentsText.split("\n").length + 1)}
          value={argumentsText}
          onChange={(event) => setArgumentsText(event.target.value)}
          spellCheck={false}
          aria-invalid={inputError ? true : undefined}
          aria-describedby={`${id}-hint`}
          className={cn(inputClass, "mt-1 h-auto py-2 font-mono text-xs")}
          data-testid="test-arguments"
        />
      </div>
      <Button type="submit" variant="primary" size="sm" disabled={run.isPending} data-testid="test-run">
        {run.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Play aria-hidden="true" />}
        {run.isPending ? "Calling…" : `Call ${action.name}`}
      </Button>
      <div role="status" aria-live="polite" className="empty:hidden">
        {error ? (
          <p className="text-sm text-red-700" data-testid="test-input-error">
            {error}
          </p>
        ) : result && !run.isPending ? (
          <div className="space-y-2" data-testid="test-result" data-ok={result.ok ? "true" : "false"}>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              {result.ok ? (
                <Badge tone="green">
                  <CircleCheck aria-hidden="true" />
                  {result.status} OK
                </Badge>
              ) : (
                <Badge tone="red">
                  <CircleAlert aria-hidden="true" />
                  {ERROR_LABELS[result.errorKind ?? ""] ?? `${result.status} error`}
                </Badge>
              )}
              <span className="text-gray-600 tabular-nums" data-testid="test-duration">
                {formatDurationMs(result.durationMs)}
              </span>
              <span className="min-w-0 truncate font-mono text-xs text-gray-500" title={result.url}>
                {action.method} {result.url}
              </span>
            </div>
            {result.error ? (
              <div>
                <h4 className="mb-1 text-xs font-semibold tracking-wide text-red-700 uppercase">
                  The model would be told
                </h4>
                <pre
                  data-testid="test-error"
                  className="overflow-auto rounded-md border border-red-200 bg-red-50 p-3 font-mono text-xs break-words whitespace-pre-wrap text-red-800"
                >
                  {result.error}
                </pre>
              </div>
            ) : (
              <div>
                <h4 className="mb-1 text-xs font-semibold tracking-wide text-gray-500 uppercase">Body</h4>
                <JsonView value={result.body} mode="json" testId="test-body" />
              </div>
            )}
          </div>
        ) : null}
      </div>
    </form>
  );
}
