import type { LucideIcon } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

/** One titled card of the settings page: an icon, a heading, a sentence on what it is for, then its fields. */
export function SettingsSection({
  id,
  icon: Icon,
  title,
  description,
  aside,
  children,
  testId,
  className,
}: {
  id: string;
  icon: LucideIcon;
  title: string;
  description?: ReactNode;
  /** Shown at the right of the heading (a count, a live marker). */
  aside?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const headingId = `${id}-heading`;
  return (
    <Card className={className} data-testid={testId}>
      <section aria-labelledby={headingId} id={id} className="scroll-mt-20">
        <header className="flex flex-wrap items-start gap-x-3 gap-y-1 border-b border-gray-200 px-4 py-3">
          <span
            aria-hidden="true"
            className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md bg-gray-100 text-gray-600"
          >
            <Icon className="size-4" />
          </span>
          <div className="min-w-0 flex-1">
            <h2 id={headingId} className="text-base font-semibold text-gray-900">
              {title}
            </h2>
            {description ? <p className="mt-0.5 text-sm text-gray-600">{description}</p> : null}
          </div>
          {aside ? <div className="ml-auto self-center">{aside}</div> : null}
        </header>
        <div className="divide-y divide-gray-100">{children}</div>
      </section>
    </Card>
  );
}

/** One setting inside a section. */
export function SettingsRow({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("px-4 py-4", className)} {...props} />;
}
