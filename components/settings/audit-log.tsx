"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { ChevronDown, History, KeyRound, ListFilter, SearchX, X } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { fetchJson } from "@/components/ui/fetch-json";
import { inputClass } from "@/components/ui/field-styles";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { StatePanel } from "@/components/ui/state-panel";
import { LocalTime } from "@/components/ui/time";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditEntryView, type AuditResponse } from "@/lib/audit/actions";
import { SECRET_FIELDS } from "@/lib/settings/front-settings-fields";

interface Filters {
  action: string;
  actor: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { action: "", actor: "", from: "", to: "" };

/** The groups the action filter offers before the single actions: every change to settings, to actions… */
const ACTION_GROUPS = [
  { value: "settings", label: "All settings changes" },
  { value: "actions", label: "All action changes" },
  { value: "knowledge", label: "All knowledge changes" },
];

const SECRET_KEYS = new Set<string>([...SECRET_FIELDS, "apiKey", "password"]);
const MARKERS = new Set(["set", "replaced", "unchanged", "removed"]);

function auditUrl(filters: Filters, cursor: number | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  if (cursor !== null) params.set("cursor", String(cursor));
  params.set("limit", "50");
  return `/api/audit?${params}`;
}

/** Settings → Audit: the admin changes, newest first, with filters and each change's before → after. */
export function AuditLog() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const query = useInfiniteQuery({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam, signal }) => fetchJson<AuditResponse>(auditUrl(filters, pageParam), signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const entries = query.data?.pages.flatMap((page) => page.entries) ?? [];
  const filtered = Object.values(filters).some((value) => value.trim());

  let body;
  if (query.isPending) {
    body = (
      <div className="space-y-2" data-testid="audit-loading">
        {[0, 1, 2].map((row) => (
          <Skeleton key={row} className="h-14 w-full" />
        ))}
      </div>
    );
  } else if (query.isError && entries.length === 0) {
    body = (
      <LoadError
        testId="audit-error"
        title="The audit log did not load"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (entries.length === 0) {
    body = filtered ? (
      <StatePanel
        icon={SearchX}
        role="status"
        testId="audit-empty"
        action={
          <Button onClick={() => setFilters(NO_FILTERS)}>
            <X aria-hidden="true" />
            Clear filters
          </Button>
        }
      >
        <p>
          <strong className="font-semibold text-gray-900">No changes match these filters.</strong>
        </p>
      </StatePanel>
    ) : (
      <StatePanel icon={History} role="status" testId="audit-empty">
        <p>
          <strong className="font-semibold text-gray-900">No changes yet</strong> — every change an admin makes in
          Settings, to the knowledge base, to users or a re-run shows here.
        </p>
      </StatePanel>
    );
  } else {
    body = (
      <div className="space-y-3">
        <ol
          className="divide-y divide-gray-200 overflow-hidden rounded-lg border border-gray-200 bg-white"
          data-testid="audit-list"
        >
          {entries.map((entry) => (
            <AuditRow key={entry.id} entry={entry} />
          ))}
        </ol>
        {query.hasNextPage ? (
          <Button
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            data-testid="audit-more"
          >
            <ChevronDown aria-hidden="true" />
            {query.isFetchingNextPage ? "Loading…" : "Older changes"}
          </Button>
        ) : null}
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <AuditFilters filters={filters} onChange={setFilters} />
      {body}
    </div>
  );
}

function AuditFilters({ filters, onChange }: { filters: Filters; onChange: (filters: Filters) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(filters);
  const [draftFor, setDraftFor] = useState(filters);
  if (draftFor !== filters) {
    setDraftFor(filters);
    setDraft(filters);
  }
  const active = Object.values(filters).some((value) => value.trim());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange(draft);
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      role="search"
      aria-label="Filter the audit log"
      data-testid="audit-filters"
      className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end"
    >
      <div className="sm:w-56">
        <label htmlFor={`${id}-action`} className="block text-xs font-medium text-gray-700">
          Change
        </label>
        <select
          id={`${id}-action`}
          value={draft.action}
          // The kind of change applies at once, like the other pages' pickers; text and dates on "Filter".
          onChange={(event) => onChange({ ...draft, action: event.target.value })}
          data-testid="audit-action-filter"
          className={cn(inputClass, "mt-1 pr-8")}
        >
          <option value="">All changes</option>
          {ACTION_GROUPS.map((group) => (
            <option key={group.value} value={group.value}>
              {group.label}
            </option>
          ))}
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {AUDIT_ACTION_LABELS[action]}
            </option>
          ))}
        </select>
      </div>
      <div className="sm:w-52">
        <label htmlFor={`${id}-actor`} className="block text-xs font-medium text-gray-700">
          Who
        </label>
        <input
          id={`${id}-actor`}
          type="search"
          placeholder="Email or name"
          value={draft.actor}
          onChange={(event) => setDraft({ ...draft, actor: event.target.value })}
          data-testid="audit-actor-filter"
          className={cn(inputClass, "mt-1")}
        />
      </div>
      {/* The two dates side by side on a phone; on a wider screen they flow with the other fields. */}
      <div className="grid grid-cols-2 gap-3 sm:contents">
        <div className="sm:w-40">
          <label htmlFor={`${id}-from`} className="block text-xs font-medium text-gray-700">
            From
          </label>
          <input
            id={`${id}-from`}
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            data-testid="audit-from"
            className={cn(inputClass, "mt-1")}
          />
        </div>
        <div className="sm:w-40">
          <label htmlFor={`${id}-to`} className="block text-xs font-medium text-gray-700">
            To
          </label>
          <input
            id={`${id}-to`}
            type="date"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            data-testid="audit-to"
            className={cn(inputClass, "mt-1")}
          />
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="submit" data-testid="audit-filter">
          <ListFilter aria-hidden="true" />
          Filter
        </Button>
        {active ? (
          <Button variant="ghost" onClick={() => onChange(NO_FILTERS)} data-testid="audit-clear-filters">
            <X aria-hidden="true" />
            Clear
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function actionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

function AuditRow({ entry }: { entry: AuditEntryView }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const who = entry.actor.email ?? entry.actor.name ?? "Unknown";
  const changes = changedPaths(entry.before, entry.after);
  return (
    <li data-testid="audit-entry" data-action={entry.action} className="px-4 py-3">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full flex-col gap-1 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 sm:flex-row sm:items-center sm:gap-3"
      >
        <ChevronDown
          aria-hidden="true"
          className={cn("hidden size-4 shrink-0 text-gray-400 transition-transform sm:block", !open && "-rotate-90")}
        />
        <span className="min-w-0 flex-1">
          <span className="block text-sm font-medium text-gray-900">
            {actionLabel(entry.action)}
            {entry.target ? <span className="font-normal text-gray-600"> · {entry.target}</span> : null}
          </span>
          <span className="block text-xs text-gray-500">
            <span data-testid="audit-actor">{who}</span>
            {entry.actor.email && entry.actor.name ? ` (${entry.actor.name})` : null} ·{" "}
            <code className="text-[11px]">{entry.action}</code> · {changes.length}{" "}
            {changes.length === 1 ? "field" : "fields"}
          </span>
        </span>
        <LocalTime iso={entry.at} seconds className="shrink-0 text-xs text-gray-500 tabular-nums" />
      </button>
      <div id={detailsId} hidden={!open} className="mt-3 sm:pl-7">
        {open ? <ChangeTable changes={changes} /> : null}
      </div>
    </li>
  );
}

interface PathChange {
  path: string;
  before: unknown;
  after: unknown;
  secret: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Flattens before and after into one row per changed field ("channels.sms"); arrays stay whole. */
function changedPaths(before: unknown, after: unknown, path = ""): PathChange[] {
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.flatMap((key) => {
      const child = path ? `${path}.${key}` : key;
      if (isObject(b[key]) || isObject(a[key])) return changedPaths(b[key], a[key], child);
      return [{ path: child, before: b[key], after: a[key], secret: SECRET_KEYS.has(key) }];
    });
  }
  return [];
}

function ChangeTable({ changes }: { changes: PathChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-gray-500">No details recorded.</p>;
  return (
    <table className="w-full table-fixed border-collapse text-left text-xs" data-testid="audit-changes">
      <thead>
        <tr className="text-gray-500">
          <th scope="col" className="w-1/4 py-1 pr-2 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 pr-2 font-medium">
            Before
          </th>
          <th scope="col" className="py-1 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody className="align-top">
        {changes.map((change) => (
          <tr
            key={change.path}
            className="border-t border-gray-100"
            data-testid="audit-change"
            data-field={change.path}
          >
            <th scope="row" className="py-1.5 pr-2 font-mono font-normal break-words text-gray-700">
              {change.path}
            </th>
            <td className="py-1.5 pr-2">
              <ChangeValue value={change.before} secret={change.secret} />
            </td>
            <td className="py-1.5">
              <ChangeValue value={change.after} secret={change.secret} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A value as the log keeps it; a secret is only ever a marker ("replaced"), shown as such. */
function ChangeValue({ value, secret }: { value: unknown; secret: boolean }) {
  if (value === undefined) return <span className="text-gray-400">—</span>;
  if (secret && typeof value === "string" && MARKERS.has(value)) {
    return (
      <Badge
        tone={value === "removed" ? "red" : value === "unchanged" ? "gray" : "amber"}
        data-testid="audit-secret-marker"
      >
        <KeyRound aria-hidden="true" />
        Secret {value}
      </Badge>
    );
  }
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 1);
  return <span className="font-mono break-words whitespace-pre-wrap text-gray-900">{text}</span>;
}
