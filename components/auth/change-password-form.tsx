"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field-styles";
import { Field } from "@/components/ui/field";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

/** What the new password lacks, or null: checked here first so the person hears it before anything is sent. */
function newPasswordProblem(next: string, repeated: string, current: string): string | null {
  if (next.length < MIN_PASSWORD_LENGTH) return `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (next.length > MAX_PASSWORD_LENGTH) return `The new password can have at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (next !== repeated) return "The two new passwords differ.";
  if (next === current) return "The new password is the same as the current one.";
  return null;
}

/** Changes the signed-in person's password; their other sessions (other browsers, devices) are signed out. */
export function ChangePasswordForm() {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const current = String(form.get("current") ?? "");
    const next = String(form.get("next") ?? "");
    const problem = newPasswordProblem(next, String(form.get("repeat") ?? ""), current);
    if (problem) return setMessage({ ok: false, text: problem });
    setPending(true);
    setMessage(null);
    try {
      const response = await fetch("/api/auth/change-password", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ currentPassword: current, newPassword: next, revokeOtherSessions: true }),
        cache: "no-store",
      });
      if (response.ok) {
        formElement.reset();
        setMessage({ ok: true, text: "Password changed. Your other sessions are signed out." });
      } else {
        const body = (await response.json().catch(() => null)) as { code?: string } | null;
        setMessage({
          ok: false,
          text:
            body?.code === "INVALID_PASSWORD"
              ? "The current password is wrong."
              : `Could not change the password (error ${response.status}). Try again.`,
        });
      }
    } catch {
      setMessage({ ok: false, text: "Could not reach Frontline. Check the connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <Card className="max-w-lg">
      <CardHeader>
        <h2 className="text-sm font-semibold text-gray-900">Change your password</h2>
      </CardHeader>
      <CardBody>
        <form onSubmit={onSubmit} className="space-y-3" noValidate data-testid="change-password-form">
          {(
            [
              ["current", "Current password", "current-password"],
              ["next", `New password (at least ${MIN_PASSWORD_LENGTH} characters)`, "new-password"],
              ["repeat", "New password again", "new-password"],
            ] as const
          ).map(([name, label, autoComplete]) => (
            <Field key={name} label={label}>
              <input
                name={name}
                type="password"
                autoComplete={autoComplete}
                required
                className={inputClass}
                data-testid={`password-${name}`}
              />
            </Field>
          ))}
          <Button type="submit" variant="primary" disabled={pending} data-testid="change-password-submit">
            Change password
          </Button>
          {message ? (
            <p
              role={message.ok ? "status" : "alert"}
              className={message.ok ? "text-sm text-green-800" : "text-sm text-red-700"}
              data-testid="change-password-message"
            >
              {message.text}
            </p>
          ) : null}
        </form>
      </CardBody>
    </Card>
  );
}
