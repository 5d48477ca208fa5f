"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/fetch-json";
import { sendJson } from "@/components/ui/send-json";
import type {
  AgentSettingsPatch,
  AgentSettingsResponse,
  FrontChannelsResponse,
  ModelCheckResponse,
  SaveAgentSettingsResponse,
} from "./types";

export const AGENT_SETTINGS_KEY = ["settings", "ai"] as const;

export function useAgentSettings() {
  return useQuery({
    queryKey: AGENT_SETTINGS_KEY,
    queryFn: ({ signal }) => fetchJson<AgentSettingsResponse>("/api/settings/ai", signal),
    // Forms keep what is being typed; a refetch on focus would only reset the "saved" values under them.
    refetchOnWindowFocus: false,
  });
}

/** Saves a patch with PUT /api/settings/ai, then reloads the settings. Each section has its own, for its own status. */
export function useSaveAgentSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: AgentSettingsPatch) => sendJson<SaveAgentSettingsResponse>("/api/settings/ai", "PUT", patch),
    onSuccess: () => client.invalidateQueries({ queryKey: AGENT_SETTINGS_KEY, exact: true }),
  });
}

export function useCheckModel() {
  return useMutation({ mutationFn: () => sendJson<ModelCheckResponse>("/api/settings/ai/check", "POST") });
}

/** Front's channels, for the SMS channel callers are texted back from. */
export function useFrontChannels() {
  return useQuery({
    queryKey: ["settings", "front", "channels"],
    queryFn: ({ signal }) => fetchJson<FrontChannelsResponse>("/api/settings/front/channels", signal),
    refetchOnWindowFocus: false,
    retry: false,
  });
}
