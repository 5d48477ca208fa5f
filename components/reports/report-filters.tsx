"use client";

import { CalendarRange } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { CHANNELS } from "@/lib/front/channels";
import { channelLabel } from "@/lib/reports/labels";
import { daysInRange, formatRange, isIsoDate, RANGE_PRESETS } from "@/lib/reports/range";
import { MAX_RANGE_DAYS } from "@/lib/reports/types";
import {
  CHANNEL_PARAM,
  FROM_PARAM,
  RANGE_PARAM,
  setReportParams,
  TO_PARAM,
  type ReportFilters as Filters,
} from "./url-state";

const segmentClass =
  "h-9 px-3 text-sm font-medium whitespace-nowrap text-gray-700 hover:bg-gray-50 focus-visible:z-10 aria-pressed:bg-brand-50 aria-pressed:text-brand-700 aria-pressed:hover:bg-brand-50";

/** The range presets, a custom from/to and the channel, all kept in the URL. */
export function ReportFilters({ filters }: { filters: Filters }) {
  const id = useId();
  const [customOpen, setCustomOpen] = useState(filters.preset === "custom");
  const [draft, setDraft] = useState({ from: filters.from, to: filters.to });
  const [draftFor, setDraftFor] = useState(`${filters.from}|${filters.to}`);
  const [error, setError] = useState<string | null>(null);
  if (draftFor !== `${filters.from}|${filters.to}`) {
    setDraftFor(`${filters.from}|${filters.to}`);
    setDraft({ from: filters.from, to: filters.to });
  }
  const showCustom = customOpen || filters.preset === "custom";

  function applyCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isIsoDate(draft.from) || !isIsoDate(draft.to)) return setError("Enter both dates.");
    if (draft.from > draft.to) return setError("The first day must be on or before the last day.");
    if (daysInRange(draft.from, draft.to) > MAX_RANGE_DAYS)
      return setError(`A report covers at most ${MAX_RANGE_DAYS} days.`);
    setError(null);
    setReportParams({ [RANGE_PARAM]: null, [FROM_PARAM]: draft.from, [TO_PARAM]: draft.to });
  }

  return (
    <div className="space-y-3" data-testid="report-filters">
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
        <div
          role="group"
          aria-label="Date range"
          className="inline-flex w-fit overflow-hidden rounded-md border border-gray-300 bg-white shadow-xs [&>*+*]:border-l [&>*+*]:border-gray-300"
        >
          {RANGE_PRESETS.map((preset) => (
            <button
              key={preset.id}
              type="button"
              aria-pressed={filters.preset === preset.id}
              onClick={() => {
                setCustomOpen(false);
                setError(null);
                setReportParams({
                  [RANGE_PARAM]: preset.id === "7d" ? null : preset.id,
                  [FROM_PARAM]: null,
                  [TO_PARAM]: null,
                });
              }}
              className={segmentClass}
              data-testid={`range-${preset.id}`}
            >
              <span className="sm:hidden">{preset.days} days</span>
              <span className="max-sm:hidden">{preset.label}</span>
            </button>
          ))}
          <button
            type="button"
            aria-pressed={filters.preset === "custom"}
            aria-expanded={showCustom}
            aria-controls={`${id}-custom`}
            onClick={() => setCustomOpen((value) => !value || filters.preset === "custom")}
            className={segmentClass}
            data-testid="range-custom"
          >
            <CalendarRange aria-hidden="true" className="mr-1 inline size-4 align-[-3px] text-gray-500" />
            Custom
          </button>
        </div>
        <div className="sm:w-48">
          <label htmlFor={`${id}-channel`} className="block text-xs font-medium text-gray-700">
            Channel
          </label>
          <select
            id={`${id}-channel`}
            value={filters.channel ?? ""}
            onChange={(event) => setReportParams({ [CHANNEL_PARAM]: event.target.value || null })}
            className={cn(inputClass, "mt-1 pr-8")}
            data-testid="report-channel"
          >
            <option value="">All channels</option>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {channelLabel(channel)}
              </option>
            ))}
          </select>
        </div>
        <p className="text-sm text-gray-600 sm:ml-auto sm:self-center" data-testid="report-range" aria-live="polite">
          <span className="font-medium text-gray-900">{formatRange(filters.from, filters.to)}</span> · UTC days
        </p>
      </div>
      <form
        id={`${id}-custom`}
        hidden={!showCustom}
        onSubmit={applyCustom}
        noValidate
        aria-label="Custom date range"
        className="flex flex-col gap-3 rounded-md border border-gray-200 bg-white p-3 sm:flex-row sm:flex-wrap sm:items-end"
        data-testid="custom-range"
      >
        <div>
          <label htmlFor={`${id}-from`} className="block text-xs font-medium text-gray-700">
            From (UTC day)
          </label>
          <input
            id={`${id}-from`}
            type="date"
            value={draft.from}
            max={draft.to || undefined}
            onChange={(event) => setDraft((value) => ({ ...value, from: event.target.value }))}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={cn(inputClass, "mt-1 sm:w-44")}
            data-testid="custom-from"
          />
        </div>
        <div>
          <label htmlFor={`${id}-to`} className="block text-xs font-medium text-gray-700">
            To (UTC day, included)
          </label>
          <input
            id={`${id}-to`}
            type="date"
            value={draft.to}
            min={draft.from || undefined}
            onChange={(event) => setDraft((value) => ({ ...value, to: event.target.value }))}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={cn(inputClass, "mt-1 sm:w-44")}
            data-testid="custom-to"
          />
        </div>
        <Button type="submit" variant="primary" data-testid="custom-apply">
          Apply
        </Button>
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-700 sm:basis-full">
            {error}
          </p>
        ) : null}
      </form>
    </div>
  );
}
