"use client";

import { Search, SlidersHorizontal, X } from "lucide-react";
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { SENTIMENT_LABELS, STATUS_LABELS } from "@/components/format";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import {
  AI_OUTCOME_LABELS,
  AI_RESULTS,
  DEFAULT_RESULT_WINDOW_HOURS,
  LIST_PARAMS,
  MAX_SEARCH_LENGTH,
  type ListParam,
  type SessionFilters,
} from "@/lib/inbox/session-filters";
import { AI_OUTCOMES, CHANNELS, HANDOFF_REASONS, SENTIMENTS, SESSION_STATUSES } from "@/lib/domain";
import { CHANNEL_LABELS } from "@/lib/front/channels";
import { handoffReasonLabel } from "@/lib/pipeline/handoff-comment";
import { setInboxParams } from "./url-state";

const SEARCH_DELAY_MS = 300;

interface Option {
  value: string;
  label: string;
}

const OPTIONS: Record<ListParam, { label: string; any: string; options: Option[] }> = {
  channel: {
    label: "Channel",
    any: "Any",
    options: CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] })),
  },
  status: {
    label: "Status",
    any: "Any",
    options: SESSION_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] ?? value })),
  },
  sentiment: {
    label: "Sentiment",
    any: "Any",
    options: SENTIMENTS.map((value) => ({ value, label: SENTIMENT_LABELS[value] ?? value })),
  },
  reason: {
    label: "Handoff reason",
    any: "Any",
    options: HANDOFF_REASONS.map((value) => ({ value, label: handoffReasonLabel(value) })),
  },
  outcome: {
    label: "AI outcome",
    any: "Any",
    options: AI_OUTCOMES.map((value) => ({ value, label: AI_OUTCOME_LABELS[value] })),
  },
};

/** Everything the filter bar clears (the view and the page size stay). */
export const CLEARED_FILTERS: Record<string, null> = {
  channel: null,
  status: null,
  sentiment: null,
  reason: null,
  outcome: null,
  result: null,
  window: null,
  from: null,
  to: null,
  q: null,
  gap: null,
};

/** How many filters sit in the collapsible panel (the search box is always visible). */
function panelFilterCount(filters: SessionFilters): number {
  return LIST_PARAMS.filter((name) => filters[name].length > 0).length + (filters.from ? 1 : 0) + (filters.to ? 1 : 0);
}

/** A Reports drill-down's "what came of it" filter: no control of its own, so it shows as a chip that removes it. */
function ResultChip({ filters }: { filters: SessionFilters }) {
  const result = AI_RESULTS.find((item) => item.id === filters.result);
  if (!result) return null;
  const hours = filters.window ?? DEFAULT_RESULT_WINDOW_HOURS;
  const windowText =
    result.id === "human_replied"
      ? ""
      : ` · window ${hours % 24 === 0 ? `${hours / 24} ${hours === 24 ? "day" : "days"}` : `${hours} h`}`;
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="result-filter">
      <span
        className="inline-flex items-center gap-1 rounded-full border border-brand-600/60 bg-brand-50 py-0.5 pr-1 pl-3 text-brand-800"
        title={result.description}
      >
        {result.label}
        {windowText}
        <button
          type="button"
          onClick={() => setInboxParams({ result: null, window: null })}
          aria-label={`Remove the filter ${result.label}`}
          className="flex size-6 items-center justify-center rounded-full hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          <X aria-hidden="true" className="size-3.5" />
        </button>
      </span>
      <span className="text-xs text-gray-500">{result.description}.</span>
    </p>
  );
}

/** A Reports knowledge-gaps row's drill-down: one group of questions, regrouped over these dates and channels. */
function GapChip({ filters }: { filters: SessionFilters }) {
  if (!filters.gap) return null;
  const name = filters.gap === "-" ? "questions without distinctive words" : `“${filters.gap}”`;
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="gap-filter">
      <span className="inline-flex items-center gap-1 rounded-full border border-brand-600/60 bg-brand-50 py-0.5 pr-1 pl-3 text-brand-800">
        Knowledge gap: {name}
        <button
          type="button"
          onClick={() => setInboxParams({ gap: null })}
          aria-label={`Remove the filter knowledge gap ${name}`}
          className="flex size-6 items-center justify-center rounded-full hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          <X aria-hidden="true" className="size-3.5" />
        </button>
      </span>
      <span className="text-xs text-gray-500">
        Questions the AI handed off for insufficient knowledge, grouped under this word on the Reports page.
      </span>
    </p>
  );
}

/**
 * A select for one list parameter. The page picks one value; a link may carry several ("angry,frustrated"),
 * which then shows as one extra option ("Angry or Frustrated") until another is picked.
 */
function FilterSelect({ name, values }: { name: ListParam; values: string[] }) {
  const id = useId();
  const { label, any, options } = OPTIONS[name];
  const value = values.join(",");
  const labelOf = (item: string) => options.find((option) => option.value === item)?.label ?? item;
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs font-medium text-gray-700">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => setInboxParams({ [name]: event.target.value || null })}
        title={values.length > 0 ? values.map(labelOf).join(" or ") : undefined}
        data-testid={`filter-${name}`}
        className={cn(inputClass, "mt-1 truncate pr-2", value && "border-brand-600/60 bg-brand-50/40")}
      >
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {values.length > 1 ? <option value={value}>{values.map(labelOf).join(" or ")}</option> : null}
      </select>
    </div>
  );
}

function DateInput({
  name,
  label,
  value,
  min,
  max,
  describedBy,
}: {
  name: "from" | "to";
  label: string;
  value: string | null;
  min?: string;
  max?: string;
  describedBy: string;
}) {
  const id = useId();
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs font-medium text-gray-700">
        {label}
      </label>
      <input
        id={id}
        type="date"
        value={value ?? ""}
        min={min}
        max={max}
        // A half-typed date is "" (invalid): the filter changes only once the day is complete, or cleared.
        onChange={(event) => {
          if (event.target.value || !event.target.validity.badInput)
            setInboxParams({ [name]: event.target.value || null });
        }}
        aria-describedby={describedBy}
        data-testid={`filter-${name}`}
        className={cn(inputClass, "mt-1 pr-2", value && "border-brand-600/60 bg-brand-50/40")}
      />
    </div>
  );
}

/**
 * The Inbox filters, kept in the URL: a search box (applied as you type), selects that apply when picked, and
 * the UTC days a session started. On a phone the selects and dates fold into a "Filters" disclosure.
 */
export function SessionFilterBar({ filters }: { filters: SessionFilters }) {
  const baseId = useId();
  const panelId = `${baseId}-panel`;
  const datesHintId = `${baseId}-dates`;
  const searchId = `${baseId}-search`;
  const searchHintId = `${baseId}-search-hint`;
  const searchRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);

  // The search box: a draft applied after a pause (or on Enter); a change of q from elsewhere (a view, Clear
  // filters, Back) replaces the draft, an echo of what was typed does not (the trailing space stays).
  const [draft, setDraft] = useState(filters.q ?? "");
  const [syncedQ, setSyncedQ] = useState(filters.q);
  if (filters.q !== syncedQ) {
    setSyncedQ(filters.q);
    if ((filters.q ?? "") !== draft.trim()) setDraft(filters.q ?? "");
  }
  useEffect(() => {
    const next = draft.trim();
    if (next === (filters.q ?? "")) return;
    const timer = window.setTimeout(() => setInboxParams({ q: next || null }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft, filters.q]);

  const clearSearch = () => {
    setDraft("");
    setInboxParams({ q: null });
    searchRef.current?.focus();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setInboxParams({ q: draft.trim() || null });
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape" && draft) {
      event.preventDefault();
      clearSearch();
    }
  };

  const panelCount = panelFilterCount(filters);
  const active = panelCount > 0 || Boolean(filters.q) || Boolean(filters.result) || Boolean(filters.gap);
  const inverted = Boolean(filters.from && filters.to && filters.from > filters.to);

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      role="search"
      aria-label="Filter sessions"
      data-testid="session-filters"
      className="space-y-3"
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-60">
          <label htmlFor={searchId} className="block text-xs font-medium text-gray-700">
            Search
          </label>
          <span id={searchHintId} className="sr-only">
            A ticket (#1042), a phone number in any format, an email, a name, a Front conversation id (cnv_…) or words
            from the messages.
          </span>
          <div className="relative mt-1">
            <Search
              aria-hidden="true"
              className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-gray-400"
            />
            <input
              id={searchId}
              ref={searchRef}
              type="search"
              enterKeyHint="search"
              autoComplete="off"
              spellCheck={false}
              maxLength={MAX_SEARCH_LENGTH}
              placeholder="Ticket, phone, email, name or words"
              aria-describedby={searchHintId}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onSearchKeyDown}
              data-testid="session-search"
              className={cn(inputClass, "pr-9 pl-8 [&::-webkit-search-cancel-button]:appearance-none")}
            />
            {draft ? (
              <button
                type="button"
                onClick={clearSearch}
                aria-label="Clear search"
                data-testid="session-search-clear"
                className="absolute top-1/2 right-1 flex size-7 -translate-y-1/2 items-center justify-center rounded text-gray-500 hover:bg-gray-100 hover:text-gray-800 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <X aria-hidden="true" className="size-4" />
              </button>
            ) : null}
          </div>
        </div>
        <Button
          className="md:hidden"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
          data-testid="filters-toggle"
        >
          <SlidersHorizontal aria-hidden="true" />
          Filters
          {panelCount > 0 ? (
            <span
              className="rounded-full bg-brand-600 px-1.5 text-xs leading-5 font-semibold text-white"
              data-testid="filters-count"
            >
              {panelCount}
              <span className="sr-only"> set</span>
            </span>
          ) : null}
        </Button>
        {active ? (
          <Button
            variant="ghost"
            onClick={() => {
              setDraft("");
              setInboxParams(CLEARED_FILTERS);
              // The button goes away with the filters: keep keyboard focus in the form.
              searchRef.current?.focus();
            }}
            data-testid="clear-filters"
          >
            <X aria-hidden="true" />
            Clear filters
          </Button>
        ) : null}
      </div>

      <ResultChip filters={filters} />
      <GapChip filters={filters} />

      <div id={panelId} className={cn("space-y-2", !open && "max-md:hidden")} data-testid="filters-panel">
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[repeat(3,minmax(0,1fr))_minmax(0,1.5fr)_repeat(3,minmax(0,1fr))]">
          {LIST_PARAMS.map((name) => (
            <FilterSelect key={name} name={name} values={filters[name]} />
          ))}
          <DateInput
            name="from"
            label="Started from"
            value={filters.from}
            max={filters.to ?? undefined}
            describedBy={datesHintId}
          />
          <DateInput
            name="to"
            label="Started to"
            value={filters.to}
            min={filters.from ?? undefined}
            describedBy={datesHintId}
          />
        </div>
        <p id={datesHintId} className={cn("text-xs", inverted ? "text-red-700" : "text-gray-500")} aria-live="polite">
          {inverted ? "“Started from” is after “Started to”: no session can match. " : null}
          Dates are the day a session started, in UTC, both days included.
        </p>
      </div>
    </form>
  );
}
