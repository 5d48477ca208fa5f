import { History } from "lucide-react";
import Link from "next/link";
import { rowSnippet, ticketLabel } from "@/components/format";
import { ChannelLabel } from "@/components/inbox/channel-label";
import { StatusBadge } from "@/components/inbox/status-badge";
import { RelativeTime } from "@/components/ui/time";
import type { ContactSessionRecord } from "./types";

/** The same caller's other sessions, newest first, each a link; nothing when there are none. */
export function ContactSessions({ sessions }: { sessions: ContactSessionRecord[] }) {
  if (sessions.length === 0) return null;
  return (
    <section aria-labelledby="contact-sessions-heading" data-testid="contact-sessions">
      <h2 id="contact-sessions-heading" className="mb-3 flex items-center gap-2 text-base font-semibold text-gray-900">
        <History aria-hidden="true" className="size-4 text-gray-500" />
        Earlier sessions from this contact
      </h2>
      <ul className="divide-y divide-gray-100 overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        {sessions.map((session) => {
          const snippet = rowSnippet(session);
          return (
            <li key={session.id}>
              <Link
                href={`/inbox/${session.id}`}
                data-testid="contact-session"
                data-session-id={session.id}
                className="group block space-y-1 px-4 py-2.5 hover:bg-gray-50 focus-visible:bg-gray-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
              >
                <span className="flex flex-wrap items-center gap-x-2.5 gap-y-1">
                  <span className="font-mono text-xs text-gray-500 tabular-nums group-hover:text-brand-700">
                    {ticketLabel(session.ticketNumber)}
                  </span>
                  <ChannelLabel channel={session.channel} className="text-xs [&_svg]:size-3.5" />
                  <StatusBadge status={session.status} testId="contact-session-status" />
                  <RelativeTime iso={session.createdAt} className="ml-auto text-xs whitespace-nowrap text-gray-500" />
                </span>
                <span className="block truncate text-sm text-gray-700 group-hover:text-gray-900">
                  {snippet || <span className="text-gray-500 italic">No text</span>}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
