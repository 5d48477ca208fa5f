"use client";

import { ListFilter, X } from "lucide-react";
import { useId, useRef, useState, type FormEvent } from "react";
import { humanize } from "@/components/format";
import { inputClass } from "@/components/ui/field-styles";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EVENT_DECISIONS } from "@/lib/domain";
import { DECISION_PARAM, DELIVERY_CONVERSATION_PARAM, parseConversationId, setSearchParams } from "./url-state";

/**
 * The deliveries filters, kept in the URL: the decision applies as soon as it is picked, the conversation id on
 * Enter or "Filter" (a half-typed id is not a filter).
 */
export function DeliveryFilters({ decision, conversation }: { decision: string | null; conversation: string | null }) {
  const id = useId();
  const decisionId = `${id}-decision`;
  const conversationId = `${id}-conversation`;
  const errorId = `${id}-error`;
  const [draft, setDraft] = useState(conversation ?? "");
  const [draftFor, setDraftFor] = useState(conversation);
  if (draftFor !== conversation) {
    setDraftFor(conversation);
    setDraft(conversation ?? "");
  }
  const [error, setError] = useState<string | null>(null);
  const decisionRef = useRef<HTMLSelectElement>(null);
  const active = Boolean(decision || conversation);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft.trim()) {
      setError(null);
      setSearchParams({ [DELIVERY_CONVERSATION_PARAM]: null });
      return;
    }
    const parsed = parseConversationId(draft);
    if (!parsed) {
      setError("Enter a Front conversation id: it starts with cnv_.");
      return;
    }
    setError(null);
    setDraft(parsed);
    setSearchParams({ [DELIVERY_CONVERSATION_PARAM]: parsed });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      role="search"
      aria-label="Filter deliveries"
      data-testid="deliveries-filters"
      className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end"
    >
      <div className="sm:w-44">
        <label htmlFor={decisionId} className="block text-xs font-medium text-gray-700">
          Decision
        </label>
        <select
          id={decisionId}
          ref={decisionRef}
          value={decision ?? ""}
          onChange={(event) => setSearchParams({ [DECISION_PARAM]: event.target.value || null })}
          data-testid="deliveries-decision-filter"
          className={cn(inputClass, "mt-1 pr-8")}
        >
          <option value="">All decisions</option>
          {EVENT_DECISIONS.map((value) => (
            <option key={value} value={value}>
              {humanize(value)}
            </option>
          ))}
          {decision && !(EVENT_DECISIONS as readonly string[]).includes(decision) ? (
            <option value={decision}>{decision}</option>
          ) : null}
        </select>
      </div>
      <div className="min-w-0 sm:w-72">
        <label htmlFor={conversationId} className="block text-xs font-medium text-gray-700">
          Filter by conversation
        </label>
        <input
          id={conversationId}
          type="text"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder="cnv_…"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            if (error) setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          data-testid="deliveries-conversation-filter"
          className={cn(inputClass, "mt-1 font-mono leading-6")}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit" data-testid="deliveries-filter-apply">
          <ListFilter aria-hidden="true" />
          Filter
        </Button>
        {active ? (
          <Button
            variant="ghost"
            onClick={() => {
              setError(null);
              setDraft("");
              setSearchParams({ [DECISION_PARAM]: null, [DELIVERY_CONVERSATION_PARAM]: null });
              // The button goes away with the filters: keep keyboard focus in the form.
              decisionRef.current?.focus();
            }}
            data-testid="deliveries-clear-filters"
          >
            <X aria-hidden="true" />
            Clear filters
          </Button>
        ) : null}
      </div>
      {error ? (
        <p
          id={errorId}
          role="alert"
          className="text-sm text-red-700 sm:basis-full"
          data-testid="deliveries-filter-error"
        >
          {error}
        </p>
      ) : null}
    </form>
  );
}
