import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder tiles and chart cards while a report loads. */
export function ReportsSkeleton() {
  return (
    <div role="status" aria-live="polite" data-testid="reports-loading" className="space-y-6">
      <span className="sr-only">Loading reports…</span>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-hidden="true">
        {Array.from({ length: 4 }, (_, index) => (
          <Card key={index} className="space-y-2 px-4 py-3">
            <Skeleton className="h-3.5 w-24" />
            <Skeleton className="h-7 w-16" />
            <Skeleton className="h-3 w-28" />
          </Card>
        ))}
      </div>
      {Array.from({ length: 3 }, (_, index) => (
        <Card key={index} aria-hidden="true">
          <CardHeader className="justify-between">
            <Skeleton className="h-4 w-40" />
            <div className="flex gap-2">
              <Skeleton className="h-7 w-24" />
              <Skeleton className="h-7 w-28" />
            </div>
          </CardHeader>
          <CardBody>
            <div className="flex h-56 items-end gap-2">
              {[40, 65, 30, 80, 55, 70, 45].map((height, bar) => (
                <Skeleton key={bar} className="flex-1 rounded-b-none" style={{ height: `${height}%` }} />
              ))}
            </div>
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
