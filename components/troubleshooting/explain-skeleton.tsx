import { Skeleton } from "@/components/ui/skeleton";

/** The explain panel's shape while the page reads its URL. */
export function ExplainSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="space-y-1.5" aria-hidden="true">
        <Skeleton className="h-5 w-52" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="space-y-2 rounded-lg border border-gray-200 bg-white p-4" aria-hidden="true">
        <Skeleton className="h-4 w-40" />
        <Skeleton className="h-4 w-72 max-w-full" />
        <Skeleton className="h-9 w-full sm:max-w-md" />
      </div>
    </div>
  );
}
