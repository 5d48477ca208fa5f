import { ArrowLeft, SearchX } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { StatePanel } from "@/components/ui/state-panel";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center px-4 py-16">
      <h1 className="mb-4 text-center text-xl font-semibold text-gray-900">Page not found</h1>
      <StatePanel
        icon={SearchX}
        action={
          <Link href="/inbox" className={buttonVariants({ variant: "secondary" })}>
            <ArrowLeft aria-hidden="true" />
            Back to the Inbox
          </Link>
        }
      >
        There is nothing at this address. It may have moved, or the link may be mistyped.
      </StatePanel>
    </main>
  );
}
