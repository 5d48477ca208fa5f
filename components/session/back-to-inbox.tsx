"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useSyncExternalStore } from "react";
import { lastInboxSearch } from "@/components/inbox/url-state";

const noSubscription = () => () => {};

/** Back to the Inbox as the lead left it in this tab: the same view, filters and search. */
export function BackToInbox() {
  const search = useSyncExternalStore(noSubscription, lastInboxSearch, () => "");
  return (
    <Link
      href={search ? `/inbox?${search}` : "/inbox"}
      className="inline-flex items-center gap-1 rounded text-sm text-gray-600 hover:text-gray-900"
      data-testid="back-to-inbox"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      Inbox
    </Link>
  );
}
