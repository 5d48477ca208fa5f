"use client";

import { Timer } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { SettingsRow, SettingsSection } from "../settings-section";
import { SaveRow } from "./save-row";
import type { AgentSettingsResponse } from "./types";
import { useSaveAgentSettings } from "./use-agent-settings";

/** A run's step and time limits: past either, the customer is handed off with reason "error". */
export function LimitsSection({ settings }: { settings: AgentSettingsResponse }) {
  const { values } = settings;
  const [maxSteps, setMaxSteps] = useState(String(values.maxSteps));
  const [timeoutSeconds, setTimeoutSeconds] = useState(String(values.timeoutSeconds));
  const save = useSaveAgentSettings();
  const id = useId();
  const dirty = Number(maxSteps) !== values.maxSteps || Number(timeoutSeconds) !== values.timeoutSeconds;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ maxSteps: Number(maxSteps), timeoutSeconds: Number(timeoutSeconds) });
  }

  return (
    <SettingsSection
      id="limits"
      icon={Timer}
      title="Limits"
      description="A run that uses every step or runs out of time hands the customer to a person, with the reason “error”."
      testId="limits-section"
    >
      <form onSubmit={onSubmit} noValidate>
        <SettingsRow className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-steps`} className="text-sm font-medium text-gray-900">
              Steps per run <span className="font-normal text-gray-500">(2–20)</span>
            </label>
            <input
              id={`${id}-steps`}
              type="number"
              min={2}
              max={20}
              value={maxSteps}
              onChange={(event) => setMaxSteps(event.target.value)}
              data-testid="limits-steps"
              className={cn(inputClass, "mt-1.5")}
            />
          </div>
          <div>
            <label htmlFor={`${id}-timeout`} className="text-sm font-medium text-gray-900">
              Time per run, in seconds <span className="font-normal text-gray-500">(5–600)</span>
            </label>
            <input
              id={`${id}-timeout`}
              type="number"
              min={5}
              max={600}
              value={timeoutSeconds}
              onChange={(event) => setTimeoutSeconds(event.target.value)}
              data-testid="limits-timeout"
              className={cn(inputClass, "mt-1.5")}
            />
          </div>
        </SettingsRow>
        <SettingsRow>
          <SaveRow
            testId="limits"
            dirty={dirty}
            pending={save.isPending}
            saved={save.isSuccess}
            error={save.isError ? save.error.message : null}
          />
        </SettingsRow>
      </form>
    </SettingsSection>
  );
}
