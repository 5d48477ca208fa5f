import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const badgeVariants = cva(
  "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset [&_svg]:size-3 [&_svg]:shrink-0",
  {
    variants: {
      tone: {
        gray: "bg-gray-100 text-gray-700 ring-gray-500/20",
        slate: "bg-slate-100 text-slate-700 ring-slate-600/25",
        blue: "bg-blue-50 text-blue-700 ring-blue-600/20",
        green: "bg-green-50 text-green-800 ring-green-600/20",
        amber: "bg-amber-50 text-amber-800 ring-amber-600/25",
        red: "bg-red-50 text-red-700 ring-red-600/20",
        brand: "bg-brand-50 text-brand-700 ring-brand-600/20",
      },
    },
    defaultVariants: { tone: "gray" },
  },
);

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>["tone"]>;

export function Badge({ className, tone, ...props }: ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
