"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export const SETTINGS_PAGES = [
  { href: "/settings/front", label: "Front" },
  { href: "/settings/ai", label: "AI" },
  { href: "/settings/knowledge", label: "Knowledge" },
  { href: "/settings/actions", label: "Actions" },
  { href: "/settings/console", label: "Console" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/audit", label: "Audit" },
] as const;

/** The Settings pages as tabs; the current one is marked for screen readers too. */
export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 overflow-x-auto border-b border-gray-200">
      <ul className="flex gap-1">
        {SETTINGS_PAGES.map((page) => {
          const active = pathname === page.href || pathname.startsWith(`${page.href}/`);
          return (
            <li key={page.href}>
              <Link
                href={page.href}
                aria-current={active ? "page" : undefined}
                data-testid={`settings-tab-${page.label.toLowerCase()}`}
                className={cn(
                  "-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  active
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900",
                )}
              >
                {page.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
