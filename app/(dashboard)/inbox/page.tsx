import type { Metadata } from "next";
import { SessionList } from "@/components/inbox/session-list";

export const metadata: Metadata = { title: "Inbox" };

// The Inbox: every AI session, newest activity first.
export default function InboxPage() {
  return (
    <>
      <div className="mb-6">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Inbox</h1>
        <p className="mt-1 text-sm text-gray-600">Every conversation Front sent to the AI teammate: what it answered, and what it handed to a person.</p>
      </div>
      <SessionList />
    </>
  );
}
