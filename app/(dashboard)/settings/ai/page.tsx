import type { Metadata } from "next";
import { AiSettings } from "@/components/settings/ai/ai-settings";

export const metadata: Metadata = { title: "AI settings" };

// Settings → AI: the model, the team's instructions and handoff topics, delivery, redaction, limits and prices.
export default function AiSettingsPage() {
  return (
    <div className="max-w-3xl">
      <div className="mb-6">
        <p className="text-sm font-medium text-gray-500">Settings</p>
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">AI</h1>
        <p className="mt-1 text-sm text-gray-600">Choose the model and tell it how your team works. Changes apply from the next customer message.</p>
      </div>
      <AiSettings />
    </div>
  );
}
