"use client";

import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import type { DryRunDefaults, RunOptions } from "./types";

export const textareaClass = cn(inputClass, "h-auto py-2 leading-relaxed");

const providerOf = (model: string) => model.trim().split(":")[0];

/** Model, base URL, instructions and handoff topics for one dry run, prefilled with what is in force. */
export function RunOptionsFields({
  value,
  onChange,
  defaults,
  columns = false,
  testIdPrefix,
}: {
  value: RunOptions;
  onChange: (next: RunOptions) => void;
  defaults: DryRunDefaults;
  /** Model beside the text fields on wide screens (the session page), instead of one column (the console). */
  columns?: boolean;
  testIdPrefix: string;
}) {
  const id = useId();
  const set = (patch: Partial<RunOptions>) => onChange({ ...value, ...patch });
  const provider = providerOf(value.model);
  const showBaseUrl = provider === "openai-compatible" || value.baseUrl.trim() !== "";
  const savedProvider = providerOf(defaults.model);
  const keyNote =
    defaults.hasApiKey && provider !== "local" && provider !== savedProvider
      ? `The saved API key belongs to ${savedProvider} models, so this run goes without it.`
      : null;

  return (
    <div className={cn("grid gap-4", columns && "lg:grid-cols-2")}>
      <div className="space-y-4">
        <div>
          <label htmlFor={`${id}-model`} className="text-sm font-medium text-gray-900">
            Model
          </label>
          <p id={`${id}-model-hint`} className="mt-0.5 text-sm text-gray-600">
            In force: <span className="font-medium text-gray-800">{defaults.modelLabel}</span>
            {defaults.model !== defaults.modelLabel ? (
              <code className="ml-1 rounded bg-gray-100 px-1 font-mono text-xs text-gray-600">{defaults.model}</code>
            ) : null}
          </p>
          <input
            id={`${id}-model`}
            type="text"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="local, openai:gpt-4o-mini…"
            value={value.model}
            onChange={(event) => set({ model: event.target.value })}
            aria-describedby={`${id}-model-hint${keyNote ? ` ${id}-key-note` : ""}`}
            data-testid={`${testIdPrefix}-model`}
            className={cn(inputClass, "mt-2 font-mono")}
          />
          <div className="mt-2 flex flex-wrap gap-1.5" role="group" aria-label="Suggested models">
            {defaults.suggestions.slice(0, 6).map((suggestion) => (
              <button
                key={suggestion.spec}
                type="button"
                aria-pressed={value.model.trim() === suggestion.spec}
                title={suggestion.label}
                onClick={() => set({ model: suggestion.spec })}
                className={cn(
                  "rounded-full border px-2 py-0.5 font-mono text-xs focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
                  value.model.trim() === suggestion.spec
                    ? "border-brand-600 bg-brand-50 text-brand-800"
                    : "border-gray-300 bg-white text-gray-700 hover:bg-gray-50",
                )}
              >
                {suggestion.spec}
              </button>
            ))}
          </div>
          {keyNote ? (
            <p id={`${id}-key-note`} className="mt-2 text-sm text-amber-800">
              {keyNote}
            </p>
          ) : null}
        </div>
        {showBaseUrl ? (
          <div>
            <label htmlFor={`${id}-base-url`} className="text-sm font-medium text-gray-900">
              Base URL
            </label>
            <p id={`${id}-base-url-hint`} className="mt-0.5 text-sm text-gray-600">
              Where an openai-compatible model answers.{" "}
              {defaults.baseUrl && provider === savedProvider
                ? "Empty: the saved one."
                : "Required for openai-compatible models."}
            </p>
            <input
              id={`${id}-base-url`}
              type="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={
                defaults.baseUrl && provider === savedProvider ? defaults.baseUrl : "http://127.0.0.1:11434/v1"
              }
              value={value.baseUrl}
              onChange={(event) => set({ baseUrl: event.target.value })}
              aria-describedby={`${id}-base-url-hint`}
              data-testid={`${testIdPrefix}-base-url`}
              className={cn(inputClass, "mt-2 font-mono")}
            />
          </div>
        ) : null}
      </div>
      <div className="space-y-4">
        <div>
          <label htmlFor={`${id}-instructions`} className="text-sm font-medium text-gray-900">
            Instructions
          </label>
          <p id={`${id}-instructions-hint`} className="mt-0.5 text-sm text-gray-600">
            The team’s voice and policies, added to Frontline’s own rules.
          </p>
          <textarea
            id={`${id}-instructions`}
            rows={columns ? 4 : 6}
            value={value.instructions}
            placeholder="e.g. Sign off with “The Acme team”. Never promise a delivery date."
            onChange={(event) => set({ instructions: event.target.value })}
            aria-describedby={`${id}-instructions-hint`}
            data-testid={`${testIdPrefix}-instructions`}
            className={cn(textareaClass, "mt-2")}
          />
        </div>
        <div>
          <label htmlFor={`${id}-topics`} className="text-sm font-medium text-gray-900">
            Handoff topics
          </label>
          <p id={`${id}-topics-hint`} className="mt-0.5 text-sm text-gray-600">
            One per line. A message about any of them goes to a person.
          </p>
          <textarea
            id={`${id}-topics`}
            rows={3}
            value={value.handoffTopics}
            placeholder={"refunds\nlegal threats"}
            onChange={(event) => set({ handoffTopics: event.target.value })}
            aria-describedby={`${id}-topics-hint`}
            data-testid={`${testIdPrefix}-topics`}
            className={cn(textareaClass, "mt-2")}
          />
        </div>
      </div>
    </div>
  );
}
