import type { Metadata } from "next";
import { FrontSettings } from "@/components/settings/front-settings";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";

export const metadata: Metadata = { title: "Front settings" };

// Settings → Front: go-live checklist, connection, what the AI answers, and the webhook.
export default function FrontSettingsPage() {
  return (
    <div className="max-w-3xl">
      <SettingsPageHeader title="Front">
        Connect Frontline to your Front company, choose what the AI answers, and check that Front’s webhooks arrive.
      </SettingsPageHeader>
      <FrontSettings />
    </div>
  );
}
