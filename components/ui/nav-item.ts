/**
 * Shared look of a nav entry (a plain module, so server components can import the string). On a phone the entries
 * share the bar's width, icon over a small label, so every one of them stays on screen.
 */
export const navItemClass =
  "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap [&_svg]:size-4 [&_svg]:shrink-0 max-md:flex-col max-md:gap-0.5 max-md:px-1 max-md:py-1 max-md:text-[0.6875rem]";
