import { Skeleton } from "@/components/ui/skeleton";

/** The settings page's shape while it loads. */
export function SettingsSkeleton() {
  return (
    <div role="status" aria-live="polite" data-testid="settings-loading" className="space-y-6">
      <span className="sr-only">Loading settings…</span>
      {[3, 4, 4].map((rows, section) => (
        <div key={section} className="rounded-lg border border-gray-200 bg-white">
          <div className="flex items-center gap-3 border-b border-gray-200 px-4 py-3">
            <Skeleton className="size-7" />
            <div className="flex-1 space-y-1.5">
              <Skeleton className="h-4 w-36" />
              <Skeleton className="h-3.5 w-3/4" />
            </div>
          </div>
          <div className="divide-y divide-gray-100">
            {Array.from({ length: rows }, (_, index) => (
              <div key={index} className="space-y-2 px-4 py-4">
                <Skeleton className="h-4 w-40" />
                <Skeleton className="h-9 w-full" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
