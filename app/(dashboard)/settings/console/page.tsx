import type { Metadata } from "next";
import { ConsoleView } from "@/components/console/console-view";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";

export const metadata: Metadata = { title: "Console" };

// Settings → Console: run the AI on a pasted transcript or a stored session with another model or instructions,
// and read every step. A dry run: nothing is sent to Front or saved.
export default function ConsolePage() {
  return (
    <div>
      <SettingsPageHeader title="Console" className="max-w-3xl">
        Try the AI on a conversation before changing Settings → AI: paste a transcript or pick a stored session, change
        the model or instructions, and see every step, tool call and the outcome. Nothing is sent to Front.
      </SettingsPageHeader>
      <ConsoleView />
    </div>
  );
}
