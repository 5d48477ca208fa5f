"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Inbox, LoaderCircle, RefreshCw, TriangleAlert } from "lucide-react";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { StatePanel } from "@/components/ui/state-panel";
import { SessionListSkeleton } from "./session-list-skeleton";
import { SessionRow } from "./session-row";
import type { SessionListResponse, SessionRow as Row } from "./types";

export const SESSION_PAGE_SIZE = 50;
const POLL_MS = 3_000;

function listUrl(cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(SESSION_PAGE_SIZE) });
  if (cursor) params.set("cursor", cursor);
  return `/api/sessions?${params}`;
}

/** The Inbox: every AI session, newest activity first, polled so new sessions and status changes appear. */
export function SessionList() {
  const query = useInfiniteQuery({
    queryKey: ["sessions", "list"],
    queryFn: ({ pageParam, signal }) => fetchJson<SessionListResponse>(listUrl(pageParam), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    refetchInterval: POLL_MS,
  });

  // Pages are keyset-paginated by last activity; a session that moved between polls could show twice.
  const sessions = useMemo(() => {
    const seen = new Set<string>();
    const rows: Row[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const session of page.sessions) {
        if (seen.has(session.id)) continue;
        seen.add(session.id);
        rows.push(session);
      }
    }
    return rows;
  }, [query.data]);

  if (query.isPending) return <SessionListSkeleton />;

  if (query.isError && !query.data) {
    return (
      <StatePanel
        icon={TriangleAlert}
        tone="error"
        role="alert"
        title="Could not load sessions"
        testId="sessions-error"
        action={
          <Button onClick={() => void query.refetch()}>
            <RefreshCw aria-hidden="true" />
            Try again
          </Button>
        }
      >
        {query.error.message}
      </StatePanel>
    );
  }

  if (sessions.length === 0) {
    return (
      <StatePanel icon={Inbox} testId="sessions-empty" role="status">
        <p>
          <strong className="font-semibold text-gray-900">No sessions yet</strong> — when Front sends a conversation to the AI teammate it appears
          here.
        </p>
      </StatePanel>
    );
  }

  return (
    <div className="space-y-4">
      {query.isError ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Showing the last sessions loaded; refreshing failed ({query.error.message}). Retrying…
        </p>
      ) : null}
      <div className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <div
          aria-hidden="true"
          className="hidden grid-cols-[minmax(0,1fr)_7.5rem_8.5rem_7rem_6.5rem] gap-x-4 border-b border-gray-200 bg-gray-50 px-4 py-2 text-xs font-medium text-gray-500 md:grid"
        >
          <span>Session</span>
          <span>Channel</span>
          <span>Status</span>
          <span>Sentiment</span>
          <span className="text-right">Last activity</span>
        </div>
        <ul aria-label="Sessions" data-testid="session-list" className="divide-y divide-gray-100">
          {sessions.map((session) => (
            <li key={session.id}>
              <SessionRow session={session} />
            </li>
          ))}
        </ul>
      </div>
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} data-testid="load-more">
            {query.isFetchingNextPage ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
