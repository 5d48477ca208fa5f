"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, LogOut, UserPlus, Users as UsersIcon } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { browserLabel } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { cn } from "@/components/ui/cn";
import { fetchJson } from "@/components/ui/fetch-json";
import { inputClass } from "@/components/ui/field-styles";
import { Field } from "@/components/ui/field";
import { LoadError } from "@/components/ui/load-error";
import { sendJson } from "@/components/ui/send-json";
import { Skeleton } from "@/components/ui/skeleton";
import { StatePanel } from "@/components/ui/state-panel";
import { LocalTime, RelativeTime } from "@/components/ui/time";
import type { UserSessionsResponse, UsersResponse, UserView } from "@/lib/auth/user-admin";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { plural } from "@/lib/format/plural";
import type { Role } from "@/lib/domain";

const USERS_KEY = ["users"] as const;

/** Settings → Users: who can sign in, with which role, from which browsers; add, change, sign out, remove. */
export function UsersSettings({ currentUserId }: { currentUserId: string }) {
  const query = useQuery({
    queryKey: USERS_KEY,
    queryFn: ({ signal }) => fetchJson<UsersResponse>("/api/users", signal),
  });

  let body;
  if (query.isPending) {
    body = (
      <div className="space-y-2" data-testid="users-loading">
        {[0, 1].map((row) => (
          <Skeleton key={row} className="h-16 w-full" />
        ))}
      </div>
    );
  } else if (query.isError) {
    body = (
      <LoadError
        testId="users-error"
        title="The users did not load"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (query.data.users.length === 0) {
    body = (
      <StatePanel icon={UsersIcon} role="status" testId="users-empty">
        No accounts yet.
      </StatePanel>
    );
  } else {
    body = (
      <ul
        className="divide-y divide-gray-200 overflow-hidden rounded-lg border border-gray-200 bg-white"
        data-testid="users-list"
      >
        {query.data.users.map((user) => (
          <UserRow key={user.id} user={user} isYou={user.id === currentUserId} />
        ))}
      </ul>
    );
  }
  return (
    <div className="space-y-6">
      {body}
      <AddUserForm />
    </div>
  );
}

function UserRow({ user, isYou }: { user: UserView; isYou: boolean }) {
  const client = useQueryClient();
  const [showSessions, setShowSessions] = useState(false);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: USERS_KEY });
  const changeRole = useMutation({
    mutationFn: (role: Role) => sendJson(`/api/users/${user.id}`, "PATCH", { role }),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: () => sendJson(`/api/users/${user.id}`, "DELETE"), onSuccess: refresh });
  const error = changeRole.error ?? remove.error;
  const sessionsId = useId();

  return (
    <li className="px-4 py-3 text-sm" data-testid="user-row" data-email={user.email}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-gray-900">{user.name}</span>
            {isYou ? <Badge tone="brand">You</Badge> : null}
          </p>
          <p className="truncate text-gray-600">{user.email}</p>
          <p className="text-xs text-gray-500">
            {plural(user.openSessions, "open session")}
            {user.lastActiveAt ? (
              <>
                {" · active "}
                <RelativeTime iso={user.lastActiveAt} />
              </>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor={`${sessionsId}-role`}>
            Role of {user.email}
          </label>
          <select
            id={`${sessionsId}-role`}
            value={changeRole.isPending ? changeRole.variables : user.role}
            disabled={changeRole.isPending}
            onChange={(event) => changeRole.mutate(event.target.value as Role)}
            className={cn(inputClass, "w-auto pr-8")}
            data-testid="user-role"
          >
            <option value="admin">Admin</option>
            <option value="viewer">Viewer</option>
          </select>
          <Button
            size="sm"
            aria-expanded={showSessions}
            aria-controls={sessionsId}
            onClick={() => setShowSessions(!showSessions)}
            data-testid="user-sessions-toggle"
          >
            {showSessions ? <ChevronDown aria-hidden="true" /> : <ChevronRight aria-hidden="true" />}
            Sessions
          </Button>
          {isYou ? null : (
            <Button size="sm" onClick={() => setConfirmingRemoval(true)} data-testid="user-remove">
              Remove…
            </Button>
          )}
        </div>
      </div>
      {confirmingRemoval ? (
        <ConfirmPanel
          className="mt-3"
          confirmLabel="Remove"
          onConfirm={() => remove.mutate()}
          onCancel={() => setConfirmingRemoval(false)}
          pending={remove.isPending}
          confirmTestId="user-remove-confirm"
        >
          Remove {user.email}? They are signed out at once and can no longer sign in. The audit log keeps what they did.
        </ConfirmPanel>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-red-700" data-testid="user-error">
          {error.message}
        </p>
      ) : null}
      {showSessions ? <UserSessions id={sessionsId} userId={user.id} onChange={refresh} /> : null}
    </li>
  );
}

function UserSessions({ id, userId, onChange }: { id: string; userId: string; onChange: () => Promise<void> }) {
  const client = useQueryClient();
  const key = ["users", userId, "sessions"];
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<UserSessionsResponse>(`/api/users/${userId}/sessions`, signal),
  });
  const revoke = useMutation({
    mutationFn: (sessionId?: string) =>
      sendJson(
        sessionId ? `/api/users/${userId}/sessions/${encodeURIComponent(sessionId)}` : `/api/users/${userId}/sessions`,
        "DELETE",
      ),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: key });
      await onChange();
    },
  });

  let content;
  if (query.isPending) content = <Skeleton className="h-10 w-full" />;
  else if (query.isError)
    content = (
      <LoadError
        testId="user-sessions-error"
        title="The sessions did not load"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  else if (query.data.sessions.length === 0) content = <p className="text-gray-600">Not signed in anywhere.</p>;
  else {
    content = (
      <>
        <ul className="divide-y divide-gray-100" data-testid="user-sessions">
          {query.data.sessions.map((session) => (
            <li
              key={session.id}
              className="flex flex-col gap-2 py-2 sm:flex-row sm:items-center"
              data-testid="user-session"
            >
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 font-medium text-gray-800">
                  {browserLabel(session.userAgent)}
                  {session.current ? <Badge tone="green">This browser</Badge> : null}
                </p>
                <p className="text-xs text-gray-500">
                  {session.ipAddress ? `${session.ipAddress} · ` : ""}signed in <LocalTime iso={session.createdAt} /> ·
                  active <RelativeTime iso={session.lastActiveAt} /> · expires <LocalTime iso={session.expiresAt} />
                </p>
              </div>
              <Button
                size="sm"
                onClick={() => revoke.mutate(session.id)}
                disabled={revoke.isPending}
                data-testid="user-session-revoke"
              >
                <LogOut aria-hidden="true" />
                Sign out
              </Button>
            </li>
          ))}
        </ul>
        {query.data.sessions.length > 1 ? (
          <Button
            size="sm"
            className="mt-2"
            onClick={() => revoke.mutate(undefined)}
            disabled={revoke.isPending}
            data-testid="user-sessions-revoke-all"
          >
            <LogOut aria-hidden="true" />
            Sign out everywhere
          </Button>
        ) : null}
      </>
    );
  }
  return (
    <div id={id} className="mt-3 rounded-md border border-gray-200 bg-gray-50 px-3 py-2">
      {content}
      {revoke.error ? (
        <p role="alert" className="mt-2 text-red-700">
          {revoke.error.message}
        </p>
      ) : null}
    </div>
  );
}

function AddUserForm() {
  const client = useQueryClient();
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (input: { email: string; name: string; role: string; password: string }) =>
      sendJson<{ user: UserView }>("/api/users", "POST", input),
    onSuccess: async ({ user }) => {
      setAdded(user.email);
      await client.invalidateQueries({ queryKey: USERS_KEY });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setAdded(null);
    add.mutate(
      {
        email: String(form.get("email") ?? ""),
        name: String(form.get("name") ?? ""),
        role: String(form.get("role") ?? "viewer"),
        password: String(form.get("password") ?? ""),
      },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <h2 className="text-sm font-semibold text-gray-900">Add a user</h2>
      </CardHeader>
      <CardBody>
        <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" data-testid="add-user-form">
          <Field label="Email">
            <input
              name="email"
              type="email"
              autoComplete="off"
              required
              className={inputClass}
              data-testid="add-user-email"
            />
          </Field>
          <Field label="Name (optional)">
            <input name="name" autoComplete="off" className={inputClass} data-testid="add-user-name" />
          </Field>
          <Field label={`First password (${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters)`}>
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              required
              className={inputClass}
              data-testid="add-user-password"
            />
          </Field>
          <Field label="Role">
            <select name="role" defaultValue="viewer" className={cn(inputClass, "pr-8")} data-testid="add-user-role">
              <option value="viewer">Viewer (reads only)</option>
              <option value="admin">Admin</option>
            </select>
          </Field>
          <div className="sm:col-span-2">
            <Button type="submit" variant="primary" disabled={add.isPending} data-testid="add-user-submit">
              <UserPlus aria-hidden="true" />
              Add user
            </Button>
          </div>
        </form>
        {add.error ? (
          <p role="alert" className="mt-3 text-sm text-red-700" data-testid="add-user-error">
            {add.error.message}
          </p>
        ) : null}
        {added ? (
          <p role="status" className="mt-3 text-sm text-green-800" data-testid="add-user-done">
            Added {added}. Give them the password in person; they can change it under Your account.
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}
