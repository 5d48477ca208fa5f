import type { Metadata } from "next";
import { Suspense } from "react";
import { SessionList } from "@/components/inbox/session-list";
import { SessionListSkeleton } from "@/components/inbox/session-list-skeleton";
import { getSessionUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Inbox" };

// The Inbox: every AI session, newest activity first, with saved views, filters and search in the URL
// (view, channel, status, sentiment, reason, from, to, q, limit: see lib/inbox/session-filters.ts).
// The list reads the query string, so it sits in a Suspense boundary.
export default async function InboxPage() {
  const user = await getSessionUser();
  return (
    <>
      <div className="mb-6">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Inbox</h1>
        <p className="mt-1 text-sm text-gray-600">
          Every conversation Front sent to the AI teammate: what it answered, and what it handed to a person.
        </p>
      </div>
      <Suspense fallback={<SessionListSkeleton />}>
        <SessionList canSelect={user?.role === "admin"} />
      </Suspense>
    </>
  );
}
