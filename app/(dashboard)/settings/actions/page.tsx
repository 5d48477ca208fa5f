import type { Metadata } from "next";
import { ActionsSettings } from "@/components/actions/actions-settings";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";

export const metadata: Metadata = { title: "Actions" };

// Settings → Actions: the team's own API calls that the AI can make while it answers.
export default function ActionsSettingsPage() {
  return (
    <div className="max-w-3xl">
      <SettingsPageHeader title="Actions">
        HTTP calls to your own systems that the AI can make while it answers. The timeline of each session shows every
        call, its answer or its error.
      </SettingsPageHeader>
      <ActionsSettings />
    </div>
  );
}
