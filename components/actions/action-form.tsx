"use client";

import { KeyRound, LoaderCircle, Plus, Trash2 } from "lucide-react";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { ActionView } from "@/lib/actions/types";
import { CHANNEL_LABELS, CHANNELS, type Channel } from "@/lib/front/channels";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import {
  draftFrom,
  emptyDraft,
  METHODS,
  newHeaderKey,
  parametersProblem,
  placeholdersOf,
  splitServerMessage,
  toInput,
  type ActionDraft,
  type FormField,
  type HeaderDraft,
} from "./form-state";
import { useCreateAction, useUpdateAction } from "./use-actions";

const textareaClass = cn(inputClass, "h-auto py-2 leading-relaxed");

/** A labelled field with its hint and its error, wired for screen readers through aria-describedby. */
function Field({
  id,
  label,
  hint,
  error,
  children,
  testId,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
  testId?: string;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div data-testid={testId}>
      <label htmlFor={id} className="block text-sm font-medium text-gray-900">
        {label}
      </label>
      <div className="mt-1">{children(describedBy)}</div>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-gray-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700" data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function HeaderRow({
  header,
  index,
  onChange,
  onRemove,
}: {
  header: HeaderDraft;
  index: number;
  onChange: (next: HeaderDraft) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const placeholder = header.secret
    ? header.unreadable
      ? "Cannot be decrypted: enter it again"
      : header.savedMask
        ? `Saved: ${header.savedMask} (leave empty to keep)`
        : "Secret value"
    : "Value";
  return (
    <li
      className="grid grid-cols-1 gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto_auto] sm:items-center"
      data-testid="header-row"
      data-secret={header.secret ? "true" : "false"}
    >
      <label htmlFor={`${id}-name`} className="sr-only">
        Header {index + 1} name
      </label>
      <input
        id={`${id}-name`}
        value={header.name}
        onChange={(event) => onChange({ ...header, name: event.target.value })}
        placeholder="Authorization"
        autoComplete="off"
        spellCheck={false}
        className={cn(inputClass, "font-mono")}
        data-testid="header-name"
      />
      <label htmlFor={`${id}-value`} className="sr-only">
        Header {index + 1} value
      </label>
      <input
        id={`${id}-value`}
        type={header.secret ? "password" : "text"}
        value={header.value}
        onChange={(event) => onChange({ ...header, value: event.target.value })}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={header.unreadable && !header.value ? true : undefined}
        className={cn(inputClass, "font-mono")}
        data-testid="header-value"
      />
      <label className="inline-flex cursor-pointer items-center gap-1.5 text-sm text-gray-800">
        <input
          type="checkbox"
          checked={header.secret}
          onChange={(event) =>
            onChange({
              ...header,
              secret: event.target.checked,
              savedMask: event.target.checked ? header.savedMask : null,
            })
          }
          className="size-4 rounded border-gray-300 accent-brand-600"
          data-testid="header-secret"
        />
        <KeyRound aria-hidden="true" className="size-3.5 text-gray-500" />
        Secret
      </label>
      <Button
        variant="ghost"
        size="icon"
        onClick={onRemove}
        aria-label={`Remove header ${header.name || index + 1}`}
        data-testid="header-remove"
      >
        <Trash2 aria-hidden="true" />
      </Button>
    </li>
  );
}

/**
 * Create or edit an action. The JSON Schema is checked as it is typed; everything else is checked by the server,
 * whose messages show under the field they name. A secret header left empty keeps its saved value.
 */
export function ActionForm({ action, onDone }: { action?: ActionView; onDone: () => void }) {
  const id = useId();
  const [draft, setDraft] = useState<ActionDraft>(() => (action ? draftFrom(action) : emptyDraft()));
  const [problems, setProblems] = useState<Partial<Record<FormField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateAction();
  const update = useUpdateAction();
  const pending = create.isPending || update.isPending;
  const nameRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.scrollIntoView({ block: "nearest" });
    nameRef.current?.focus();
  }, []);

  const set = <Key extends keyof ActionDraft>(key: Key, value: ActionDraft[Key]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setProblems((current) => ({
      ...current,
      [key === "parametersText" ? "parameters" : key === "timeoutText" ? "timeoutMs" : key]: undefined,
    }));
  };

  const liveParametersError = parametersProblem(draft.parametersText);
  const placeholders = placeholdersOf(draft.urlTemplate);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const result = toInput(draft);
    if ("problems" in result) {
      setProblems(result.problems);
      return;
    }
    const onError = (error: Error) => {
      const { fields, rest } = splitServerMessage(error.message);
      setProblems(fields);
      setFormError(rest ?? (Object.keys(fields).length > 0 ? "Some fields need a change: see below." : null));
    };
    if (action) update.mutate({ id: action.id, patch: result.input }, { onSuccess: onDone, onError });
    else create.mutate(result.input, { onSuccess: onDone, onError });
  }

  const title = action ? `Edit ${action.name}` : "New action";
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="action-form"
      className="space-y-5 px-4 py-4"
    >
      <h3 id={`${id}-title`} className="text-base font-semibold text-gray-900">
        {title}
      </h3>
      {formError ? (
        <p
          role="alert"
          data-testid="action-form-error"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {formError}
        </p>
      ) : null}

      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          id={`${id}-name`}
          label="Name"
          hint="snake_case, as the model sees it: order_status, book_callback."
          error={problems.name}
        >
          {(describedBy) => (
            <input
              ref={nameRef}
              id={`${id}-name`}
              value={draft.name}
              onChange={(event) => set("name", event.target.value)}
              placeholder="order_status"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={problems.name ? true : undefined}
              aria-describedby={describedBy}
              className={cn(inputClass, "font-mono")}
            />
          )}
        </Field>
        <Field
          id={`${id}-timeout`}
          label="Timeout (ms)"
          hint="100 to 30,000. Past it, the model is told the action timed out."
          error={problems.timeoutMs}
        >
          {(describedBy) => (
            <input
              id={`${id}-timeout`}
              type="number"
              inputMode="numeric"
              min={100}
              max={30_000}
              step={100}
              value={draft.timeoutText}
              onChange={(event) => set("timeoutText", event.target.value)}
              aria-invalid={problems.timeoutMs ? true : undefined}
              aria-describedby={describedBy}
              className={cn(inputClass, "tabular-nums")}
            />
          )}
        </Field>
      </div>

      <Field
        id={`${id}-description`}
        label="Description"
        hint="Tells the model when to use this action and what it gives back."
        error={problems.description}
      >
        {(describedBy) => (
          <textarea
            id={`${id}-description`}
            rows={2}
            value={draft.description}
            onChange={(event) => set("description", event.target.value)}
            placeholder="Look up an order's shipping status and delivery date by its number."
            aria-invalid={problems.description ? true : undefined}
            aria-describedby={describedBy}
            className={textareaClass}
          />
        )}
      </Field>

      <div className="grid gap-5 sm:grid-cols-[8rem_minmax(0,1fr)]">
        <Field id={`${id}-method`} label="Method" error={problems.method}>
          {(describedBy) => (
            <select
              id={`${id}-method`}
              value={draft.method}
              onChange={(event) => set("method", event.target.value as ActionDraft["method"])}
              aria-describedby={describedBy}
              className={inputClass}
            >
              {METHODS.map((method) => (
                <option key={method} value={method}>
                  {method}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={`${id}-url`}
          label="URL template"
          hint={
            <>
              Each <code className="rounded bg-gray-100 px-1 font-mono">{"{name}"}</code> is filled from the argument of
              that name, e.g.{" "}
              <code className="rounded bg-gray-100 px-1 font-mono break-all">
                {"https://api.example.com/orders/{order_id}"}
              </code>
              . The other arguments go in the query string (GET, DELETE) or the JSON body.
              {placeholders.length > 0 ? (
                <span data-testid="url-placeholders">
                  {" "}
                  Fills: {placeholders.map((name) => `{${name}}`).join(", ")}.
                </span>
              ) : null}
            </>
          }
          error={problems.urlTemplate}
        >
          {(describedBy) => (
            <input
              id={`${id}-url`}
              type="url"
              value={draft.urlTemplate}
              onChange={(event) => set("urlTemplate", event.target.value)}
              placeholder="https://api.example.com/orders/{order_id}"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={problems.urlTemplate ? true : undefined}
              aria-describedby={describedBy}
              className={cn(inputClass, "font-mono")}
            />
          )}
        </Field>
      </div>

      <Field
        id={`${id}-parameters`}
        label="Parameters (JSON Schema)"
        hint='An object schema: each property is an argument the model fills in. Add "description" to each, and list the ones it must give in "required".'
        error={problems.parameters ?? liveParametersError ?? undefined}
      >
        {(describedBy) => (
          <textarea
            id={`${id}-parameters`}
            rows={9}
            value={draft.parametersText}
            onChange={(event) => set("parametersText", event.target.value)}
            spellCheck={false}
            aria-invalid={problems.parameters || liveParametersError ? true : undefined}
            aria-describedby={describedBy}
            className={cn(textareaClass, "font-mono text-xs")}
          />
        )}
      </Field>

      <fieldset data-testid="headers-field">
        <legend className="text-sm font-medium text-gray-900">Headers</legend>
        <p className="mt-0.5 text-xs text-gray-600">
          Mark API keys and tokens as secret: they are encrypted when saved and never shown again.
        </p>
        {draft.headers.length > 0 ? (
          <ul className="mt-2 space-y-2">
            {draft.headers.map((header, index) => (
              <HeaderRow
                key={header.key}
                header={header}
                index={index}
                onChange={(next) =>
                  set(
                    "headers",
                    draft.headers.map((candidate) => (candidate.key === header.key ? next : candidate)),
                  )
                }
                onRemove={() =>
                  set(
                    "headers",
                    draft.headers.filter((candidate) => candidate.key !== header.key),
                  )
                }
              />
            ))}
          </ul>
        ) : null}
        {problems.headers ? (
          <p role="alert" className="mt-1 text-sm text-red-700" data-testid="field-error">
            {problems.headers}
          </p>
        ) : null}
        <Button
          size="sm"
          className="mt-2"
          onClick={() =>
            set("headers", [
              ...draft.headers,
              { key: newHeaderKey(), name: "", value: "", secret: false, savedMask: null, unreadable: false },
            ])
          }
          data-testid="add-header"
        >
          <Plus aria-hidden="true" />
          Add header
        </Button>
      </fieldset>

      <fieldset aria-describedby={problems.channels ? `${id}-channels-error` : undefined}>
        <legend className="text-sm font-medium text-gray-900">Channels</legend>
        <p className="mt-0.5 text-xs text-gray-600">
          The AI is offered this action only in conversations on these channels.
        </p>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          {CHANNELS.map((channel: Channel) => (
            <label key={channel} className="inline-flex cursor-pointer items-center gap-2 text-sm text-gray-800">
              <input
                type="checkbox"
                checked={draft.channels.includes(channel)}
                onChange={(event) =>
                  set(
                    "channels",
                    event.target.checked
                      ? CHANNELS.filter((candidate) => candidate === channel || draft.channels.includes(candidate))
                      : draft.channels.filter((candidate) => candidate !== channel),
                  )
                }
                className="size-4 rounded border-gray-300 accent-brand-600"
              />
              {CHANNEL_LABELS[channel]}
            </label>
          ))}
        </div>
        {problems.channels ? (
          <p id={`${id}-channels-error`} role="alert" className="mt-1 text-sm text-red-700" data-testid="field-error">
            {problems.channels}
          </p>
        ) : null}
      </fieldset>

      <label className="flex cursor-pointer items-start gap-2 text-sm text-gray-800">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(event) => set("enabled", event.target.checked)}
          className="mt-0.5 size-4 rounded border-gray-300 accent-brand-600"
        />
        <span>
          <span className="font-medium text-gray-900">Enabled</span>
          <span className="block text-xs text-gray-600">
            Off: saved, and testable here, but never offered to the AI.
          </span>
        </span>
      </label>

      <div className="flex flex-wrap gap-2 border-t border-gray-100 pt-4">
        <Button type="submit" variant="primary" disabled={pending} data-testid="action-save">
          {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
          {pending ? "Saving…" : action ? "Save changes" : "Create action"}
        </Button>
        <Button onClick={onDone} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
