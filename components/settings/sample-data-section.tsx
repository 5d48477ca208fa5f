"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { History, LoaderCircle, Trash2 } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { sendJson } from "@/components/ui/send-json";
import type { ClearedSampleData, SampleDataStatus } from "@/lib/sample-data";
import { SettingsRow, SettingsSection } from "./settings-section";

const SAMPLE_DATA_KEY = ["settings", "sample-data"] as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Settings → Sample data: how much demo history there is, and a confirmed "Clear sample data". */
export function SampleDataSection() {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const status = useQuery({
    queryKey: SAMPLE_DATA_KEY,
    queryFn: ({ signal }) => fetchJson<SampleDataStatus>("/api/settings/sample-data", signal),
    // While the history is being written the count climbs: follow it.
    refetchInterval: (query) => (query.state.data?.generating ? 3_000 : false),
  });
  const clear = useMutation({
    mutationFn: () => sendJson<ClearedSampleData>("/api/settings/sample-data", "DELETE"),
    onSuccess: () => setConfirming(false),
    // Sessions, reports and deliveries all change: refetch whatever the app has loaded.
    onSettled: () => client.invalidateQueries(),
  });

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const count = status.data?.sampleSessions ?? 0;
  const generating = status.data?.generating ?? false;

  return (
    <SettingsSection
      id="sample-data"
      icon={History}
      title="Sample data"
      description="Demo history so the Inbox and reports have something to show before real conversations arrive."
      testId="sample-data-section"
    >
      <SettingsRow>
        {status.isPending ? (
          <p className="text-sm text-gray-500">Counting sample sessions…</p>
        ) : status.isError ? (
          <p role="alert" className="text-sm text-red-700">
            Could not count the sample sessions: {status.error.message}
          </p>
        ) : (
          <p className="text-sm text-gray-700">
            <span
              data-testid="sample-data-count"
              data-count={count}
              className="font-semibold text-gray-900 tabular-nums"
            >
              {count.toLocaleString("en-US")}
            </span>{" "}
            sample {count === 1 ? "session" : "sessions"}
            {count > 0 || generating
              ? " of demo history: calls, emails and messages from the last 30 days, answered or handed off by the AI. They are not real customers, and nothing was sent to Front."
              : ". The Inbox and reports show only real conversations."}
            {generating ? (
              <span className="mt-1 flex items-center gap-1.5 text-gray-500" role="status">
                <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin" />
                Still being written in the background…
              </span>
            ) : null}
          </p>
        )}

        {clear.isSuccess ? (
          <p role="status" className="mt-2 text-sm text-green-700" data-testid="sample-data-cleared">
            Cleared {plural(clear.data.sessions, "sample session")} and their {plural(clear.data.messages, "message")},{" "}
            {plural(clear.data.runs, "AI run")} and {plural(clear.data.webhookEvents, "webhook event")}.
          </p>
        ) : null}
        {clear.isError ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            Could not clear the sample data: {clear.error.message}
          </p>
        ) : null}

        <div className="mt-3 flex flex-wrap items-center gap-2">
          {confirming ? (
            <>
              <span className="text-sm text-gray-900" id="sample-data-confirm-text">
                Delete {plural(count, "sample session")} and everything recorded for them? Real sessions are kept, and
                the sample data does not come back on restart.
              </span>
              <Button
                ref={confirmRef}
                size="sm"
                className="border-red-300 text-red-700 hover:bg-red-50"
                onClick={() => clear.mutate()}
                disabled={clear.isPending}
                aria-busy={clear.isPending || undefined}
                aria-describedby="sample-data-confirm-text"
                data-testid="sample-data-confirm"
              >
                {clear.isPending ? (
                  <LoaderCircle aria-hidden="true" className="animate-spin" />
                ) : (
                  <Trash2 aria-hidden="true" />
                )}
                Yes, clear sample data
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={clear.isPending}>
                Cancel
              </Button>
            </>
          ) : (
            <Button
              size="sm"
              onClick={() => {
                clear.reset();
                setConfirming(true);
              }}
              disabled={status.isPending || (count === 0 && !generating)}
              data-testid="sample-data-clear"
            >
              <Trash2 aria-hidden="true" />
              Clear sample data
            </Button>
          )}
        </div>
      </SettingsRow>
    </SettingsSection>
  );
}
