"use client";

import { CircleCheck, KeyRound, LoaderCircle } from "lucide-react";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { LockedNote } from "./locked-note";
import type { SaveFrontSettingsResponse, SecretField as SecretFieldName } from "./types";
import { useSaveFrontSettings } from "./use-front-settings";

export interface SecretFieldProps {
  field: SecretFieldName;
  label: string;
  /** The saved value, masked ("••••abcd"), or null when none is saved. */
  saved: string | null;
  locked: boolean;
  description?: ReactNode;
  /** What the field says when nothing is saved yet. */
  emptyPlaceholder: string;
  saveLabel: string;
  /** The success message; gets the PUT answer (the token's company). */
  savedMessage: (response: SaveFrontSettingsResponse) => ReactNode;
  /** Prefix of the test ids: `${testId}-input`, `-save`, `-saved`, `-error`. */
  testId: string;
  /** Under the field while no success message shows (e.g. which company the saved token belongs to). */
  footer?: ReactNode;
}

/**
 * A secret (token or signing secret): a password input that never shows the saved value, only its last four
 * characters as the placeholder. Saved with its own button (or Enter); the API's message shows beside it on error.
 */
export function SecretField({
  field,
  label,
  saved,
  locked,
  description,
  emptyPlaceholder,
  saveLabel,
  savedMessage,
  testId,
  footer,
}: SecretFieldProps) {
  const id = useId();
  const [value, setValue] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useSaveFrontSettings();
  const error = localError ?? (save.isError ? save.error.message : null);
  const descriptionId = `${id}-description`;
  const messageId = `${id}-message`;
  const lockedId = `${id}-locked`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = value.trim();
    if (!trimmed) {
      save.reset();
      setLocalError(`Paste the ${label.toLowerCase()} first.`);
      return;
    }
    setLocalError(null);
    save.mutate({ [field]: trimmed }, { onSuccess: () => setValue("") });
  }

  const placeholder = locked ? "Set in the environment" : saved ? `Saved: ${saved}` : emptyPlaceholder;

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      data-testid={testId}
      data-field={field}
      data-saved={saved ? "true" : "false"}
      data-locked={locked ? "true" : undefined}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <label htmlFor={id} className="inline-flex items-center gap-1.5 text-sm font-medium text-gray-900">
          <KeyRound aria-hidden="true" className="size-4 text-gray-400" />
          {label}
        </label>
        {locked ? <LockedNote id={lockedId} /> : null}
      </div>
      {description ? (
        <p id={descriptionId} className="mt-0.5 text-sm text-gray-600">
          {description}
        </p>
      ) : null}
      <div className="mt-2 flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          type="password"
          name={field}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            if (localError) setLocalError(null);
          }}
          placeholder={placeholder}
          disabled={locked}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={[description ? descriptionId : null, locked ? lockedId : null, messageId]
            .filter(Boolean)
            .join(" ")}
          data-testid={`${testId}-input`}
          className={cn(inputClass, "font-mono sm:flex-1")}
        />
        <Button
          type="submit"
          variant="primary"
          disabled={locked || save.isPending}
          data-testid={`${testId}-save`}
          className="sm:shrink-0"
        >
          {save.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
          {save.isPending ? "Saving…" : saveLabel}
        </Button>
      </div>
      <div id={messageId} className="mt-1.5 space-y-1 text-sm empty:hidden">
        {error ? (
          <p role="alert" data-testid={`${testId}-error`} className="text-red-700">
            {error}
          </p>
        ) : null}
        {/* Always rendered, so screen readers announce the success when it appears. */}
        <p role="status" className="empty:hidden">
          {save.isSuccess && !error ? (
            <span data-testid={`${testId}-saved`} className="flex items-start gap-1.5 text-green-800">
              <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-green-600" />
              <span>{savedMessage(save.data)}</span>
            </span>
          ) : null}
        </p>
        {!error && !save.isSuccess ? footer : null}
      </div>
    </form>
  );
}
