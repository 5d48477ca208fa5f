import Link from "next/link";
import { contactLabel, rowSnippet, ticketLabel } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/time";
import { ChannelLabel } from "./channel-label";
import { FlagBadge } from "./flag-badge";
import { SentimentLabel } from "./sentiment-label";
import { StatusBadge } from "./status-badge";
import type { SessionRow as Row } from "./types";

/**
 * One Inbox row: the whole row is a link to the session. The list gives one row tabIndex 0 and the others -1
 * (roving focus, moved with the arrow keys or j/k); every row stays a plain link for screen readers.
 */
export function SessionRow({ session, tabIndex, onFocus }: { session: Row; tabIndex?: number; onFocus?: () => void }) {
  const snippet = rowSnippet(session);
  return (
    <Link
      href={`/inbox/${session.id}`}
      tabIndex={tabIndex}
      onFocus={onFocus}
      data-testid="session-row"
      data-session-id={session.id}
      data-ticket={session.ticketNumber}
      data-status={session.status}
      data-channel={session.channel}
      data-sentiment={session.sentiment ?? ""}
      data-reason={session.handoffReason ?? ""}
      data-flag={session.flag ?? ""}
      data-sample={session.isSample ? "true" : undefined}
      className="group grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1.5 px-4 py-3 hover:bg-gray-50 focus-visible:bg-gray-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 md:grid-cols-[minmax(0,1fr)_7.5rem_8.5rem_7rem_6.5rem]"
    >
      <div className="min-w-0">
        <div className="flex min-w-0 items-baseline gap-2">
          <span className="shrink-0 font-mono text-xs text-gray-500 tabular-nums" data-testid="session-ticket">
            {ticketLabel(session.ticketNumber)}
          </span>
          <span
            className="truncate text-sm font-semibold text-gray-900 group-hover:text-brand-700"
            data-testid="session-contact"
          >
            {contactLabel(session)}
          </span>
          {session.isSample ? (
            <Badge
              tone="slate"
              className="shrink-0 self-center"
              data-testid="session-sample"
              title="Demo history from the sample data; Settings can clear it"
            >
              Sample
            </Badge>
          ) : null}
          <FlagBadge flag={session.flag} className="shrink-0 self-center" />
        </div>
        <p className="mt-0.5 truncate text-sm text-gray-600" data-testid="session-snippet">
          {snippet || <span className="text-gray-400 italic">No text yet</span>}
        </p>
      </div>

      <RelativeTime
        iso={session.lastActivityAt}
        className="justify-self-end text-xs whitespace-nowrap text-gray-500 md:order-last"
      />

      <div className="col-span-2 flex flex-wrap items-center gap-x-3 gap-y-1 md:contents">
        <ChannelLabel channel={session.channel} />
        <span className="md:justify-self-start">
          <StatusBadge status={session.status} testId="session-status" />
        </span>
        <SentimentLabel sentiment={session.sentiment} />
      </div>
    </Link>
  );
}
