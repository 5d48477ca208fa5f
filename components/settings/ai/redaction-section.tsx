"use client";

import { EyeOff, Plus, Trash2 } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { redactForModel } from "@/lib/redaction/redact";
import { SettingsRow, SettingsSection } from "../settings-section";
import { SaveRow } from "./save-row";
import type { AgentSettingsResponse } from "./types";
import { useSaveAgentSettings } from "./use-agent-settings";

type Pattern = { name: string; pattern: string };

function patternError(entry: Pattern): string | null {
  if (!entry.name.trim()) return "Name it: the name is the placeholder the model sees.";
  if (!entry.pattern) return "Enter a pattern.";
  try {
    new RegExp(entry.pattern, "gi");
    return null;
  } catch {
    return "Not a valid regular expression.";
  }
}

/**
 * Redaction: cards, national ids and bank accounts are always removed; the team adds its own patterns (order
 * numbers, member ids…). A sample box shows what the model would see.
 */
export function RedactionSection({ settings }: { settings: AgentSettingsResponse }) {
  const saved = settings.values.redactionPatterns;
  const [patterns, setPatterns] = useState<Pattern[]>(saved);
  const [sample, setSample] = useState("My card is 4242 4242 4242 4242 and my member id is M-123456.");
  const save = useSaveAgentSettings();
  const id = useId();
  const errors = patterns.map(patternError);
  const valid = errors.every((error) => error === null);
  const dirty = JSON.stringify(patterns) !== JSON.stringify(saved);
  const preview = redactForModel(sample, valid ? patterns : []);

  function update(index: number, change: Partial<Pattern>) {
    setPatterns((current) => current.map((entry, position) => (position === index ? { ...entry, ...change } : entry)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (valid)
      save.mutate({
        redactionPatterns: patterns.map((entry) => ({ name: entry.name.trim(), pattern: entry.pattern })),
      });
  }

  return (
    <SettingsSection
      id="redaction"
      icon={EyeOff}
      title="Redaction"
      description="Removed from every message before any model reads it. Card numbers (Luhn-checked), national ids and bank accounts always are; add your own patterns."
      testId="redaction-section"
    >
      <form onSubmit={onSubmit} noValidate>
        <SettingsRow className="space-y-3">
          {patterns.length === 0 ? <p className="text-sm text-gray-600">No extra patterns.</p> : null}
          {patterns.map((entry, index) => (
            <div key={index} className="grid gap-2 sm:grid-cols-[12rem_1fr_auto]" data-testid="redaction-pattern">
              <input
                aria-label={`Pattern ${index + 1} name`}
                value={entry.name}
                onChange={(event) => update(index, { name: event.target.value })}
                placeholder="member id"
                className={inputClass}
              />
              <input
                aria-label={`Pattern ${index + 1} regular expression`}
                aria-invalid={errors[index] ? true : undefined}
                value={entry.pattern}
                onChange={(event) => update(index, { pattern: event.target.value })}
                placeholder="\bM-\d{6}\b"
                spellCheck={false}
                className={cn(inputClass, "font-mono")}
              />
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove pattern ${index + 1}`}
                onClick={() => setPatterns((current) => current.filter((_, position) => position !== index))}
              >
                <Trash2 aria-hidden="true" />
              </Button>
              {errors[index] ? <p className="text-sm text-red-700 sm:col-span-3">{errors[index]}</p> : null}
            </div>
          ))}
          <Button
            onClick={() => setPatterns((current) => [...current, { name: "", pattern: "" }])}
            data-testid="redaction-add"
          >
            <Plus aria-hidden="true" />
            Add a pattern
          </Button>
        </SettingsRow>
        <SettingsRow>
          <label htmlFor={`${id}-sample`} className="text-sm font-medium text-gray-900">
            Try it
          </label>
          <input
            id={`${id}-sample`}
            value={sample}
            onChange={(event) => setSample(event.target.value)}
            className={cn(inputClass, "mt-1.5")}
            data-testid="redaction-sample"
          />
          <p
            className="mt-2 rounded-md bg-gray-50 px-3 py-2 font-mono text-sm break-words text-gray-800"
            data-testid="redaction-preview"
          >
            {preview.text}
          </p>
        </SettingsRow>
        <SettingsRow>
          <SaveRow
            testId="redaction"
            dirty={dirty && valid}
            pending={save.isPending}
            saved={save.isSuccess}
            error={save.isError ? save.error.message : null}
          />
        </SettingsRow>
      </form>
    </SettingsSection>
  );
}
