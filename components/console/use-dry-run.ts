"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/fetch-json";
import { sendJson } from "@/components/ui/send-json";
import type { DryRunDefaults, DryRunRequestBody, DryRunResponse, DryRunSourceInput, RunOptions } from "./types";

const DRY_RUN_URL = "/api/agent/dry-run";

/** Settings → AI as a run starts from it. Read once per visit: a dry run is no reason to poll. */
export function useDryRunDefaults(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["agent", "dry-run-defaults"],
    queryFn: ({ signal }) => fetchJson<DryRunDefaults>(DRY_RUN_URL, signal),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

/** The fields prefilled with what is in force; the base URL stays empty, meaning the saved one for the same provider. */
export function optionsFrom(defaults: DryRunDefaults): RunOptions {
  return {
    model: defaults.model,
    baseUrl: "",
    instructions: defaults.instructions,
    handoffTopics: defaults.handoffTopics.join("\n"),
  };
}

/** The request for these options: the base URL only when typed, topics one per non-blank line. */
export function dryRunRequest(source: DryRunSourceInput, options: RunOptions): DryRunRequestBody {
  return {
    source,
    overrides: {
      model: options.model.trim() || undefined,
      baseUrl: options.baseUrl.trim() || undefined,
      instructions: options.instructions,
      handoffTopics: options.handoffTopics
        .split("\n")
        .map((topic) => topic.trim())
        .filter(Boolean),
    },
  };
}

export function useDryRun() {
  return useMutation({
    mutationFn: (body: DryRunRequestBody) => sendJson<DryRunResponse>(DRY_RUN_URL, "POST", body),
  });
}
