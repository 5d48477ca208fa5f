import type { Metadata } from "next";
import { FrontSettings } from "@/components/settings/front-settings";

export const metadata: Metadata = { title: "Front settings" };

// Settings → Front: go-live checklist, connection, what the AI answers, and the webhook.
export default function FrontSettingsPage() {
  return (
    <div className="max-w-3xl">
      <div className="mb-6">
        <p className="text-sm font-medium text-gray-500">Settings</p>
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Front</h1>
        <p className="mt-1 text-sm text-gray-600">Connect Frontline to your Front company, choose what the AI answers, and check that Front’s webhooks arrive.</p>
      </div>
      <FrontSettings />
    </div>
  );
}
