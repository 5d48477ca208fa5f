"use client";

import { Bot, CircleCheck, LoaderCircle, RefreshCw } from "lucide-react";
import { useId } from "react";
import { ApiRequestError } from "@/components/ui/fetch-json";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LockedNote } from "./locked-note";
import { inputClass } from "@/components/ui/field-styles";
import type { ListedTeammate } from "./types";
import { useSaveFrontSettings, useTeammates } from "./use-front-settings";

function optionLabel(teammate: ListedTeammate): string {
  if (teammate.isBot) return `${teammate.name} (bot)`;
  return teammate.email ? `${teammate.name} · ${teammate.email}` : teammate.name;
}

/**
 * The Front teammate the AI acts as: a select filled from Front's teammates (bots first, marked "bot"), saved
 * as soon as it changes. Needs a saved API token.
 */
export function TeammatePicker({
  selectedId,
  hasToken,
  locked,
}: {
  selectedId: string | null;
  hasToken: boolean;
  locked: boolean;
}) {
  const id = useId();
  const teammates = useTeammates(hasToken);
  const save = useSaveFrontSettings();
  const list = teammates.data?.teammates ?? [];
  const bots = list.filter((teammate) => teammate.isBot);
  const people = list.filter((teammate) => !teammate.isBot);
  const selected = list.find((teammate) => teammate.id === selectedId);
  const noToken = !hasToken || (teammates.error instanceof ApiRequestError && teammates.error.code === "no_token");
  const descriptionId = `${id}-description`;
  const messageId = `${id}-message`;
  const lockedId = `${id}-locked`;

  // Not disabled while saving: a keyboard user keeps focus on the select.
  const disabled = locked || noToken || teammates.isPending;
  const loadError = teammates.isError && !noToken ? teammates.error.message : null;

  return (
    <div data-testid="teammate-picker" data-selected={selectedId ?? ""} data-locked={locked ? "true" : undefined}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <label htmlFor={id} className="inline-flex items-center gap-1.5 text-sm font-medium text-gray-900">
          <Bot aria-hidden="true" className="size-4 text-gray-400" />
          AI teammate
        </label>
        {locked ? <LockedNote id={lockedId} /> : null}
      </div>
      <p id={descriptionId} className="mt-0.5 text-sm text-gray-600">
        {noToken
          ? "Save an API token first: the list comes from Front."
          : "The Front teammate the AI replies as. Conversations assigned to it are the AI's; a bot teammate is best."}
      </p>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
        <select
          id={id}
          value={selectedId ?? ""}
          disabled={disabled}
          aria-describedby={[descriptionId, locked ? lockedId : null, messageId].filter(Boolean).join(" ")}
          aria-invalid={save.isError ? true : undefined}
          onChange={(event) => {
            if (event.target.value) save.mutate({ aiTeammateId: event.target.value });
          }}
          data-testid="teammate-select"
          className={cn(inputClass, "pr-8 sm:flex-1")}
        >
          {teammates.isPending && hasToken ? (
            <option value={selectedId ?? ""}>Loading teammates…</option>
          ) : (
            <>
              {!selectedId ? <option value="">{noToken ? "No API token saved" : "Choose a teammate…"}</option> : null}
              {selectedId && !selected ? (
                <option value={selectedId}>
                  {teammates.isSuccess ? `${selectedId} (not in Front’s list)` : selectedId}
                </option>
              ) : null}
              {bots.length ? (
                <optgroup label="Bots">
                  {bots.map((teammate) => (
                    <option key={teammate.id} value={teammate.id}>
                      {optionLabel(teammate)}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {people.length ? (
                <optgroup label="People">
                  {people.map((teammate) => (
                    <option key={teammate.id} value={teammate.id}>
                      {optionLabel(teammate)}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </>
          )}
        </select>
        {hasToken && !locked ? (
          <Button
            variant="ghost"
            onClick={() => void teammates.refetch()}
            disabled={teammates.isFetching}
            className="self-start sm:self-auto"
            data-testid="teammates-reload"
          >
            <RefreshCw aria-hidden="true" className={teammates.isFetching ? "animate-spin" : undefined} />
            Reload list
          </Button>
        ) : null}
      </div>
      <div id={messageId} className="mt-1.5 space-y-1 text-sm">
        {loadError ? (
          <p role="alert" className="text-red-700" data-testid="teammates-error">
            Could not load Front’s teammates: {loadError}
          </p>
        ) : null}
        {save.isError ? (
          <p role="alert" className="text-red-700" data-testid="teammate-error">
            {save.error.message}
          </p>
        ) : null}
        <p role="status" className="empty:hidden">
          {save.isPending ? (
            <span className="inline-flex items-center gap-1.5 text-gray-600">
              <LoaderCircle aria-hidden="true" className="size-4 animate-spin" />
              Saving…
            </span>
          ) : save.isSuccess ? (
            <span className="inline-flex items-center gap-1.5 text-green-800" data-testid="teammate-saved">
              <CircleCheck aria-hidden="true" className="size-4 text-green-600" />
              Saved{selected ? `: the AI replies as ${selected.name}` : ""}.
            </span>
          ) : null}
        </p>
      </div>
    </div>
  );
}
