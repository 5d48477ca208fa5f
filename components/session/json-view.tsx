"use client";

import { flattenJson, prettyJson, type JsonEntry } from "@/components/format";
import { cn } from "@/components/ui/cn";

export type JsonMode = "json" | "pretty";

/** Switches every JSON block of a tool call between raw JSON and the key/value view. */
export function JsonModeToggle({ mode, onChange }: { mode: JsonMode; onChange: (mode: JsonMode) => void }) {
  const options: { value: JsonMode; label: string }[] = [
    { value: "json", label: "JSON" },
    { value: "pretty", label: "Pretty" },
  ];
  return (
    <div
      role="group"
      aria-label="Show arguments and result as"
      className="inline-flex rounded-md border border-gray-200 bg-gray-50 p-0.5"
      data-testid="json-mode"
    >
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={mode === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            "rounded px-2 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-brand-600",
            mode === option.value ? "bg-white text-gray-900 shadow-xs" : "text-gray-600 hover:text-gray-900",
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

const VALUE_CLASSES: Record<JsonEntry["type"], string> = {
  string: "text-gray-900",
  number: "text-blue-700 tabular-nums",
  boolean: "text-violet-700",
  null: "text-gray-500 italic",
  empty: "text-gray-500",
};

/** A JSON value: indented in a <pre>, or flattened to path → value rows. */
export function JsonView({ value, mode, testId }: { value: unknown; mode: JsonMode; testId?: string }) {
  if (mode === "json") {
    return (
      <pre
        data-testid={testId}
        data-mode="json"
        // Scrollable, so it must be reachable from the keyboard.
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-md border border-gray-200 bg-gray-50 p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-gray-800"
      >
        {prettyJson(value)}
      </pre>
    );
  }
  const entries = flattenJson(value);
  return (
    <dl
      data-testid={testId}
      data-mode="pretty"
      tabIndex={0}
      className="max-h-96 divide-y divide-gray-100 overflow-auto rounded-md border border-gray-200 bg-white text-xs"
    >
      {entries.map((entry, index) => (
        <div
          key={`${entry.path}-${index}`}
          className="gap-3 px-3 py-1.5 sm:grid sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]"
        >
          <dt className="font-mono break-words text-gray-500">{entry.path || "value"}</dt>
          <dd className={cn("break-words whitespace-pre-wrap", VALUE_CLASSES[entry.type])}>{entry.value}</dd>
        </div>
      ))}
    </dl>
  );
}
