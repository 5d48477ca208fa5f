import type { Metadata } from "next";
import { AiSettings } from "@/components/settings/ai/ai-settings";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";

export const metadata: Metadata = { title: "AI settings" };

// Settings → AI: the model, the team's instructions and handoff topics, delivery, redaction, limits and prices.
export default function AiSettingsPage() {
  return (
    <div className="max-w-3xl">
      <SettingsPageHeader title="AI">
        Choose the model and tell it how your team works. Changes apply from the next customer message.
      </SettingsPageHeader>
      <AiSettings />
    </div>
  );
}
