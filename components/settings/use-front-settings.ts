"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Channel } from "@/lib/front/channels";
import { fetchJson } from "@/components/ui/fetch-json";
import { sendJson } from "@/components/ui/send-json";
import type {
  FrontSettingsPatch,
  FrontSettingsResponse,
  MaskedFrontSettings,
  SaveFrontSettingsResponse,
  TeammatesResponse,
} from "./types";

export const FRONT_SETTINGS_KEY = ["settings", "front"] as const;
/** Not under FRONT_SETTINGS_KEY: a switch saved must not re-ask Front for its teammates. */
export const TEAMMATES_KEY = ["settings", "front-teammates"] as const;
const SAVE_KEY = ["settings", "front", "save"] as const;

/** The webhook status and the checklist change as deliveries arrive, so the page polls. */
const POLL_MS = 5_000;

export function useFrontSettings() {
  return useQuery({
    queryKey: FRONT_SETTINGS_KEY,
    queryFn: ({ signal }) => fetchJson<FrontSettingsResponse>("/api/settings/front", signal),
    refetchInterval: POLL_MS,
  });
}

export function useTeammates(enabled: boolean) {
  return useQuery({
    queryKey: TEAMMATES_KEY,
    queryFn: ({ signal }) => fetchJson<TeammatesResponse>("/api/settings/front/teammates", signal),
    enabled,
    // The list comes from Front's API: ask once, and again only on request or after a new token.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

type PlainFields = Pick<
  FrontSettingsPatch,
  "aiTeammateId" | "handleUnassigned" | "enabled" | "archiveOnReply" | "channels" | "phoneChannels"
>;

/**
 * `values` with the plain fields `patch` names taken from `source`: the patch itself to show a save at once, the
 * values before it to undo a failed one. Secrets are left alone: the page only knows them masked.
 */
function takeFields(values: MaskedFrontSettings, patch: FrontSettingsPatch, source: PlainFields): MaskedFrontSettings {
  const next: MaskedFrontSettings = { ...values, channels: { ...values.channels } };
  if (patch.aiTeammateId !== undefined) next.aiTeammateId = source.aiTeammateId;
  if (patch.handleUnassigned !== undefined) next.handleUnassigned = source.handleUnassigned ?? next.handleUnassigned;
  if (patch.enabled !== undefined) next.enabled = source.enabled ?? next.enabled;
  if (patch.archiveOnReply !== undefined) next.archiveOnReply = source.archiveOnReply ?? next.archiveOnReply;
  if (patch.phoneChannels !== undefined) next.phoneChannels = source.phoneChannels ?? next.phoneChannels;
  for (const channel of Object.keys(patch.channels ?? {}) as Channel[]) {
    next.channels[channel] = source.channels?.[channel] ?? next.channels[channel];
  }
  return next;
}

/**
 * Saves a patch with PUT /api/settings/front. Switches and the teammate show the new value at once and roll back
 * (only the fields they changed) if the save fails; the settings are refetched when the last save settles, and the save only reports success once they are.
 */
export function useSaveFrontSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: SAVE_KEY,
    mutationFn: (patch: FrontSettingsPatch) => sendJson<SaveFrontSettingsResponse>("/api/settings/front", "PUT", patch),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: FRONT_SETTINGS_KEY, exact: true });
      const previous = client.getQueryData<FrontSettingsResponse>(FRONT_SETTINGS_KEY);
      if (previous)
        client.setQueryData<FrontSettingsResponse>(FRONT_SETTINGS_KEY, {
          ...previous,
          values: takeFields(previous.values, patch, patch),
        });
      return { previous };
    },
    onError: (_error, patch, context) => {
      const previous = context?.previous;
      if (!previous) return;
      client.setQueryData<FrontSettingsResponse>(FRONT_SETTINGS_KEY, (current) =>
        current ? { ...current, values: takeFields(current.values, patch, previous.values) } : current,
      );
    },
    onSettled: async (_data, _error, patch) => {
      // A new token may belong to another company: ask Front for its teammates again (without waiting for it).
      if (patch.apiToken) void client.invalidateQueries({ queryKey: TEAMMATES_KEY });
      // Another save still running would see its optimistic value overwritten; the last one to settle refetches.
      if (client.isMutating({ mutationKey: SAVE_KEY }) <= 1)
        await client.invalidateQueries({ queryKey: FRONT_SETTINGS_KEY, exact: true });
    },
  });
}
