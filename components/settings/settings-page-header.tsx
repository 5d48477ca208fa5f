import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** The top of a Settings page: "Settings", the page's name, and a sentence on what it is for. */
export function SettingsPageHeader({
  title,
  children,
  className,
}: {
  title: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("mb-6", className)}>
      <p className="text-sm font-medium text-gray-500">Settings</p>
      <h1 className="text-xl font-semibold tracking-tight text-gray-900">{title}</h1>
      <p className="mt-1 text-sm text-gray-600">{children}</p>
    </div>
  );
}
