import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A grey placeholder block; hidden from assistive technology (the region around it says what loads). */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-gray-200/80", className)} {...props} />;
}
