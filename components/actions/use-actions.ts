"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ActionInput, ActionResponse, ActionsResponse, ActionTestResponse } from "@/lib/actions/types";
import { fetchJson } from "@/components/ui/fetch-json";
import { sendJson } from "@/components/ui/send-json";

export const ACTIONS_KEY = ["settings", "actions"] as const;

export function useActions() {
  return useQuery({
    queryKey: ACTIONS_KEY,
    queryFn: ({ signal }) => fetchJson<ActionsResponse>("/api/settings/actions", signal),
  });
}

/** Every change refetches the list when it settles, so the page shows what the server kept (secrets masked). */
function useActionMutation<Variables, Result>(send: (variables: Variables) => Promise<Result>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => client.invalidateQueries({ queryKey: ACTIONS_KEY }),
  });
}

export function useCreateAction() {
  return useActionMutation((input: ActionInput) => sendJson<ActionResponse>("/api/settings/actions", "POST", input));
}

export function useUpdateAction() {
  return useActionMutation(({ id, patch }: { id: string; patch: Partial<ActionInput> }) =>
    sendJson<ActionResponse>(`/api/settings/actions/${id}`, "PUT", patch),
  );
}

export function useDeleteAction() {
  return useActionMutation((id: string) => sendJson<{ deleted: string }>(`/api/settings/actions/${id}`, "DELETE"));
}

/** One real call of a saved action; nothing to refetch. */
export function useTestAction(id: string) {
  return useMutation({
    mutationFn: (args: Record<string, unknown>) =>
      sendJson<ActionTestResponse>(`/api/settings/actions/${id}/test`, "POST", { arguments: args }),
  });
}

/** The list's on/off switch: shows the new state at once and puts it back if the save fails. */
export function useToggleAction() {
  const client = useQueryClient();
  const setEnabled = (id: string, enabled: boolean) =>
    client.setQueryData<ActionsResponse>(ACTIONS_KEY, (current) =>
      current
        ? { ...current, actions: current.actions.map((action) => (action.id === id ? { ...action, enabled } : action)) }
        : current,
    );
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      sendJson<ActionResponse>(`/api/settings/actions/${id}`, "PUT", { enabled }),
    onMutate: async ({ id, enabled }) => {
      await client.cancelQueries({ queryKey: ACTIONS_KEY });
      setEnabled(id, enabled);
    },
    // Only this action's switch goes back: another row's save may be on its way.
    onError: (_error, { id, enabled }) => setEnabled(id, !enabled),
    onSettled: () => client.invalidateQueries({ queryKey: ACTIONS_KEY }),
  });
}
