import { formatDurationMs, humanize } from "@/components/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/time";
import type { EventRecord } from "./types";

const DECISION_TONES: Record<string, BadgeTone> = {
  queued: "blue",
  processed: "green",
  duplicate: "slate",
  skipped: "gray",
  recorded: "slate",
  failed: "red",
  rejected: "red",
};

/** The conversation's webhook events from Front, newest first: what arrived, and what Frontline decided. */
export function EventHistory({ events }: { events: EventRecord[] }) {
  return (
    <section aria-labelledby="events-heading" data-testid="event-history">
      <h2 id="events-heading" className="mb-3 text-base font-semibold text-gray-900">
        Event history
      </h2>
      {events.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-4 py-6 text-center text-sm text-gray-500">
          No webhook events recorded.
        </p>
      ) : (
        <ol className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm shadow-xs">
          {events.map((event) => {
            const type = event.eventType ?? event.kind;
            return (
              <li
                key={event.id}
                data-testid="event"
                data-decision={event.decision}
                data-event-type={type}
                className="space-y-1 px-4 py-2.5"
              >
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-medium text-gray-900" data-testid="event-type">
                    {humanize(type)}
                  </span>
                  <Badge tone={DECISION_TONES[event.decision] ?? "gray"} data-testid="event-decision">
                    {humanize(event.decision)}
                  </Badge>
                  <LocalTime iso={event.receivedAt} seconds className="ml-auto text-xs text-gray-500 tabular-nums" />
                </div>
                {event.decisionReason ? (
                  <p className="text-gray-600" data-testid="event-reason">
                    {event.decisionReason}
                  </p>
                ) : null}
                {event.error ? <p className="break-words text-red-700">{event.error}</p> : null}
                <p className="font-mono text-[0.6875rem] break-all text-gray-500">
                  {[
                    event.frontEventId,
                    event.deliveryCount > 1 ? `delivered ${event.deliveryCount}×` : null,
                    event.processingMs !== null ? formatDurationMs(event.processingMs) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
