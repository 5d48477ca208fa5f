import { ChartColumn, FlaskConical, Inbox, Settings, Wrench } from "lucide-react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { Logo } from "@/components/ui/logo";
import { NavLink } from "@/components/ui/nav-link";
import { REQUEST_PATH_HEADER } from "@/lib/auth/cookie";
import { getSessionUser } from "@/lib/auth/guard";
import { loginPath } from "@/lib/auth/next-path";

// The app shell: a sidebar on wide screens that becomes a top bar on phones, its nav on a row of its own so every
// entry (Settings and Troubleshooting too) is on screen without scrolling sideways. Signed-in people only: proxy.ts
// turns away requests without a session cookie, and this layout checks the session itself.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect(loginPath((await headers()).get(REQUEST_PATH_HEADER)));
  return (
    <div className="min-h-dvh md:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-gray-200 bg-white/95 backdrop-blur md:h-dvh md:w-56 md:shrink-0 md:border-r md:border-b-0 md:bg-white">
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1.5 px-4 pt-2.5 pb-1.5 md:h-full md:flex-col md:flex-nowrap md:items-stretch md:justify-start md:gap-6 md:px-3 md:py-4">
          <div className="shrink-0 md:px-2.5">
            <Logo />
          </div>
          <nav aria-label="Main" className="min-w-0 max-md:order-last max-md:basis-full md:flex-1">
            <ul className="flex items-center gap-1 max-md:justify-around md:flex-col md:items-stretch md:gap-0.5 [&>li]:max-md:flex-1">
              <li>
                <NavLink href="/inbox" testId="nav-inbox">
                  <Inbox aria-hidden="true" />
                  Inbox
                </NavLink>
              </li>
              <li>
                <NavLink href="/reports" testId="nav-reports">
                  <ChartColumn aria-hidden="true" />
                  Reports
                </NavLink>
              </li>
              <li>
                <NavLink href="/evals" testId="nav-evals">
                  <FlaskConical aria-hidden="true" />
                  Evaluations
                </NavLink>
              </li>
              {user.role === "admin" ? (
                <li>
                  <NavLink href="/settings" testId="nav-settings">
                    <Settings aria-hidden="true" />
                    Settings
                  </NavLink>
                </li>
              ) : null}
              <li>
                <NavLink href="/troubleshooting" testId="nav-troubleshooting">
                  <Wrench aria-hidden="true" />
                  Troubleshooting
                </NavLink>
              </li>
            </ul>
          </nav>
          <div className="shrink-0 md:border-t md:border-gray-200 md:pt-3">
            <UserMenu user={user} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
        <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 md:py-8 lg:px-8">{children}</div>
      </main>
    </div>
  );
}
