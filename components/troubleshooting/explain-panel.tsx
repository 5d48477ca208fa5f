"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRight, CircleCheck, CircleX, Hourglass, ListFilter, LoaderCircle, RefreshCw, Search } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { inputClass } from "@/components/ui/field-styles";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ApiRequestError, fetchJson } from "@/components/ui/fetch-json";
import { Skeleton } from "@/components/ui/skeleton";
import { LoadError } from "@/components/ui/load-error";
import { CheckList } from "./check-list";
import type { Explanation } from "./types";
import {
  DELIVERY_CONVERSATION_PARAM,
  EXPLAIN_PARAM,
  pageHref,
  parseConversationId,
  setSearchParams,
} from "./url-state";

export const EXPLAIN_KEY = ["troubleshooting", "explain"] as const;

/** A 4xx will not change by asking again. */
function retryServerErrors(failureCount: number, error: Error): boolean {
  return !(error instanceof ApiRequestError && error.status < 500) && failureCount < 1;
}

function Verdict({ explanation }: { explanation: Explanation }) {
  const failure = explanation.firstFailure;
  if (failure) {
    return (
      <p className="flex items-start gap-2 text-sm text-red-800" data-testid="explain-verdict" data-verdict="failed">
        <CircleX aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-red-600" />
        <span>
          <span className="font-semibold">The AI did not reply because a check failed:</span>{" "}
          {failure.detail || failure.label}
        </span>
      </p>
    );
  }
  const pending = explanation.checks.some((check) => check.status === "unknown");
  return pending ? (
    <p className="flex items-start gap-2 text-sm text-gray-700" data-testid="explain-verdict" data-verdict="unknown">
      <Hourglass aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-gray-500" />
      No check failed; the message is still waiting to be processed. Check again in a moment.
    </p>
  ) : (
    <p className="flex items-start gap-2 text-sm text-green-800" data-testid="explain-verdict" data-verdict="passed">
      <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-green-600" />
      Every check passed: the AI processed this conversation. Its session shows what it did.
    </p>
  );
}

function ExplainLoading() {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="explain-loading"
      className="space-y-2 rounded-lg border border-gray-200 bg-white p-4"
    >
      <span className="sr-only">Checking the conversation…</span>
      <Skeleton className="h-4 w-56 max-w-full" />
      {Array.from({ length: 5 }, (_, index) => (
        <Skeleton key={index} className="h-11 w-full" />
      ))}
    </div>
  );
}

/**
 * "Why didn't the AI reply?": a conversation id in, the checks out, in the order they are applied, with the
 * first failure as the answer. The id lives in the URL (`?conversation=`), so an answer can be shared.
 */
export function ExplainPanel() {
  const searchParams = useSearchParams();
  const conversation = searchParams.get(EXPLAIN_PARAM)?.trim() || null;
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const client = useQueryClient();

  // The field follows the URL (Back, a shared link, a delivery's "explain" link) and is free to edit in between.
  const [draft, setDraft] = useState(conversation ?? "");
  const [draftFor, setDraftFor] = useState(conversation);
  if (draftFor !== conversation) {
    setDraftFor(conversation);
    setDraft(conversation ?? "");
  }
  const [formError, setFormError] = useState<string | null>(null);

  const query = useQuery({
    queryKey: [...EXPLAIN_KEY, conversation],
    queryFn: ({ signal }) =>
      fetchJson<Explanation>(
        `/api/troubleshooting/explain?${new URLSearchParams({ conversation: conversation ?? "" })}`,
        signal,
      ),
    enabled: conversation !== null,
    retry: retryServerErrors,
    refetchOnWindowFocus: false,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = parseConversationId(draft);
    if (!id) {
      setFormError("Enter a Front conversation id: it starts with cnv_ (you can paste a Front link too).");
      return;
    }
    setFormError(null);
    setDraft(id);
    if (id === conversation) void client.invalidateQueries({ queryKey: [...EXPLAIN_KEY, id] });
    else setSearchParams({ [EXPLAIN_PARAM]: id }, "push");
  }

  return (
    <section aria-labelledby="explain-heading" id="explain" className="scroll-mt-20 space-y-4" data-testid="explain">
      <div>
        <h2 id="explain-heading" className="text-base font-semibold text-gray-900">
          Why didn’t the AI reply?
        </h2>
        <p className="mt-0.5 text-sm text-gray-600">
          Give a Front conversation id and Frontline replays its checks against what arrived and the settings in force
          now.
        </p>
      </div>

      <form
        onSubmit={onSubmit}
        noValidate
        className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs"
        data-testid="explain-form"
      >
        <label htmlFor={inputId} className="text-sm font-medium text-gray-900">
          Front conversation id
        </label>
        <p id={hintId} className="mt-0.5 text-sm text-gray-600">
          In Front, open the conversation: the id is the{" "}
          <code className="rounded bg-gray-100 px-1 font-mono text-xs">cnv_…</code> part of its link.
        </p>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row">
          <input
            id={inputId}
            name="conversation"
            type="text"
            inputMode="text"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="cnv_…"
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
              if (formError) setFormError(null);
            }}
            aria-invalid={formError ? true : undefined}
            aria-describedby={formError ? `${hintId} ${errorId}` : hintId}
            data-testid="explain-input"
            className={cn(inputClass, "font-mono leading-6 sm:max-w-sm sm:flex-1")}
          />
          <Button
            type="submit"
            variant="primary"
            data-testid="explain-submit"
            aria-busy={query.isFetching || undefined}
          >
            {query.isFetching ? (
              <LoaderCircle aria-hidden="true" className="animate-spin" />
            ) : (
              <Search aria-hidden="true" />
            )}
            Explain
          </Button>
        </div>
        {formError ? (
          <p id={errorId} role="alert" className="mt-1.5 text-sm text-red-700" data-testid="explain-form-error">
            {formError}
          </p>
        ) : null}
      </form>

      {conversation === null ? null : query.isPending ? (
        <ExplainLoading />
      ) : query.isError ? (
        <LoadError
          title="Could not explain this conversation"
          testId="explain-error"
          message={query.error.message}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <Card data-testid="explain-result" data-conversation={query.data.frontConversationId}>
          <div className="space-y-2 border-b border-gray-200 px-4 py-3">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <h3 className="text-sm font-semibold text-gray-900">
                Checks for <span className="font-mono font-medium">{query.data.frontConversationId}</span>
              </h3>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 sm:ml-auto">
                {query.data.sessionId ? (
                  <Link
                    href={`/inbox/${query.data.sessionId}`}
                    className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
                    data-testid="explain-session-link"
                  >
                    Open the session
                    <ArrowRight aria-hidden="true" className="size-3.5" />
                  </Link>
                ) : null}
                <Link
                  href={pageHref(
                    searchParams,
                    { [DELIVERY_CONVERSATION_PARAM]: query.data.frontConversationId },
                    "deliveries",
                  )}
                  className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
                  data-testid="explain-deliveries-link"
                >
                  <ListFilter aria-hidden="true" className="size-3.5" />
                  Its deliveries
                </Link>
                <Button size="sm" variant="ghost" onClick={() => void query.refetch()} data-testid="explain-again">
                  <RefreshCw aria-hidden="true" className={query.isFetching ? "animate-spin" : undefined} />
                  Check again
                </Button>
              </div>
            </div>
            <div role="status">
              <Verdict explanation={query.data} />
            </div>
          </div>
          <div className="p-3 sm:p-4">
            <CheckList checks={query.data.checks} firstFailureId={query.data.firstFailure?.id ?? null} />
          </div>
        </Card>
      )}
    </section>
  );
}
