import { Skeleton } from "@/components/ui/skeleton";

/** The session page's shape while it loads. */
export function SessionSkeleton() {
  return (
    <div role="status" aria-live="polite" data-testid="session-loading" className="space-y-8">
      <span className="sr-only">Loading session…</span>
      <div className="space-y-3">
        <Skeleton className="h-4 w-16" />
        <Skeleton className="h-7 w-64 max-w-full" />
        <div className="flex gap-3">
          <Skeleton className="h-5 w-16" />
          <Skeleton className="h-5 w-24 rounded-full" />
          <Skeleton className="h-5 w-20" />
        </div>
      </div>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          <Skeleton className="h-5 w-32" />
          <Skeleton className="h-24 w-4/5" />
          <Skeleton className="ml-auto h-16 w-3/5" />
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-48 w-full" />
        </div>
        <div className="space-y-4">
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-40 w-full" />
        </div>
      </div>
    </div>
  );
}
