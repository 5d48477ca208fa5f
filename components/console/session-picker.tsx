"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Inbox, Search } from "lucide-react";
import { useDeferredValue, useId, useState } from "react";
import { contactLabel, firstLine, rowSnippet, ticketLabel } from "@/components/format";
import { ChannelLabel } from "@/components/inbox/channel-label";
import type { SessionListResponse } from "@/components/inbox/types";
import type { SessionDetailResponse } from "@/components/session/types";
import { cn } from "@/components/ui/cn";
import { fetchJson } from "@/components/ui/fetch-json";
import { inputClass } from "@/components/ui/field-styles";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { StatePanel } from "@/components/ui/state-panel";
import { RelativeTime } from "@/components/ui/time";

export interface PickedSession {
  sessionId: string;
  /** A customer message of the session; undefined: its latest. */
  upToMessageId?: string;
}

const PAGE_SIZE = 20;

/** Recent sessions from the Inbox's own list (search included), then which customer turn to answer. */
export function SessionPicker({
  value,
  onChange,
}: {
  value: PickedSession | null;
  onChange: (next: PickedSession | null) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const list = useQuery({
    queryKey: ["sessions", "list", "console-picker", q],
    queryFn: ({ signal }) =>
      fetchJson<SessionListResponse>(
        `/api/sessions?limit=${PAGE_SIZE}${q ? `&q=${encodeURIComponent(q)}` : ""}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="space-y-3" data-testid="session-picker">
      <div>
        <label htmlFor={`${id}-search`} className="text-sm font-medium text-gray-900">
          Find a session
        </label>
        <div className="relative mt-2">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-gray-400"
          />
          <input
            id={`${id}-search`}
            type="search"
            autoComplete="off"
            placeholder="Ticket number, phone, email or words"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="session-picker-search"
            className={cn(inputClass, "pl-8")}
          />
        </div>
      </div>

      {list.isPending ? (
        <div role="status" aria-label="Loading sessions" className="space-y-2">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-12 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <LoadError testId="session-picker-error" message={list.error.message} onRetry={() => void list.refetch()} />
      ) : list.data.sessions.length === 0 ? (
        <StatePanel icon={Inbox} testId="session-picker-empty" className="py-6">
          {q ? "No session matches this search." : "No sessions yet: paste a transcript instead."}
        </StatePanel>
      ) : (
        <fieldset>
          <legend className="sr-only">Session</legend>
          <ul
            className={cn(
              "max-h-72 divide-y divide-gray-100 overflow-y-auto rounded-md border border-gray-200 bg-white",
              list.isFetching && "opacity-70",
            )}
          >
            {list.data.sessions.map((session) => {
              const checked = value?.sessionId === session.id;
              return (
                <li key={session.id}>
                  <label
                    className={cn(
                      "flex cursor-pointer items-start gap-3 px-3 py-2 hover:bg-gray-50",
                      checked && "bg-brand-50/60 hover:bg-brand-50",
                    )}
                    data-testid="session-option"
                    data-session-id={session.id}
                  >
                    <input
                      type="radio"
                      name={`${id}-session`}
                      value={session.id}
                      checked={checked}
                      onChange={() => onChange({ sessionId: session.id })}
                      className="mt-1 size-4 shrink-0 accent-brand-600"
                    />
                    <span className="min-w-0 flex-1 space-y-0.5">
                      <span className="flex items-baseline gap-2 text-sm">
                        <span className="font-medium text-gray-900 tabular-nums">
                          {ticketLabel(session.ticketNumber)}
                        </span>
                        <span className="min-w-0 truncate text-gray-800">{contactLabel(session)}</span>
                        <RelativeTime iso={session.lastActivityAt} className="ml-auto shrink-0 text-xs text-gray-500" />
                      </span>
                      <span className="flex items-center gap-2">
                        <ChannelLabel channel={session.channel} className="shrink-0 text-xs" />
                        <span className="min-w-0 truncate text-xs text-gray-600">
                          {rowSnippet(session) || "No text"}
                        </span>
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}

      {value ? <TurnSelect key={value.sessionId} value={value} onChange={onChange} /> : null}
    </div>
  );
}

/** The session's customer messages, newest first: the run answers the chosen one with what came before it. */
function TurnSelect({ value, onChange }: { value: PickedSession; onChange: (next: PickedSession) => void }) {
  const id = useId();
  const detail = useQuery({
    queryKey: ["sessions", "detail", value.sessionId],
    queryFn: ({ signal }) =>
      fetchJson<SessionDetailResponse>(`/api/sessions/${encodeURIComponent(value.sessionId)}`, signal),
    staleTime: 30_000,
  });
  if (detail.isPending) return <Skeleton className="h-9 w-full" />;
  if (detail.isError)
    return (
      <LoadError testId="turn-select-error" message={detail.error.message} onRetry={() => void detail.refetch()} />
    );
  const turns = detail.data.messages.filter((message) => message.authorType === "customer").reverse();
  if (turns.length === 0) {
    return (
      <p role="alert" className="text-sm text-red-700" data-testid="turn-select-empty">
        This session has no customer message to answer. Pick another one.
      </p>
    );
  }
  return (
    <div>
      <label htmlFor={`${id}-turn`} className="text-sm font-medium text-gray-900">
        Customer turn
      </label>
      <p id={`${id}-turn-hint`} className="mt-0.5 text-sm text-gray-600">
        The model reads the conversation up to this message and answers it.
      </p>
      <select
        id={`${id}-turn`}
        value={value.upToMessageId ?? ""}
        onChange={(event) => onChange({ sessionId: value.sessionId, upToMessageId: event.target.value || undefined })}
        aria-describedby={`${id}-turn-hint`}
        data-testid="turn-select"
        className={cn(inputClass, "mt-2")}
      >
        {turns.map((message, index) => (
          <option key={message.id} value={index === 0 ? "" : message.id}>
            {index === 0 ? "Latest: " : ""}
            {truncateLine(firstLine(message.text))}
          </option>
        ))}
      </select>
    </div>
  );
}

function truncateLine(text: string): string {
  return text.length > 90 ? `${text.slice(0, 89)}…` : text || "(no text)";
}
