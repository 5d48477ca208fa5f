"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Inbox, LoaderCircle, SearchX, X } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { ticketLabel } from "@/components/format";
import { AddToTestSet } from "@/components/evals/add-to-test-set";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { StatePanel } from "@/components/ui/state-panel";
import { LoadError } from "@/components/ui/load-error";
import { uniqueById } from "@/components/ui/unique-by-id";
import {
  activeFilterCount,
  parseSessionFilters,
  SESSION_VIEWS,
  sessionFilterParams,
  type SessionFilters,
} from "@/lib/inbox/session-filters";
import { MyViews } from "./my-views";
import { SavedViews, viewHref } from "./saved-views";
import { CLEARED_FILTERS, SessionFilterBar } from "./session-filter-bar";
import { SessionListSkeleton } from "./session-list-skeleton";
import { SessionRow } from "./session-row";
import type { SessionListResponse } from "./types";
import { readPageSize, rememberInboxSearch, setInboxParams } from "./url-state";

const POLL_MS = 3_000;

function listUrl(filters: SessionFilters, pageSize: number, cursor: string | null): string {
  const params = sessionFilterParams(filters);
  params.set("limit", String(pageSize));
  if (cursor) params.set("cursor", cursor);
  return `/api/sessions?${params}`;
}

function LiveMarker() {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-gray-500" title="Refreshed every 3 seconds">
      <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-green-500" />
      Live
    </span>
  );
}

const clearFilters = () => setInboxParams(CLEARED_FILTERS);

/** Keys that move focus between rows, and where to. */
function targetRow(key: string, index: number, count: number): number | null {
  switch (key) {
    case "ArrowDown":
    case "j":
      return Math.min(index + 1, count - 1);
    case "ArrowUp":
    case "k":
      return Math.max(index - 1, 0);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

/**
 * The Inbox: saved views, filters and search (all in the URL), and the sessions that match, newest activity
 * first. The loaded pages are refetched every few seconds with the same filters, so new sessions and status
 * changes appear without losing the pages already loaded. `canSelect` (admins): sessions can be picked and added to
 * a test set as cases.
 */
export function SessionList({ canSelect = false }: { canSelect?: boolean }) {
  const searchParams = useSearchParams();
  const { filters, issues } = useMemo(
    () => parseSessionFilters(new URLSearchParams(searchParams.toString())),
    [searchParams],
  );
  const pageSize = readPageSize(searchParams);
  const canonical = sessionFilterParams(filters).toString();
  const filterCount = activeFilterCount(filters);
  const view = SESSION_VIEWS.find((item) => item.id === filters.view)!;
  const listRef = useRef<HTMLUListElement>(null);
  const hintId = useId();
  const [focusedId, setFocusedId] = useState<string | null>(null);
  // Picking sessions for a test set: null when not picking.
  const [selected, setSelected] = useState<ReadonlySet<string> | null>(null);
  const toggleSelected = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  // A session page's Back link returns to this list with these filters.
  useEffect(() => rememberInboxSearch(searchParams.toString()), [searchParams]);

  const query = useInfiniteQuery({
    queryKey: ["sessions", "list", canonical, pageSize],
    queryFn: ({ pageParam, signal }) => fetchJson<SessionListResponse>(listUrl(filters, pageSize, pageParam), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // A refetch asks for every loaded page again, each from the fresh page before it: nothing is skipped.
    refetchInterval: POLL_MS,
    // Changing a filter keeps the old rows on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
  });

  // Between two pages' fetches a session can move up (new activity) and be seen twice: show it once.
  const sessions = useMemo(() => uniqueById((query.data?.pages ?? []).flatMap((page) => page.sessions)), [query.data]);

  // Roving focus: one row is in the tab order (the last focused, else the first); arrows and j/k move it.
  const tabStopId = sessions.some((session) => session.id === focusedId) ? focusedId : (sessions[0]?.id ?? null);
  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const rows = Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-testid="session-row"]') ?? []);
    const index = rows.indexOf(event.target as HTMLAnchorElement);
    if (index < 0) return;
    const next = targetRow(event.key, index, rows.length);
    if (next === null) return;
    event.preventDefault();
    rows[next].focus();
  };

  const filtered = filterCount > 0 || filters.view !== "all";
  let body;
  if (query.isPending) {
    body = <SessionListSkeleton />;
  } else if (query.isError && !query.data) {
    body = (
      <LoadError
        title="Could not load sessions"
        testId="sessions-error"
        message={query.error.message}
        onRetry={() => void query.refetch()}
        extraAction={
          filterCount > 0 ? (
            <Button variant="ghost" onClick={clearFilters}>
              <X aria-hidden="true" />
              Clear filters
            </Button>
          ) : null
        }
      />
    );
  } else if (sessions.length === 0 && filterCount > 0) {
    body = (
      <StatePanel
        icon={SearchX}
        role="status"
        testId="sessions-empty"
        action={
          <Button onClick={clearFilters} data-testid="empty-clear-filters">
            <X aria-hidden="true" />
            Clear filters
          </Button>
        }
      >
        <p data-kind="filtered">
          <strong className="font-semibold text-gray-900">No session matches these filters</strong>
          {filters.view !== "all" ? ` in “${view.label}”` : null}.
        </p>
      </StatePanel>
    );
  } else if (sessions.length === 0 && filters.view !== "all") {
    body = (
      <StatePanel
        icon={Inbox}
        role="status"
        testId="sessions-empty"
        action={
          <Link
            href={viewHref("all", searchParams.get("limit"))}
            className="inline-flex h-9 items-center rounded-md border border-gray-300 bg-white px-3.5 text-sm font-medium text-gray-800 shadow-xs hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            Show all sessions
          </Link>
        }
      >
        <p data-kind="view">
          <strong className="font-semibold text-gray-900">
            {filters.view === "needs_attention" ? "Nothing needs attention" : `No sessions in “${view.label}”`}
          </strong>
          {filters.view === "needs_attention"
            ? " — no failed session, and every handoff and reply went through."
            : " yet."}
        </p>
      </StatePanel>
    );
  } else if (sessions.length === 0) {
    body = (
      <StatePanel icon={Inbox} testId="sessions-empty" role="status">
        <p data-kind="none">
          <strong className="font-semibold text-gray-900">No sessions yet</strong> — when Front sends a conversation to
          the AI teammate it appears here.
        </p>
      </StatePanel>
    );
  } else {
    body = (
      <div className="space-y-4">
        {query.isError ? (
          <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
            Showing the last sessions loaded; refreshing failed ({query.error.message}). Retrying…
          </p>
        ) : null}
        <div
          className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs"
          aria-busy={query.isPlaceholderData || undefined}
        >
          <div
            aria-hidden="true"
            className={`hidden grid-cols-[minmax(0,1fr)_7.5rem_8.5rem_7rem_6.5rem] gap-x-4 border-b border-gray-200 bg-gray-50 px-4 py-2 text-xs font-medium text-gray-500 md:grid ${selected ? "pl-12" : ""}`}
          >
            <span>Session</span>
            <span>Channel</span>
            <span>Status</span>
            <span>Sentiment</span>
            <span className="text-right">Last activity</span>
          </div>
          <ul
            ref={listRef}
            aria-label="Sessions"
            aria-describedby={hintId}
            onKeyDown={onListKeyDown}
            data-testid="session-list"
            className={query.isPlaceholderData ? "divide-y divide-gray-100 opacity-60" : "divide-y divide-gray-100"}
          >
            {sessions.map((session) => (
              <li key={session.id} className={selected ? "flex items-center" : undefined}>
                {selected ? (
                  <input
                    type="checkbox"
                    className="ml-4 size-4 shrink-0 accent-brand-600"
                    aria-label={`Select ${ticketLabel(session.ticketNumber)}`}
                    checked={selected.has(session.id)}
                    onChange={(event) => toggleSelected(session.id, event.target.checked)}
                    data-testid="session-select"
                  />
                ) : null}
                <div className="min-w-0 flex-1">
                  <SessionRow
                    session={session}
                    tabIndex={session.id === tabStopId ? 0 : -1}
                    onFocus={() => setFocusedId(session.id)}
                  />
                </div>
              </li>
            ))}
          </ul>
        </div>
        <div className="flex flex-col-reverse items-center gap-3 sm:flex-row sm:justify-between">
          <p id={hintId} className="text-xs text-gray-500 max-md:sr-only" data-testid="keyboard-hint">
            Keyboard: <kbd className="font-sans font-medium">↑</kbd> <kbd className="font-sans font-medium">↓</kbd> or{" "}
            <kbd className="font-sans font-medium">J</kbd> <kbd className="font-sans font-medium">K</kbd> move between
            sessions, <kbd className="font-sans font-medium">Home</kbd> <kbd className="font-sans font-medium">End</kbd>{" "}
            jump to the first or last, <kbd className="font-sans font-medium">Enter</kbd> opens one.
          </p>
          {query.hasNextPage ? (
            <Button
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
              data-testid="load-more"
            >
              {query.isFetchingNextPage ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          ) : null}
        </div>
      </div>
    );
  }

  const shown = sessions.length;
  const countText =
    query.isPending || (query.isError && !query.data)
      ? ""
      : `${shown}${query.hasNextPage ? "+" : ""} ${filtered ? "matching " : ""}session${shown === 1 && !query.hasNextPage ? "" : "s"}${query.hasNextPage ? " — load more below" : ""}`;

  return (
    <div className="space-y-4">
      <SavedViews active={filters.view} pageSize={searchParams.get("limit")} />
      <MyViews canonicalQuery={canonical} pageSize={searchParams.get("limit")} />
      <SessionFilterBar filters={filters} />
      {issues.length > 0 ? (
        <div
          role="alert"
          data-testid="filter-issues"
          className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <p className="min-w-0 flex-1">Part of this link was not understood and is ignored: {issues.join("; ")}.</p>
          <Button size="sm" variant="secondary" onClick={() => setInboxParams({ ...CLEARED_FILTERS, view: null })}>
            Clear filters
          </Button>
        </div>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-gray-600" aria-live="polite" data-testid="session-count">
          {countText}
        </p>
        <div className="flex items-center gap-3">
          {canSelect && !selected && sessions.length > 0 ? (
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())} data-testid="select-sessions">
              Select for a test set
            </Button>
          ) : null}
          <LiveMarker />
        </div>
      </div>
      {selected ? (
        <div
          className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3"
          data-testid="selection-bar"
        >
          <p className="text-sm font-medium text-gray-900" data-testid="selection-count">
            {selected.size} selected
          </p>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set(sessions.map((session) => session.id)))}>
            Select all {sessions.length} shown
          </Button>
          <AddToTestSet sessionIds={[...selected]} prompt="Add them as cases to" />
          <Button size="sm" variant="ghost" onClick={() => setSelected(null)} data-testid="selection-done">
            Done
          </Button>
        </div>
      ) : null}
      {body}
    </div>
  );
}
