import { Lock } from "lucide-react";
import { cn } from "@/components/ui/cn";

/** Beside a field an environment variable fixes: it cannot be changed on this page. */
export function LockedNote({ className, id }: { className?: string; id?: string }) {
  return (
    <span
      id={id}
      data-testid="locked-note"
      className={cn("inline-flex items-center gap-1 text-xs font-medium text-gray-500", className)}
    >
      <Lock aria-hidden="true" className="size-3.5 shrink-0" />
      Set in the environment
    </span>
  );
}
