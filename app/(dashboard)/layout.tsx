import { ChartColumn, Inbox, Settings, Wrench, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { navItemClass } from "@/components/ui/nav-item";
import { NavLink } from "@/components/ui/nav-link";

/** A nav entry for a page that does not exist yet: visible, not focusable, announced as coming soon. */
function ComingSoon({ icon: Icon, label, testId }: { icon: LucideIcon; label: string; testId: string }) {
  return (
    <span aria-disabled="true" data-testid={testId} className={cn(navItemClass, "cursor-not-allowed text-gray-400")}>
      <Icon aria-hidden="true" />
      {label}
      <span className="sr-only"> (coming soon)</span>
      <span aria-hidden="true" className="ml-auto rounded bg-gray-100 px-1.5 py-px text-[0.625rem] font-medium tracking-wide text-gray-500 uppercase">
        Soon
      </span>
    </span>
  );
}

function Logo() {
  return (
    <span className="flex items-center gap-2 text-[0.9375rem] font-semibold tracking-tight text-gray-900">
      <span aria-hidden="true" className="flex size-6 items-center justify-center rounded-md bg-brand-600 text-xs font-bold text-white">
        F
      </span>
      Frontline
    </span>
  );
}

// The app shell: a sidebar on wide screens that becomes a top bar on phones.
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-dvh md:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-gray-200 bg-white/95 backdrop-blur md:h-dvh md:w-56 md:shrink-0 md:border-r md:border-b-0 md:bg-white">
        <div className="flex items-center gap-3 px-4 py-2.5 md:flex-col md:items-stretch md:gap-6 md:px-3 md:py-4">
          <div className="shrink-0 md:px-2.5">
            <Logo />
          </div>
          <nav aria-label="Main" className="min-w-0 flex-1 overflow-x-auto">
            <ul className="flex items-center gap-1 md:flex-col md:items-stretch md:gap-0.5">
              <li>
                <NavLink href="/inbox" testId="nav-inbox">
                  <Inbox aria-hidden="true" />
                  Inbox
                </NavLink>
              </li>
              <li>
                <ComingSoon icon={ChartColumn} label="Reports" testId="nav-reports" />
              </li>
              <li>
                <NavLink href="/settings/front" testId="nav-settings">
                  <Settings aria-hidden="true" />
                  Settings
                </NavLink>
              </li>
              <li>
                <NavLink href="/troubleshooting" testId="nav-troubleshooting">
                  <Wrench aria-hidden="true" />
                  Troubleshooting
                </NavLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
        <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 md:py-8 lg:px-8">{children}</div>
      </main>
    </div>
  );
}
