"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Inbox, LoaderCircle, SearchX, X } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { StatePanel } from "@/components/ui/state-panel";
import { LoadError } from "@/components/ui/load-error";
import { uniqueById } from "@/components/ui/unique-by-id";
import { DeliveriesSkeleton } from "./deliveries-skeleton";
import { DeliveryFilters } from "./delivery-filters";
import { DeliveryRow } from "./delivery-row";
import type { DeliveriesResponse } from "./types";
import { DECISION_PARAM, DELIVERY_CONVERSATION_PARAM, EXPLAIN_PARAM, pageHref, setSearchParams } from "./url-state";

export const DELIVERIES_PAGE_SIZE = 50;
const POLL_MS = 5_000;

function deliveriesUrl(
  filters: { decision: string | null; conversation: string | null },
  before: number | null,
): string {
  const params = new URLSearchParams({ limit: String(DELIVERIES_PAGE_SIZE) });
  if (filters.decision) params.set("decision", filters.decision);
  if (filters.conversation) params.set("conversation", filters.conversation);
  if (before !== null) params.set("before", String(before));
  return `/api/troubleshooting/deliveries?${params}`;
}

/** The polling state: live, or reconnecting after a failed refresh (the last rows stay on screen meanwhile). */
function LiveMarker({ reconnecting }: { reconnecting: boolean }) {
  return (
    <span
      role="status"
      className={
        reconnecting
          ? "inline-flex items-center gap-1.5 text-xs font-medium text-amber-800"
          : "inline-flex items-center gap-1.5 text-xs text-gray-500"
      }
      title={reconnecting ? "The last refresh failed; trying again every 5 seconds" : "Refreshed every 5 seconds"}
      data-testid="deliveries-live"
      data-state={reconnecting ? "reconnecting" : "live"}
    >
      <span
        aria-hidden="true"
        className={
          reconnecting ? "size-1.5 rounded-full bg-amber-500" : "size-1.5 animate-pulse rounded-full bg-green-500"
        }
      />
      {reconnecting ? "Reconnecting…" : "Live"}
    </span>
  );
}

/**
 * Every webhook delivery, newest first by when Front sent it, filtered by decision and conversation (both in the
 * URL), polled. Only admins (`canRerun`) get the Re-run column.
 */
export function DeliveriesPanel({ canRerun }: { canRerun: boolean }) {
  const searchParams = useSearchParams();
  const decision = searchParams.get(DECISION_PARAM)?.trim() || null;
  const conversation = searchParams.get(DELIVERY_CONVERSATION_PARAM)?.trim() || null;
  const filtered = Boolean(decision || conversation);

  const query = useInfiniteQuery({
    queryKey: ["troubleshooting", "deliveries", { decision, conversation }],
    queryFn: ({ pageParam, signal }) =>
      fetchJson<DeliveriesResponse>(deliveriesUrl({ decision, conversation }, pageParam), signal),
    initialPageParam: null as number | null,
    getNextPageParam: (lastPage) => lastPage.nextBeforeId,
    refetchInterval: POLL_MS,
    // A failed poll is shown as "reconnecting" at once; the next poll is the retry.
    retry: false,
    // Changing a filter keeps the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

  // Pages are keyset-paginated by id; a refetch can overlap, so a delivery is shown once.
  const deliveries = useMemo(
    () => uniqueById((query.data?.pages ?? []).flatMap((page) => page.deliveries)),
    [query.data],
  );

  const explainHref = useCallback(
    (conversationId: string) => pageHref(searchParams, { [EXPLAIN_PARAM]: conversationId }, "explain"),
    [searchParams],
  );
  const clearFilters = () => setSearchParams({ [DECISION_PARAM]: null, [DELIVERY_CONVERSATION_PARAM]: null });

  let body;
  if (query.isPending) {
    body = <DeliveriesSkeleton />;
  } else if (query.isError && !query.data) {
    body = (
      <LoadError
        title="Could not load deliveries"
        testId="deliveries-error"
        message={query.error.message}
        onRetry={() => void query.refetch()}
        extraAction={
          filtered ? (
            <Button variant="ghost" onClick={clearFilters}>
              <X aria-hidden="true" />
              Clear filters
            </Button>
          ) : null
        }
      />
    );
  } else if (deliveries.length === 0) {
    body = filtered ? (
      <StatePanel
        icon={SearchX}
        role="status"
        testId="deliveries-empty"
        action={
          <Button onClick={clearFilters}>
            <X aria-hidden="true" />
            Clear filters
          </Button>
        }
      >
        <p>
          <strong className="font-semibold text-gray-900">No deliveries match these filters.</strong>
        </p>
      </StatePanel>
    ) : (
      <StatePanel icon={Inbox} role="status" testId="deliveries-empty">
        <p>
          <strong className="font-semibold text-gray-900">No deliveries yet</strong> — Front’s webhooks show here as
          they arrive. The URL to give Front is in{" "}
          <Link href="/settings/front#webhook" className="font-medium text-brand-700 hover:underline">
            Settings → Front
          </Link>
          .
        </p>
      </StatePanel>
    );
  } else {
    body = (
      <div className="space-y-4">
        {query.isError ? (
          <p
            className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800"
            data-testid="deliveries-reconnecting"
          >
            Reconnecting — showing the deliveries loaded last; the latest refresh failed ({query.error.message}).
          </p>
        ) : null}
        <div
          className="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-xs"
          aria-busy={query.isPlaceholderData || undefined}
        >
          <table className="w-full text-left max-md:block" data-testid="deliveries">
            <caption className="sr-only">Webhook deliveries, newest first by when Front sent them</caption>
            <thead className="border-b border-gray-200 bg-gray-50 text-xs font-medium text-gray-500 max-md:sr-only">
              <tr>
                <th scope="col" className="py-2 pr-3 pl-4 font-medium">
                  Sent
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Decision
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Event
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Signature
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Reason
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Conversation
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Took
                </th>
                {canRerun ? (
                  <th scope="col" className="py-2 pr-4 pl-3 text-right font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody
              className={
                query.isPlaceholderData
                  ? "divide-y divide-gray-100 opacity-60 max-md:block"
                  : "divide-y divide-gray-100 max-md:block"
              }
            >
              {deliveries.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} explainHref={explainHref} canRerun={canRerun} />
              ))}
            </tbody>
          </table>
        </div>
        {query.hasNextPage ? (
          <div className="flex justify-center">
            <Button
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
              data-testid="deliveries-load-more"
            >
              {query.isFetchingNextPage ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <section
      aria-labelledby="deliveries-heading"
      id="deliveries"
      className="scroll-mt-20 space-y-4"
      data-testid="deliveries-section"
    >
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <div>
          <h2 id="deliveries-heading" className="text-base font-semibold text-gray-900">
            Deliveries
          </h2>
          <p className="mt-0.5 text-sm text-gray-600">
            Every webhook Front sent, newest first by when Front sent it, and what Frontline decided; a re-run is listed
            above the delivery it repeats. Times are in your time zone.
          </p>
        </div>
        <LiveMarker reconnecting={query.isError && Boolean(query.data)} />
      </div>
      <DeliveryFilters decision={decision} conversation={conversation} />
      {body}
    </section>
  );
}
