"use client";

import { Bot, CircleCheck, CircleX, LoaderCircle } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { formatDurationMs } from "@/components/format";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { LockedNote } from "../locked-note";
import { SettingsRow, SettingsSection } from "../settings-section";
import { SaveRow } from "./save-row";
import type { AgentSettingsPatch, AgentSettingsResponse } from "./types";
import { useCheckModel, useSaveAgentSettings } from "./use-agent-settings";

const PROVIDERS = [
  { value: "local", label: "Offline model (built in, no key)", example: "" },
  { value: "openai", label: "OpenAI", example: "gpt-4o-mini" },
  { value: "anthropic", label: "Anthropic", example: "claude-sonnet-4-5" },
  { value: "openai-compatible", label: "OpenAI-compatible server (Ollama, vLLM, llama.cpp)", example: "llama3.1" },
] as const;
type Provider = (typeof PROVIDERS)[number]["value"];

function splitSpec(spec: string): { provider: Provider; modelId: string } {
  const [provider, ...rest] = spec.split(":");
  const known = PROVIDERS.find((entry) => entry.value === provider);
  return { provider: known ? known.value : "local", modelId: rest.join(":") };
}

/** Which model answers: provider, model name, base URL and key. The environment's AI_* variables win. */
export function ModelSection({ settings }: { settings: AgentSettingsResponse }) {
  const { values, locked } = settings;
  const saved = splitSpec(values.model);
  const [provider, setProvider] = useState<Provider>(saved.provider);
  const [modelId, setModelId] = useState(saved.modelId);
  const [baseUrl, setBaseUrl] = useState(values.baseUrl ?? "");
  const [apiKey, setApiKey] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useSaveAgentSettings();
  const check = useCheckModel();
  const id = useId();

  const spec = provider === "local" ? "local" : `${provider}:${modelId.trim()}`;
  const dirty = spec !== values.model || baseUrl.trim() !== (values.baseUrl ?? "") || apiKey.trim() !== "";
  const example = PROVIDERS.find((entry) => entry.value === provider)?.example;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (provider !== "local" && !modelId.trim()) {
      setLocalError("Enter the model’s name, e.g. " + example + ".");
      return;
    }
    setLocalError(null);
    const patch: AgentSettingsPatch = {};
    if (!locked.model && spec !== values.model) patch.model = spec;
    if (!locked.baseUrl && baseUrl.trim() !== (values.baseUrl ?? "")) patch.baseUrl = baseUrl.trim();
    if (!locked.apiKey && apiKey.trim()) patch.apiKey = apiKey.trim();
    save.mutate(patch, { onSuccess: () => setApiKey("") });
  }

  return (
    <SettingsSection
      id="model"
      icon={Bot}
      title="Model"
      description="The model that reads each customer message. Hosted models are called through the AI SDK’s official providers; the key is encrypted at rest."
      testId="model-section"
    >
      <form onSubmit={onSubmit} noValidate>
        <SettingsRow className="grid gap-4 sm:grid-cols-2">
          <div>
            <div className="flex items-center gap-2">
              <label htmlFor={`${id}-provider`} className="text-sm font-medium text-gray-900">
                Provider
              </label>
              {locked.model ? <LockedNote /> : null}
            </div>
            <select
              id={`${id}-provider`}
              value={provider}
              disabled={locked.model}
              onChange={(event) => setProvider(event.target.value as Provider)}
              data-testid="model-provider"
              className={cn(inputClass, "mt-1.5")}
            >
              {PROVIDERS.map((entry) => (
                <option key={entry.value} value={entry.value}>
                  {entry.label}
                </option>
              ))}
            </select>
          </div>
          {provider !== "local" ? (
            <div>
              <label htmlFor={`${id}-model`} className="text-sm font-medium text-gray-900">
                Model name
              </label>
              <input
                id={`${id}-model`}
                value={modelId}
                disabled={locked.model}
                onChange={(event) => setModelId(event.target.value)}
                placeholder={example}
                spellCheck={false}
                data-testid="model-id"
                className={cn(inputClass, "mt-1.5 font-mono")}
              />
            </div>
          ) : (
            <p className="self-end text-sm text-gray-600">
              Runs inside Frontline: no key, no cost, deterministic answers from the knowledge base.
            </p>
          )}
          {provider !== "local" ? (
            <div>
              <div className="flex items-center gap-2">
                <label htmlFor={`${id}-base-url`} className="text-sm font-medium text-gray-900">
                  Base URL{" "}
                  {provider === "openai-compatible" ? (
                    ""
                  ) : (
                    <span className="font-normal text-gray-500">(optional: a proxy)</span>
                  )}
                </label>
                {locked.baseUrl ? <LockedNote /> : null}
              </div>
              <input
                id={`${id}-base-url`}
                value={baseUrl}
                disabled={locked.baseUrl}
                onChange={(event) => setBaseUrl(event.target.value)}
                placeholder={provider === "openai-compatible" ? "http://127.0.0.1:11434/v1" : "Provider default"}
                spellCheck={false}
                data-testid="model-base-url"
                className={cn(inputClass, "mt-1.5 font-mono")}
              />
            </div>
          ) : null}
          {provider !== "local" ? (
            <div>
              <div className="flex items-center gap-2">
                <label htmlFor={`${id}-key`} className="text-sm font-medium text-gray-900">
                  API key
                </label>
                {locked.apiKey ? <LockedNote /> : null}
              </div>
              <input
                id={`${id}-key`}
                type="password"
                value={apiKey}
                disabled={locked.apiKey}
                onChange={(event) => setApiKey(event.target.value)}
                placeholder={
                  locked.apiKey ? "Set in the environment" : values.apiKey ? `Saved: ${values.apiKey}` : "Paste the key"
                }
                autoComplete="off"
                spellCheck={false}
                data-testid="model-api-key"
                className={cn(inputClass, "mt-1.5 font-mono")}
              />
            </div>
          ) : null}
        </SettingsRow>
        <SettingsRow className="flex flex-wrap items-center justify-between gap-3">
          <SaveRow
            testId="model"
            dirty={dirty}
            pending={save.isPending}
            saved={save.isSuccess}
            error={localError ?? (save.isError ? save.error.message : null)}
            label="Save model"
          />
          <ModelCheck check={check} disabled={dirty} />
        </SettingsRow>
      </form>
    </SettingsSection>
  );
}

/** "Check the model" and its answer: a short request to the saved model. */
function ModelCheck({ check, disabled }: { check: ReturnType<typeof useCheckModel>; disabled: boolean }) {
  const result = check.data;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p role="status" className="text-sm empty:hidden" data-testid="model-check-result">
        {check.isError ? <span className="text-red-700">{check.error.message}</span> : null}
        {result?.ok ? (
          <span className="inline-flex items-center gap-1.5 text-green-800">
            <CircleCheck aria-hidden="true" className="size-4 text-green-600" />
            {result.model} answered in {formatDurationMs(result.durationMs)}
          </span>
        ) : null}
        {result && !result.ok ? (
          <span className="inline-flex items-start gap-1.5 text-red-700">
            <CircleX aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            {result.model} failed: {result.message}
          </span>
        ) : null}
      </p>
      <Button
        onClick={() => check.mutate()}
        disabled={check.isPending || disabled}
        title={disabled ? "Save first: the check uses the saved model" : undefined}
        data-testid="model-check"
      >
        {check.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
        Check the model
      </Button>
    </div>
  );
}
