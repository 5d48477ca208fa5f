"use client";

import { CircleDollarSign, Plus, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { MODEL_SPEC_PATTERN } from "@/lib/settings/agent-options";
import { SettingsRow, SettingsSection } from "../settings-section";
import { SaveRow } from "./save-row";
import type { AgentSettingsResponse } from "./types";
import { useSaveAgentSettings } from "./use-agent-settings";

type Row = { model: string; input: string; output: string };

/** Rows sorted by model: the database keeps a JSON object, whose keys come back in its own order. */
function toRows(prices: AgentSettingsResponse["values"]["prices"]): Row[] {
  return sortRows(
    Object.entries(prices).map(([model, price]) => ({
      model,
      input: String(price.inputPerMillion),
      output: String(price.outputPerMillion),
    })),
  );
}

function sortRows(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => a.model.localeCompare(b.model));
}

function rowError(row: Row, rows: Row[]): string | null {
  if (!MODEL_SPEC_PATTERN.test(row.model.trim())) return "Name the model as in Settings → AI, e.g. openai:gpt-4o-mini.";
  if (rows.filter((other) => other.model.trim() === row.model.trim()).length > 1) return "This model is listed twice.";
  for (const value of [row.input, row.output]) {
    if (value.trim() === "" || !Number.isFinite(Number(value)) || Number(value) < 0)
      return "Prices are dollars per million tokens, 0 or more.";
  }
  return null;
}

/** The price table behind every step's cost. A model missing from it shows "no price set", never $0. */
export function PricesSection({ settings }: { settings: AgentSettingsResponse }) {
  const saved = toRows(settings.values.prices);
  const [rows, setRows] = useState<Row[]>(saved);
  const save = useSaveAgentSettings();
  const errors = rows.map((row) => rowError(row, rows));
  const valid = errors.every((error) => error === null);
  const normalized = sortRows(
    rows.map((row) => ({
      model: row.model.trim(),
      input: String(Number(row.input)),
      output: String(Number(row.output)),
    })),
  );
  const dirty = JSON.stringify(normalized) !== JSON.stringify(saved);
  const modelMissing = !rows.some((row) => row.model.trim() === settings.values.model);

  function update(index: number, change: Partial<Row>) {
    setRows((current) => current.map((row, position) => (position === index ? { ...row, ...change } : row)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!valid) return;
    save.mutate({
      prices: Object.fromEntries(
        rows.map((row) => [
          row.model.trim(),
          { inputPerMillion: Number(row.input), outputPerMillion: Number(row.output) },
        ]),
      ),
    });
  }

  return (
    <SettingsSection
      id="prices"
      icon={CircleDollarSign}
      title="Prices"
      description="US dollars per million tokens. Each step’s cost is worked out when it runs, so a change applies to new runs."
      testId="prices-section"
    >
      <form onSubmit={onSubmit} noValidate>
        <SettingsRow className="space-y-2">
          {modelMissing ? (
            <p
              className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800"
              data-testid="price-missing"
            >
              The model in use, <span className="font-mono">{settings.values.model}</span>, has no price: its runs show
              “no price set”.
            </p>
          ) : null}
          <div className="hidden grid-cols-[1fr_8rem_8rem_auto] gap-2 text-xs font-medium text-gray-500 sm:grid">
            <span>Model</span>
            <span>Input $/M</span>
            <span>Output $/M</span>
            <span className="w-8" />
          </div>
          {rows.map((row, index) => (
            <div
              key={index}
              className="grid grid-cols-2 gap-2 sm:grid-cols-[1fr_8rem_8rem_auto]"
              data-testid="price-row"
            >
              <input
                aria-label={`Row ${index + 1} model`}
                value={row.model}
                onChange={(event) => update(index, { model: event.target.value })}
                placeholder="openai:gpt-4o-mini"
                spellCheck={false}
                className={cn(inputClass, "col-span-2 font-mono sm:col-span-1")}
              />
              <input
                aria-label={`Row ${index + 1} input price per million tokens`}
                inputMode="decimal"
                value={row.input}
                onChange={(event) => update(index, { input: event.target.value })}
                className={inputClass}
              />
              <input
                aria-label={`Row ${index + 1} output price per million tokens`}
                inputMode="decimal"
                value={row.output}
                onChange={(event) => update(index, { output: event.target.value })}
                className={inputClass}
              />
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove ${row.model || `row ${index + 1}`}`}
                onClick={() => setRows((current) => current.filter((_, position) => position !== index))}
              >
                <Trash2 aria-hidden="true" />
              </Button>
              {errors[index] ? <p className="col-span-2 text-sm text-red-700 sm:col-span-4">{errors[index]}</p> : null}
            </div>
          ))}
          <div className="flex flex-wrap gap-2 pt-1">
            <Button
              onClick={() =>
                setRows((current) => [
                  ...current,
                  { model: modelMissing ? settings.values.model : "", input: "0", output: "0" },
                ])
              }
              data-testid="price-add"
            >
              <Plus aria-hidden="true" />
              Add a model
            </Button>
            <Button variant="ghost" onClick={() => setRows(toRows(settings.defaultPrices))}>
              Reset to the defaults
            </Button>
          </div>
        </SettingsRow>
        <SettingsRow>
          <SaveRow
            testId="prices"
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
