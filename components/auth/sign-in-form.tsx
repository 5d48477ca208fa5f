"use client";

import { LoaderCircle } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field-styles";

type SignInError = { kind: "credentials" | "other"; message: string };

/** What to tell the person for a refused sign-in: wrong credentials, too many attempts, or something else. */
async function describeFailure(response: Response): Promise<SignInError> {
  if (response.status === 401) return { kind: "credentials", message: "Wrong email or password." };
  if (response.status === 429) {
    const seconds = Number(response.headers.get("x-retry-after"));
    const wait = Number.isFinite(seconds) && seconds > 0 ? `${seconds} second${seconds === 1 ? "" : "s"}` : "a minute";
    return { kind: "other", message: `Too many sign-in attempts. Wait ${wait} and try again.` };
  }
  const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
  if (response.status === 403 && body?.code === "INVALID_ORIGIN") {
    return {
      kind: "other",
      message: "Sign-in is refused at this address. Open Frontline at the address set in APP_URL.",
    };
  }
  if (response.status === 400 && body?.code === "INVALID_EMAIL")
    return { kind: "credentials", message: "Enter a valid email address." };
  return { kind: "other", message: `Could not sign in right now (error ${response.status}). Try again.` };
}

export function SignInForm({ next }: { next: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<SignInError | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          email: String(form.get("email") ?? "").trim(),
          password: String(form.get("password") ?? ""),
          rememberMe: true,
        }),
        cache: "no-store",
      });
      if (response.ok) {
        // A full page load, so the server renders the next page with the new session cookie.
        window.location.replace(next);
        return;
      }
      setError(await describeFailure(response));
    } catch {
      setError({ kind: "other", message: "Could not reach Frontline. Check your connection and try again." });
    }
    setPending(false);
  }

  const invalid = error?.kind === "credentials" || undefined;
  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" data-testid="sign-in-form">
      <div className="space-y-1.5">
        <label htmlFor="sign-in-email" className="block text-sm font-medium text-gray-800">
          Email
        </label>
        <input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          aria-invalid={invalid}
          aria-describedby={error ? "sign-in-error" : undefined}
          className={inputClass}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="sign-in-password" className="block text-sm font-medium text-gray-800">
          Password
        </label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={invalid}
          aria-describedby={error ? "sign-in-error" : undefined}
          className={inputClass}
        />
      </div>
      {error ? (
        <p
          id="sign-in-error"
          role="alert"
          data-testid="sign-in-error"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error.message}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full" disabled={pending} aria-busy={pending || undefined}>
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
        Sign in
      </Button>
    </form>
  );
}
