import type { Metadata } from "next";
import { Suspense } from "react";
import { DeliveriesPanel } from "@/components/troubleshooting/deliveries-panel";
import { DeliveriesSkeleton } from "@/components/troubleshooting/deliveries-skeleton";
import { ExplainPanel } from "@/components/troubleshooting/explain-panel";
import { ExplainSkeleton } from "@/components/troubleshooting/explain-skeleton";
import { getSessionUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Troubleshooting" };

// Troubleshooting: why the AI did not reply to a conversation, and every webhook delivery with its decision.
// Both panels read the query string, so each sits in its own Suspense boundary.
export default async function TroubleshootingPage() {
  const user = await getSessionUser();
  return (
    <>
      <div className="mb-6">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Troubleshooting</h1>
        <p className="mt-1 text-sm text-gray-600">
          Find out why the AI stayed quiet on a conversation, and see every delivery from Front with what Frontline did
          with it.
        </p>
      </div>
      <div className="space-y-10">
        <Suspense fallback={<ExplainSkeleton />}>
          <ExplainPanel />
        </Suspense>
        <Suspense fallback={<DeliveriesSkeleton />}>
          <DeliveriesPanel canRerun={user?.role === "admin"} />
        </Suspense>
      </div>
    </>
  );
}
