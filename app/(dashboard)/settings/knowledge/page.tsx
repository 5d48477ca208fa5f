import type { Metadata } from "next";
import { KnowledgeSettings } from "@/components/knowledge/knowledge-settings";

export const metadata: Metadata = { title: "Knowledge settings" };

// Settings → Knowledge: the help articles the AI answers from, importing Markdown, and trying a question.
export default function KnowledgeSettingsPage() {
  return (
    <div className="max-w-5xl">
      <div className="mb-6">
        <p className="text-sm font-medium text-gray-500">Settings</p>
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Knowledge</h1>
        <p className="mt-1 text-sm text-gray-600">
          The help articles the AI answers from. It searches them passage by passage and names the article it used in its reply.
        </p>
      </div>
      <KnowledgeSettings />
    </div>
  );
}
