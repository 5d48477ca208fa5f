/** Shared look of a nav entry (a plain module, so server components can import the string). */
export const navItemClass =
  "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap [&_svg]:size-4 [&_svg]:shrink-0";
