"use client";

import { CircleCheck, LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * A section's Save button with what happened: "Saved", or the API's message. `dirty` enables it; the message is
 * announced to screen readers.
 */
export function SaveRow({
  testId,
  dirty,
  pending,
  saved,
  error,
  label = "Save",
}: {
  testId: string;
  dirty: boolean;
  pending: boolean;
  saved: boolean;
  error: string | null;
  label?: string;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="primary" disabled={!dirty || pending} data-testid={`${testId}-save`}>
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
        {pending ? "Saving…" : label}
      </Button>
      <p role="status" className="text-sm empty:hidden">
        {error ? (
          <span role="alert" data-testid={`${testId}-error`} className="text-red-700">
            {error}
          </span>
        ) : saved && !dirty ? (
          <span data-testid={`${testId}-saved`} className="inline-flex items-center gap-1.5 text-green-800">
            <CircleCheck aria-hidden="true" className="size-4 text-green-600" />
            Saved. The next run uses it.
          </span>
        ) : null}
      </p>
    </div>
  );
}
