import Link from "next/link";
import { SESSION_VIEWS, type SessionViewId } from "@/lib/inbox/session-filters";
import { cn } from "@/components/ui/cn";
import { inboxHref } from "./url-state";

/** A view's link: the view alone (a fresh start, filters dropped), keeping only the page size. */
export function viewHref(view: SessionViewId, pageSize: string | null): string {
  const params = new URLSearchParams();
  if (view !== "all") params.set("view", view);
  if (pageSize) params.set("limit", pageSize);
  return inboxHref(params);
}

/** The saved views above the list: links that set `view`, the current one marked with aria-current. */
export function SavedViews({ active, pageSize }: { active: SessionViewId; pageSize: string | null }) {
  return (
    <nav aria-label="Saved views" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 border-b border-gray-200" data-testid="saved-views">
        {SESSION_VIEWS.map((view) => {
          const current = view.id === active;
          return (
            <li key={view.id}>
              <Link
                href={viewHref(view.id, pageSize)}
                title={view.description}
                aria-current={current ? "page" : undefined}
                data-testid="saved-view"
                data-view={view.id}
                className={cn(
                  "-mb-px flex items-center border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600",
                  current
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900",
                )}
              >
                {view.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
