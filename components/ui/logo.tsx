/** The Frontline wordmark: an "F" tile and the name. */
export function Logo() {
  return (
    <span className="flex items-center gap-2 text-[0.9375rem] font-semibold tracking-tight text-gray-900">
      <span
        aria-hidden="true"
        className="flex size-6 items-center justify-center rounded-md bg-brand-600 text-xs font-bold text-white"
      >
        F
      </span>
      Frontline
    </span>
  );
}
