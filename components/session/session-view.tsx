"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, SearchX } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { fetchJson, isNotFound } from "@/components/ui/fetch-json";
import { StatePanel } from "@/components/ui/state-panel";
import { LoadError } from "@/components/ui/load-error";
import { ContactSessions } from "./contact-sessions";
import { Conversation } from "./conversation";
import { EventHistory } from "./event-history";
import { HandoffCard } from "./handoff-card";
import { AddToTestSet } from "@/components/evals/add-to-test-set";
import { EraseContact } from "./erase-contact";
import { RerunPanel } from "./rerun-panel";
import { RunList } from "./run-timeline";
import { BackToInbox } from "./back-to-inbox";
import { SessionHeader } from "./session-header";
import { SessionSkeleton } from "./session-skeleton";
import type { SessionDetailResponse } from "./types";

const POLL_MS = 3_000;

/**
 * The session page: fetched on the client and polled, so a running AI's steps and status changes appear live.
 * `canRerun`: admins may re-run the latest turn as a dry run.
 */
export function SessionView({ id, canRerun = false }: { id: string; canRerun?: boolean }) {
  const query = useQuery({
    queryKey: ["sessions", "detail", id],
    queryFn: ({ signal }) => fetchJson<SessionDetailResponse>(`/api/sessions/${encodeURIComponent(id)}`, signal),
    refetchInterval: (current) => (isNotFound(current.state.error) ? false : POLL_MS),
  });

  if (query.isPending) return <SessionSkeleton />;

  if (query.isError && (isNotFound(query.error) || !query.data)) {
    const notFound = isNotFound(query.error);
    return (
      <div className="space-y-4">
        <BackToInbox />
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">
          {notFound ? "Session not found" : "Could not load this session"}
        </h1>
        {notFound ? (
          <StatePanel
            icon={SearchX}
            testId="session-not-found"
            action={
              <Link href="/inbox" className={buttonVariants({ variant: "secondary" })}>
                <ArrowLeft aria-hidden="true" />
                Back to the Inbox
              </Link>
            }
          >
            There is no session with this id. It may have been deleted, or the link may be mistyped.
          </StatePanel>
        ) : (
          <LoadError testId="session-error" message={query.error.message} onRetry={() => void query.refetch()} />
        )}
      </div>
    );
  }

  const data = query.data;
  return (
    <div className="space-y-8" data-testid="session-view" data-session-id={data.session.id}>
      <SessionHeader session={data.session} frontUrl={data.frontUrl} />
      {query.isError ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Showing the last loaded state; refreshing failed ({query.error.message}). Retrying…
        </p>
      ) : null}
      {canRerun ? <RerunPanel detail={data} /> : null}
      {canRerun ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white px-4 py-3">
          <AddToTestSet sessionIds={[data.session.id]} prompt="Keep this session as a test case in" />
        </div>
      ) : null}
      {canRerun ? <EraseContact handle={data.session.contactHandle} /> : null}
      {/* Below lg the handoff comes first (what a lead acts on); from lg it heads the side column. */}
      <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr] xl:grid-cols-[minmax(0,1fr)_24rem]">
        {data.handoffs.length > 0 ? (
          <div className="min-w-0 space-y-8 lg:col-start-2 lg:row-start-1" data-testid="handoffs">
            {data.handoffs.map((handoff, index) => (
              <HandoffCard key={handoff.id} handoff={handoff} index={index} total={data.handoffs.length} />
            ))}
          </div>
        ) : null}
        <div className="min-w-0 space-y-8 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <Conversation messages={data.messages} />
          <RunList runs={data.runs} />
        </div>
        <div
          className={
            data.handoffs.length > 0
              ? "min-w-0 space-y-8 lg:col-start-2 lg:row-start-2"
              : "min-w-0 space-y-8 lg:col-start-2 lg:row-start-1"
          }
        >
          <ContactSessions sessions={data.contactSessions} />
          <EventHistory events={data.events} />
        </div>
      </div>
    </div>
  );
}
