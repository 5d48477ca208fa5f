import { ShieldCheck, ShieldX } from "lucide-react";
import Link from "next/link";
import { formatDurationMs, localDateTime, ticketLabel } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { DecisionBadge } from "./decision-badge";
import { RerunButton } from "./rerun-button";
import type { Delivery } from "./types";

function timeOfDay(time: number): string {
  return new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", second: "2-digit" }).format(time);
}

/**
 * When Front sent the event (the list's order): the time of day with seconds over the short date, in the viewer's
 * time zone, the full date in the title. A re-run also says when it ran.
 */
function SentAt({ delivery }: { delivery: Delivery }) {
  const time = Date.parse(delivery.sentAt);
  if (Number.isNaN(time)) return <span className="text-gray-500">—</span>;
  return (
    <div className="flex flex-col md:gap-0.5">
      <time
        dateTime={delivery.sentAt}
        title={`Sent by Front ${localDateTime(delivery.sentAt, { seconds: true })}`}
        className="flex flex-col tabular-nums md:gap-0.5"
      >
        <span className="text-gray-900">{timeOfDay(time)}</span>
        <span className="text-xs text-gray-500">
          {new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" }).format(time)}
        </span>
      </time>
      {delivery.rerunOf !== null ? (
        <span
          className="text-xs font-medium text-brand-700"
          data-testid="delivery-rerun-of"
          title={`Re-run of delivery #${delivery.rerunOf}, at ${localDateTime(delivery.receivedAt, { seconds: true })}`}
        >
          Re-run at {timeOfDay(Date.parse(delivery.receivedAt))}
        </span>
      ) : null}
    </div>
  );
}

function Signature({ result }: { result: string }) {
  const valid = result === "valid";
  const Icon = valid ? ShieldCheck : ShieldX;
  return (
    <span
      className={cn("inline-flex items-center gap-1 text-sm", valid ? "text-green-700" : "font-medium text-red-700")}
      data-testid="delivery-signature"
      data-signature={result}
    >
      <Icon aria-hidden="true" className="size-4 shrink-0" />
      <span className="md:sr-only">Signature </span>
      {result}
    </span>
  );
}

const cell = "align-top max-md:p-0 md:px-3 md:py-2.5";

/**
 * One delivery as a table row; below `md` the row becomes a small card (two columns, reason across), so the
 * table reads on a phone without scrolling sideways.
 */
export function DeliveryRow({
  delivery,
  explainHref,
  canRerun,
}: {
  delivery: Delivery;
  explainHref: (conversationId: string) => string;
  canRerun: boolean;
}) {
  const reason = delivery.decisionReason?.trim();
  return (
    <tr
      data-testid="delivery"
      data-delivery-id={delivery.id}
      data-decision={delivery.decision}
      data-rerun-of={delivery.rerunOf ?? undefined}
      className="max-md:grid max-md:grid-cols-[minmax(0,1fr)_auto] max-md:gap-x-3 max-md:gap-y-2 max-md:px-4 max-md:py-3 md:hover:bg-gray-50/60"
    >
      <td className={cn(cell, "md:pl-4 md:whitespace-nowrap")}>
        <SentAt delivery={delivery} />
      </td>
      <td className={cn(cell, "max-md:col-start-2 max-md:row-start-1 max-md:justify-self-end")}>
        <DecisionBadge decision={delivery.decision} />
      </td>
      <td className={cn(cell, "min-w-0")}>
        <span className="block font-mono text-[0.8125rem] break-all text-gray-900" data-testid="delivery-event-type">
          {delivery.eventType ?? <span className="text-gray-500">—</span>}
        </span>
        <span className="block text-xs text-gray-500" data-testid="delivery-kind">
          {delivery.kind}
        </span>
        {delivery.frontEventId ? (
          <span className="block font-mono text-[0.6875rem] break-all text-gray-500">{delivery.frontEventId}</span>
        ) : null}
      </td>
      <td className={cn(cell, "max-md:justify-self-end md:whitespace-nowrap")}>
        <Signature result={delivery.signatureResult} />
      </td>
      <td className={cn(cell, "max-md:col-span-2 md:max-w-xs")}>
        {reason || delivery.failedCheck || delivery.error ? (
          <div className="space-y-1 text-sm break-words">
            {reason ? (
              <p className="text-gray-700" data-testid="delivery-reason">
                {reason}
              </p>
            ) : null}
            {delivery.failedCheck ? (
              <p>
                <span className="sr-only">Failed check: </span>
                <code className="rounded bg-amber-50 px-1 py-px font-mono text-xs text-amber-800 ring-1 ring-amber-600/20 ring-inset">
                  {delivery.failedCheck}
                </code>
              </p>
            ) : null}
            {delivery.error ? (
              <p className="text-red-700" data-testid="delivery-error">
                {delivery.error}
              </p>
            ) : null}
          </div>
        ) : (
          <span className="text-sm text-gray-500 max-md:hidden">—</span>
        )}
      </td>
      <td className={cn(cell, "min-w-0 md:whitespace-nowrap")}>
        <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 md:flex-col">
          {delivery.frontConversationId ? (
            <Link
              href={explainHref(delivery.frontConversationId)}
              className="font-mono text-[0.8125rem] text-brand-700 hover:underline max-md:break-all"
              data-testid="delivery-conversation"
              title="Why didn’t the AI reply to this conversation?"
            >
              <span className="sr-only">Explain </span>
              {delivery.frontConversationId}
            </Link>
          ) : (
            <span className="text-sm text-gray-500">—</span>
          )}
          {delivery.sessionId && delivery.ticketNumber !== null ? (
            <Link
              href={`/inbox/${delivery.sessionId}`}
              className="text-sm font-medium text-brand-700 hover:underline"
              data-testid="delivery-session"
            >
              <span className="sr-only">Session </span>
              {ticketLabel(delivery.ticketNumber)}
            </Link>
          ) : null}
        </div>
      </td>
      <td
        className={cn(
          cell,
          "text-sm text-gray-600 tabular-nums max-md:justify-self-end max-md:text-right md:text-right md:whitespace-nowrap",
        )}
      >
        <span className="block" data-testid="delivery-processing">
          {delivery.processingMs === null ? (
            <span className="text-gray-500">—</span>
          ) : (
            formatDurationMs(delivery.processingMs)
          )}
        </span>
        {delivery.deliveryCount > 1 ? (
          <span
            className="block text-xs font-medium text-amber-800"
            data-testid="delivery-count"
            title={`Front delivered this event ${delivery.deliveryCount} times`}
          >
            delivered {delivery.deliveryCount}×
          </span>
        ) : null}
      </td>
      {canRerun ? (
        <td
          className={cn(
            cell,
            "max-md:col-span-2 md:pr-4 md:text-right",
            delivery.decision === "rejected" && "max-md:hidden",
          )}
        >
          {delivery.decision === "rejected" ? (
            <span
              className="text-xs text-gray-500"
              title="Refused deliveries cannot be re-run: their content was never trusted."
            >
              <span aria-hidden="true">—</span>
              <span className="sr-only">Cannot be re-run</span>
            </span>
          ) : (
            <RerunButton delivery={delivery} />
          )}
        </td>
      ) : null}
    </tr>
  );
}
