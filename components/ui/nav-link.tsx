"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { navItemClass } from "./nav-item";

/** A nav entry that marks itself current (aria-current) on its route and the routes below it. */
export function NavLink({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      data-testid={testId}
      aria-current={active ? "page" : undefined}
      className={cn(
        navItemClass,
        active
          ? "bg-brand-50 text-brand-700 [&_svg]:text-brand-600"
          : "text-gray-700 hover:bg-gray-100 hover:text-gray-900 [&_svg]:text-gray-500",
      )}
    >
      {children}
    </Link>
  );
}
