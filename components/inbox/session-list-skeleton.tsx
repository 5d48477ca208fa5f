import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows while the first page loads. */
export function SessionListSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="sessions-loading"
      className="overflow-hidden rounded-lg border border-gray-200 bg-white"
    >
      <span className="sr-only">Loading sessions…</span>
      <ul className="divide-y divide-gray-100" aria-hidden="true">
        {Array.from({ length: rows }, (_, index) => (
          <li key={index} className="flex items-center gap-4 px-4 py-3.5">
            <div className="min-w-0 flex-1 space-y-2">
              <Skeleton className="h-4 w-48 max-w-full" />
              <Skeleton className="h-3.5 w-3/4" />
            </div>
            <Skeleton className="hidden h-4 w-16 md:block" />
            <Skeleton className="hidden h-5 w-20 rounded-full md:block" />
            <Skeleton className="hidden h-4 w-16 md:block" />
            <Skeleton className="h-3.5 w-14" />
          </li>
        ))}
      </ul>
    </div>
  );
}
