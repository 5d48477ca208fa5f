import { ExternalLink, Info } from "lucide-react";
import { contactLabel, displayHandle, ticketLabel } from "@/components/format";
import { ChannelLabel } from "@/components/inbox/channel-label";
import { FlagBadge } from "@/components/inbox/flag-badge";
import { SentimentLabel } from "@/components/inbox/sentiment-label";
import { StatusBadge } from "@/components/inbox/status-badge";
import { buttonVariants } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/time";
import { AI_OUTCOME_LABELS } from "@/lib/inbox/session-filters";
import { formatWait } from "@/lib/reports/format";
import { BackToInbox } from "./back-to-inbox";
import type { SessionRecord } from "./types";

/** Who and what the session is: ticket number, contact, channel, status, sentiment and a way into Front. */
export function SessionHeader({ session, frontUrl }: { session: SessionRecord; frontUrl: string }) {
  const contact = contactLabel(session);
  const showHandle = Boolean(
    session.contactName && session.contactHandle && session.contactName !== session.contactHandle,
  );
  return (
    <header className="space-y-3" data-testid="session-header">
      <BackToInbox />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-baseline gap-x-2 text-xl font-semibold tracking-tight text-gray-900">
            <span className="font-mono text-base font-medium text-gray-500" data-testid="session-ticket">
              {ticketLabel(session.ticketNumber)}
            </span>
            <span className="min-w-0 break-words" data-testid="session-contact">
              {contact}
            </span>
          </h1>
          {showHandle || session.subject ? (
            <p className="mt-1 text-sm break-words text-gray-600">
              {showHandle ? <span>{displayHandle(session.contactHandle)}</span> : null}
              {showHandle && session.subject ? <span aria-hidden="true"> · </span> : null}
              {session.subject ? <span>{session.subject}</span> : null}
            </p>
          ) : null}
        </div>
        <a
          href={frontUrl}
          target="_blank"
          rel="noreferrer"
          className={buttonVariants({ variant: "secondary" })}
          data-testid="open-in-front"
        >
          Open in Front
          <ExternalLink aria-hidden="true" />
          <span className="sr-only">(opens in a new tab)</span>
        </a>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <ChannelLabel channel={session.channel} />
        <StatusBadge status={session.status} testId="session-status" />
        <FlagBadge flag={session.flag} />
        <SentimentLabel sentiment={session.sentiment} />
        <span className="text-sm text-gray-500">
          Last activity <RelativeTime iso={session.lastActivityAt} />
        </span>
      </div>
      <AiOutcomeLine session={session} />
      {session.statusReason ? (
        <p
          className="flex items-start gap-2 rounded-md border border-gray-200 bg-white px-3 py-2 text-sm text-gray-700"
          data-testid="status-reason"
        >
          <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-gray-400" />
          <span>{session.statusReason}</span>
        </p>
      ) : null}
    </header>
  );
}

/**
 * What the AI did, apart from where the conversation is now (the status above): the reports judge the AI by this.
 * With the human follow-up after it, so a lead sees why a session counts as resolved by the AI, or not.
 */
function AiOutcomeLine({ session }: { session: SessionRecord }) {
  if (!session.aiOutcome) return null;
  const actedAt = session.aiOutcomeAt ? Date.parse(session.aiOutcomeAt) : null;
  const after = (iso: string | null) =>
    iso && actedAt !== null ? formatWait(Math.max(0, (Date.parse(iso) - actedAt) / 1000)) : null;
  const replied = after(session.humanRepliedAt);
  const reopened = after(session.reopenedAt);
  const parts = [
    replied ? `a teammate replied ${replied} after` : null,
    reopened ? `reopened ${reopened} after` : null,
    !replied && !reopened && session.aiOutcome !== "skipped" ? "no teammate reply or reopen since" : null,
  ].filter(Boolean);
  return (
    <p className="text-sm text-gray-600" data-testid="ai-outcome" data-outcome={session.aiOutcome}>
      <span className="font-medium text-gray-800">AI outcome: {AI_OUTCOME_LABELS[session.aiOutcome]}</span>
      {session.aiOutcomeAt ? (
        <>
          {" "}
          <RelativeTime iso={session.aiOutcomeAt} />
        </>
      ) : null}
      {parts.length > 0 ? <span> · {parts.join(" · ")}</span> : null}
    </p>
  );
}
