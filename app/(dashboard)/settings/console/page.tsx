import type { Metadata } from "next";
import { ConsoleView } from "@/components/console/console-view";

export const metadata: Metadata = { title: "Console" };

// Settings → Console: run the AI on a pasted transcript or a stored session with another model or instructions,
// and read every step. A dry run: nothing is sent to Front or saved.
export default function ConsolePage() {
  return (
    <div>
      <div className="mb-6 max-w-3xl">
        <p className="text-sm font-medium text-gray-500">Settings</p>
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Console</h1>
        <p className="mt-1 text-sm text-gray-600">
          Try the AI on a conversation before changing Settings → AI: paste a transcript or pick a stored session, change the model or instructions,
          and see every step, tool call and the outcome. Nothing is sent to Front.
        </p>
      </div>
      <ConsoleView />
    </div>
  );
}
