import type { Metadata } from "next";
import { ActionsSettings } from "@/components/actions/actions-settings";

export const metadata: Metadata = { title: "Actions" };

// Settings → Actions: the team's own API calls that the AI can make while it answers.
export default function ActionsSettingsPage() {
  return (
    <div className="max-w-3xl">
      <div className="mb-6">
        <p className="text-sm font-medium text-gray-500">Settings</p>
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Actions</h1>
        <p className="mt-1 text-sm text-gray-600">
          HTTP calls to your own systems that the AI can make while it answers. The timeline of each session shows every call, its answer or its
          error.
        </p>
      </div>
      <ActionsSettings />
    </div>
  );
}
