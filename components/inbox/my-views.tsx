"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bookmark, BookmarkPlus, LoaderCircle, X } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { fetchJson } from "@/components/ui/fetch-json";
import { inputClass } from "@/components/ui/field-styles";
import { sendJson } from "@/components/ui/send-json";
import type { SavedViewJson } from "@/lib/api/saved-views";
import { inboxHref } from "./url-state";

/** One of the signed-in person's saved views (GET /api/saved-views). */
export type MyView = SavedViewJson;

const MY_VIEWS_KEY = ["saved-views"] as const;

function myViewHref(view: MyView, pageSize: string | null): string {
  const params = new URLSearchParams(view.query);
  if (pageSize) params.set("limit", pageSize);
  return inboxHref(params);
}

function SaveViewForm({ query, onDone }: { query: string; onDone: () => void }) {
  const client = useQueryClient();
  const inputId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  useEffect(() => input.current?.focus(), []);
  const save = useMutation({
    mutationFn: () => sendJson<{ view: MyView }>("/api/saved-views", "POST", { name, query }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: MY_VIEWS_KEY });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) save.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" data-testid="save-view-form">
      <div className="min-w-0 flex-1 sm:max-w-64">
        <label htmlFor={inputId} className="block text-xs font-medium text-gray-700">
          Name for these filters
        </label>
        <input
          ref={input}
          id={inputId}
          value={name}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") onDone();
          }}
          maxLength={60}
          required
          aria-invalid={save.isError || undefined}
          aria-describedby={save.isError ? errorId : undefined}
          className={cn(inputClass, "mt-1")}
          data-testid="save-view-name"
        />
      </div>
      <Button type="submit" variant="primary" disabled={save.isPending || !name.trim()} data-testid="save-view-submit">
        {save.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
        Save view
      </Button>
      <Button variant="ghost" onClick={onDone}>
        Cancel
      </Button>
      {save.isError ? (
        <p id={errorId} role="alert" className="basis-full text-sm text-red-700" data-testid="save-view-error">
          {save.error.message}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The lead's own views beside the presets: each opens the Inbox with the filters saved under its name and can be
 * deleted; "Save these filters" keeps the current ones (stored per person, so a viewer has their own too).
 */
export function MyViews({ canonicalQuery, pageSize }: { canonicalQuery: string; pageSize: string | null }) {
  const client = useQueryClient();
  const [saving, setSaving] = useState(false);
  const saveButton = useRef<HTMLButtonElement>(null);
  const views = useQuery({
    queryKey: MY_VIEWS_KEY,
    queryFn: ({ signal }) => fetchJson<{ views: MyView[] }>("/api/saved-views", signal),
  });
  const remove = useMutation({
    mutationFn: (view: MyView) => sendJson(`/api/saved-views/${view.id}`, "DELETE"),
    onSettled: () => client.invalidateQueries({ queryKey: MY_VIEWS_KEY }),
  });
  const list = views.data?.views ?? [];
  const alreadySaved = list.some((view) => view.query === canonicalQuery);
  const closeForm = () => {
    setSaving(false);
    requestAnimationFrame(() => saveButton.current?.focus());
  };

  if (list.length === 0 && !canonicalQuery) return null;
  return (
    <div className="space-y-2" data-testid="my-views">
      <div className="flex flex-wrap items-center gap-2">
        {list.length > 0 ? (
          <nav aria-label="My views" className="min-w-0">
            <ul className="flex flex-wrap items-center gap-1.5">
              {list.map((view) => {
                const current = view.query === canonicalQuery;
                return (
                  <li
                    key={view.id}
                    data-testid="my-view"
                    data-view-name={view.name}
                    className={cn(
                      "inline-flex items-center rounded-full border text-sm",
                      current
                        ? "border-brand-600 bg-brand-50 text-brand-700"
                        : "border-gray-300 bg-white text-gray-700",
                    )}
                  >
                    <Link
                      href={myViewHref(view, pageSize)}
                      aria-current={current ? "page" : undefined}
                      title={decodeURIComponent(view.query.replaceAll("+", " "))}
                      className="inline-flex items-center gap-1.5 rounded-l-full py-1 pr-1 pl-2.5 font-medium hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                      data-testid="my-view-link"
                    >
                      <Bookmark aria-hidden="true" className="size-3.5 shrink-0" />
                      {view.name}
                    </Link>
                    <button
                      type="button"
                      onClick={() => remove.mutate(view)}
                      disabled={remove.isPending && remove.variables?.id === view.id}
                      aria-label={`Delete the view ${view.name}`}
                      className="rounded-r-full py-1 pr-2 pl-1 text-gray-500 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50"
                      data-testid="my-view-delete"
                    >
                      <X aria-hidden="true" className="size-3.5" />
                    </button>
                  </li>
                );
              })}
            </ul>
          </nav>
        ) : null}
        {canonicalQuery && !alreadySaved && !saving ? (
          <Button ref={saveButton} size="sm" variant="ghost" onClick={() => setSaving(true)} data-testid="save-view">
            <BookmarkPlus aria-hidden="true" />
            Save these filters…
          </Button>
        ) : null}
      </div>
      {saving ? <SaveViewForm query={canonicalQuery} onDone={closeForm} /> : null}
      {remove.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not delete the view: {remove.error.message}
        </p>
      ) : null}
    </div>
  );
}
