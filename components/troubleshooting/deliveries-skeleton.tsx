import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows while the first page of deliveries loads. */
export function DeliveriesSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="deliveries-loading"
      className="overflow-hidden rounded-lg border border-gray-200 bg-white"
    >
      <span className="sr-only">Loading deliveries…</span>
      <ul className="divide-y divide-gray-100" aria-hidden="true">
        {Array.from({ length: rows }, (_, index) => (
          <li key={index} className="flex items-center gap-4 px-4 py-3.5">
            <Skeleton className="h-8 w-20" />
            <Skeleton className="h-5 w-20 rounded-full" />
            <div className="min-w-0 flex-1 space-y-2">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="hidden h-3.5 w-2/3 md:block" />
            </div>
            <Skeleton className="hidden h-4 w-24 md:block" />
            <Skeleton className="h-7 w-16" />
          </li>
        ))}
      </ul>
    </div>
  );
}
