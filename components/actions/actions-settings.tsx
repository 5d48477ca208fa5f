"use client";

import { Plus, Webhook } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { StatePanel } from "@/components/ui/state-panel";
import { ActionForm } from "./action-form";
import { ActionRow } from "./action-row";
import { useActions } from "./use-actions";

type Editing = { mode: "create" } | { mode: "edit"; id: string } | null;

function ActionsSkeleton() {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="actions-loading"
      className="rounded-lg border border-gray-200 bg-white"
    >
      <span className="sr-only">Loading actions…</span>
      {[0, 1].map((row) => (
        <div key={row} className="space-y-2 border-b border-gray-100 px-4 py-4 last:border-b-0">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-3.5 w-3/4" />
          <Skeleton className="h-3.5 w-1/2" />
        </div>
      ))}
    </div>
  );
}

/** The network rule, and the internal hosts the server's ACTIONS_ALLOWED_HOSTS lets actions reach anyway. */
function NetworkRule({ allowedHosts }: { allowedHosts: string[] }) {
  return (
    <section
      aria-labelledby="actions-network-title"
      className="rounded-lg border border-gray-200 bg-white px-4 py-3 text-sm"
      data-testid="actions-network"
    >
      <h2 id="actions-network-title" className="font-semibold text-gray-900">
        Internal addresses
      </h2>
      <p className="mt-1 text-gray-600">
        Actions cannot reach loopback, private, link-local or other internal addresses: a URL whose host is (or resolves
        to) one is refused when saved and again at every call, and redirects are not followed.
      </p>
      {allowedHosts.length > 0 ? (
        <>
          <p className="mt-2 text-gray-600">
            Allowed anyway, by <code className="font-mono text-xs">ACTIONS_ALLOWED_HOSTS</code> on the server:
          </p>
          <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="actions-allowed-hosts">
            {allowedHosts.map((host) => (
              <li
                key={host}
                className="rounded border border-gray-200 bg-gray-50 px-1.5 py-0.5 font-mono text-xs text-gray-800"
              >
                {host}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-2 text-gray-600" data-testid="actions-allowed-hosts-none">
          No internal host is allowed. To call a service of your own on the internal network, set{" "}
          <code className="font-mono text-xs">ACTIONS_ALLOWED_HOSTS</code> on the server (hostnames, addresses or CIDR
          ranges, comma-separated).
        </p>
      )}
    </section>
  );
}

/** Settings → Actions: the list, the create and edit form, Test and Delete. */
export function ActionsSettings() {
  const query = useActions();
  const [editing, setEditing] = useState<Editing>(null);

  if (query.isPending) return <ActionsSkeleton />;
  if (query.isError && !query.data) {
    return (
      <LoadError
        title="Could not load the actions"
        testId="actions-error"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const { actions, allowedHosts } = query.data;
  const newButton = (
    <Button
      variant="primary"
      onClick={() => setEditing({ mode: "create" })}
      disabled={editing?.mode === "create"}
      data-testid="action-new"
    >
      <Plus aria-hidden="true" />
      New action
    </Button>
  );

  return (
    <div className="space-y-4" data-testid="actions-settings">
      {query.isError ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Showing the actions last loaded; refreshing failed ({query.error.message}).
        </p>
      ) : null}
      {editing?.mode === "create" ? (
        <Card>
          <ActionForm onDone={() => setEditing(null)} />
        </Card>
      ) : null}
      {actions.length === 0 && editing?.mode !== "create" ? (
        <StatePanel icon={Webhook} title="No actions yet" testId="actions-empty" action={newButton}>
          Actions let the AI call your own APIs while it answers: look up an order, check a booking, book a callback.
          Add one, test it here, then leave it on.
        </StatePanel>
      ) : null}
      {actions.length > 0 ? (
        <Card>
          <div className="flex flex-wrap items-center gap-3 border-b border-gray-200 px-4 py-3">
            <h2 className="text-base font-semibold text-gray-900">
              {actions.length} {actions.length === 1 ? "action" : "actions"}
            </h2>
            <span className="text-sm text-gray-600">{actions.filter((action) => action.enabled).length} on</span>
            <div className="ml-auto">{newButton}</div>
          </div>
          <ul className="divide-y divide-gray-100" data-testid="action-list">
            {actions.map((action) =>
              editing?.mode === "edit" && editing.id === action.id ? (
                <li key={action.id} data-testid="action-row-editing">
                  <ActionForm action={action} onDone={() => setEditing(null)} />
                </li>
              ) : (
                <ActionRow key={action.id} action={action} onEdit={() => setEditing({ mode: "edit", id: action.id })} />
              ),
            )}
          </ul>
        </Card>
      ) : null}
      <NetworkRule allowedHosts={allowedHosts ?? []} />
    </div>
  );
}
