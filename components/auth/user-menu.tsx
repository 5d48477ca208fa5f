"use client";

import Link from "next/link";
import { ChevronsUpDown, LoaderCircle, LogOut } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { AuthUser } from "@/lib/auth/types";
import { ROLE_LABELS } from "./role-label";

function initials(user: AuthUser): string {
  const source = user.name.trim() || user.email;
  const parts = source.split(/[\s._@-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts[1]?.[0] ?? "") : "")).toUpperCase();
}

/** Who is signed in (name, email, role) and a way out; a disclosure at the foot of the sidebar, or in the top bar on phones. */
export function UserMenu({ user }: { user: AuthUser }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  async function signOut() {
    setSigningOut(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-out", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`Could not sign out (error ${response.status}). Try again.`);
      // A full page load: nothing of the signed-in session stays in memory.
      window.location.replace("/login");
    } catch (caught) {
      setSigningOut(false);
      setError(
        caught instanceof Error && caught.message.startsWith("Could not")
          ? caught.message
          : "Could not reach Frontline to sign out. Try again.",
      );
    }
  }

  return (
    <div ref={rootRef} className="relative" data-testid="user-menu">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        data-testid="user-menu-button"
        className="flex w-full min-w-0 items-center gap-2 rounded-md p-1 text-left hover:bg-gray-100 md:px-2 md:py-1.5"
      >
        <span
          aria-hidden="true"
          className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-800"
        >
          {initials(user)}
        </span>
        <span className="sr-only min-w-0 flex-1 md:not-sr-only">
          <span className="block truncate text-sm font-medium text-gray-900">{user.name}</span>
          <span className="block truncate text-xs text-gray-500">{user.email}</span>
        </span>
        <ChevronsUpDown aria-hidden="true" className="hidden size-4 shrink-0 text-gray-400 md:block" />
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute top-full right-0 z-50 mt-2 w-64 rounded-lg border border-gray-200 bg-white p-3 shadow-lg md:top-auto md:right-auto md:bottom-full md:left-0 md:mt-0 md:mb-2 md:w-full"
      >
        <p className="text-xs text-gray-500">Signed in as</p>
        <p className="truncate text-sm font-medium text-gray-900" data-testid="user-name">
          {user.name}
        </p>
        <p className="truncate text-sm text-gray-600" data-testid="user-email">
          {user.email}
        </p>
        <p className="mt-2 flex items-center gap-2 text-xs text-gray-500">
          Role
          <Badge tone={user.role === "admin" ? "brand" : "gray"} data-testid="user-role" data-role={user.role}>
            {ROLE_LABELS[user.role]}
          </Badge>
        </p>
        <Link href="/account" className="mt-3 block text-sm text-brand-700 underline" data-testid="account-link">
          Change your password
        </Link>
        <Button
          className="mt-3 w-full"
          onClick={() => void signOut()}
          disabled={signingOut}
          aria-busy={signingOut || undefined}
          data-testid="sign-out"
        >
          {signingOut ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <LogOut aria-hidden="true" />}
          Sign out
        </Button>
        {error ? (
          <p role="alert" className="mt-2 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
