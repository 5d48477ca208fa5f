"use client";

import { FlaskConical, KeyRound, LoaderCircle, Pencil, Trash2, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import type { ActionView } from "@/lib/actions/types";
import { CHANNEL_LABELS, CHANNELS } from "@/lib/front/channels";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ActionTestPanel } from "./action-test-panel";
import { useDeleteAction, useToggleAction } from "./use-actions";

const METHOD_TONES: Record<ActionView["method"], BadgeTone> = {
  GET: "blue",
  POST: "green",
  PUT: "amber",
  PATCH: "amber",
  DELETE: "red",
};

/** The list's on/off switch, named after the action. */
function EnabledSwitch({ action }: { action: ActionView }) {
  const toggle = useToggleAction();
  return (
    <div className="flex flex-col items-end">
      <div className="flex items-center gap-1.5">
        {toggle.isPending ? (
          <span role="status" className="inline-flex">
            <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin text-gray-500" />
            <span className="sr-only">Saving</span>
          </span>
        ) : null}
        <span aria-hidden="true" className="text-xs text-gray-600">
          {action.enabled ? "On" : "Off"}
        </span>
        <button
          type="button"
          role="switch"
          aria-checked={action.enabled}
          aria-label={`${action.name} enabled`}
          onClick={() => toggle.mutate({ id: action.id, enabled: !action.enabled })}
          className="group relative -my-2.5 inline-flex h-11 w-12 shrink-0 cursor-pointer items-center justify-center rounded-full"
          data-testid="action-enabled"
        >
          <span
            aria-hidden="true"
            className={cn(
              "relative inline-flex h-6 w-11 items-center rounded-full transition-colors",
              action.enabled ? "bg-brand-600 group-hover:bg-brand-700" : "bg-gray-300 group-hover:bg-gray-400",
            )}
          >
            <span
              className={cn(
                "inline-block size-5 rounded-full bg-white shadow-sm ring-1 ring-black/5 transition-transform",
                action.enabled ? "translate-x-[1.375rem]" : "translate-x-0.5",
              )}
            />
          </span>
        </button>
      </div>
      {toggle.isError ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          Not saved: {toggle.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** Asks before deleting: the AI stops using the action at once and it cannot be brought back. */
function DeleteConfirm({ action, onCancel }: { action: ActionView; onCancel: () => void }) {
  const id = useId();
  const remove = useDeleteAction();
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      className="rounded-md border border-red-200 bg-red-50 p-3"
      data-testid="delete-confirm"
    >
      <p id={`${id}-title`} className="text-sm font-semibold text-red-900">
        Delete {action.name}?
      </p>
      <p id={`${id}-text`} className="mt-0.5 text-sm text-red-800">
        The AI stops using it at once, and its secret headers are gone. This cannot be undone.
      </p>
      {remove.isError ? (
        <p role="alert" className="mt-1 text-sm text-red-800">
          Not deleted: {remove.error.message}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        <Button
          size="sm"
          autoFocus
          className="border-red-600 bg-red-600 text-white hover:bg-red-700"
          disabled={remove.isPending}
          onClick={() => remove.mutate(action.id)}
          data-testid="delete-confirm-button"
        >
          {remove.isPending ? (
            <LoaderCircle aria-hidden="true" className="animate-spin" />
          ) : (
            <Trash2 aria-hidden="true" />
          )}
          Delete action
        </Button>
        <Button size="sm" onClick={onCancel} disabled={remove.isPending}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** One action in the list: what it calls, where it is offered, and its switch, Test, Edit and Delete. */
export function ActionRow({ action, onEdit }: { action: ActionView; onEdit: () => void }) {
  const [panel, setPanel] = useState<"test" | "delete" | null>(null);
  const allChannels = CHANNELS.every((channel) => action.channels.includes(channel));
  const unreadable = action.headers.filter((header) => header.unreadable);
  return (
    <li
      className="space-y-3 px-4 py-4"
      data-testid="action-row"
      data-action-name={action.name}
      data-enabled={action.enabled ? "true" : "false"}
    >
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-mono text-sm font-semibold text-gray-900" data-testid="action-name">
              {action.name}
            </h3>
            <Badge tone={METHOD_TONES[action.method]} data-testid="action-method">
              {action.method}
            </Badge>
            {!action.enabled ? <Badge tone="gray">Off</Badge> : null}
          </div>
          <p className="line-clamp-2 text-sm text-gray-600">{action.description}</p>
          <p className="truncate font-mono text-xs text-gray-700" title={action.urlTemplate} data-testid="action-url">
            {action.urlTemplate}
          </p>
          <div className="flex flex-wrap items-center gap-1.5 pt-0.5" data-testid="action-channels">
            {allChannels ? (
              <Badge tone="slate">All channels</Badge>
            ) : (
              action.channels.map((channel) => (
                <Badge key={channel} tone="slate">
                  {CHANNEL_LABELS[channel]}
                </Badge>
              ))
            )}
            {action.headers.map((header) => (
              <Badge
                key={header.name}
                tone="gray"
                data-testid="action-header"
                title={header.secret ? "Secret header: encrypted, never shown" : undefined}
              >
                {header.secret ? <KeyRound aria-hidden="true" /> : null}
                <span className="font-mono">
                  {header.name}: {header.secret ? (header.masked ?? "unreadable") : header.value}
                </span>
              </Badge>
            ))}
          </div>
          {unreadable.length > 0 ? (
            <p role="alert" className="flex items-start gap-1.5 text-sm text-amber-800">
              <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              The secret {unreadable.map((header) => header.name).join(", ")} cannot be decrypted (the encryption key
              changed?). The AI is not offered this action until you enter it again.
            </p>
          ) : null}
        </div>
        <EnabledSwitch action={action} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          aria-expanded={panel === "test"}
          onClick={() => setPanel(panel === "test" ? null : "test")}
          data-testid="action-test-toggle"
        >
          <FlaskConical aria-hidden="true" />
          Test
        </Button>
        <Button size="sm" onClick={onEdit} data-testid="action-edit">
          <Pencil aria-hidden="true" />
          Edit
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="text-red-700 hover:bg-red-50 hover:text-red-800"
          onClick={() => setPanel("delete")}
          data-testid="action-delete"
        >
          <Trash2 aria-hidden="true" />
          Delete
        </Button>
      </div>
      {panel === "test" ? <ActionTestPanel action={action} /> : null}
      {panel === "delete" ? <DeleteConfirm action={action} onCancel={() => setPanel(null)} /> : null}
    </li>
  );
}
