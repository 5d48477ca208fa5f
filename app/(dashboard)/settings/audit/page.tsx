import type { Metadata } from "next";
import { AuditLog } from "@/components/settings/audit-log";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";

export const metadata: Metadata = { title: "Audit" };

// Settings → Audit: every admin change, who made it and when, with what it was before and after (secrets never shown).
export default function AuditSettingsPage() {
  return (
    <div className="max-w-4xl">
      <SettingsPageHeader title="Audit">
        Every change an admin made: settings, keys (only that they were replaced, never their values), actions,
        knowledge, re-runs, users and sample data. The log cannot be edited or deleted.
      </SettingsPageHeader>
      <AuditLog />
    </div>
  );
}
