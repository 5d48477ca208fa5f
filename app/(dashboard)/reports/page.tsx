import type { Metadata } from "next";
import { Suspense } from "react";
import { ReportsSkeleton } from "@/components/reports/reports-skeleton";
import { ReportsView } from "@/components/reports/reports-view";

export const metadata: Metadata = { title: "Reports" };

// Reports: per channel, over a range of UTC days, what the AI teammate handled and how fast. The range and
// channel live in the query string, read on the client, so the view sits in a Suspense boundary.
export default function ReportsPage() {
  return (
    <>
      <div className="mb-6">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Reports</h1>
        <p className="mt-1 text-sm text-gray-600">
          Per channel: how many conversations reached the AI teammate, what became of them, why it handed off, how
          customers felt and how fast it answered.
        </p>
      </div>
      <Suspense fallback={<ReportsSkeleton />}>
        <ReportsView />
      </Suspense>
    </>
  );
}
