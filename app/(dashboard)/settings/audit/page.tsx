import type { Metadata } from "next";
import { AuditLog } from "@/components/settings/audit-log";

export const metadata: Metadata = { title: "Audit" };

// Settings → Audit: every admin change, who made it and when, with what it was before and after (secrets never shown).
export default function AuditSettingsPage() {
  return (
    <div className="max-w-4xl">
      <div className="mb-6">
        <p className="text-sm font-medium text-gray-500">Settings</p>
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Audit</h1>
        <p className="mt-1 text-sm text-gray-600">
          Every change an admin made: settings, keys (only that they were replaced, never their values), actions, knowledge, re-runs, users and sample
          data. The log cannot be edited or deleted.
        </p>
      </div>
      <AuditLog />
    </div>
  );
}
