import type { Metadata } from "next";
import { KnowledgeSettings } from "@/components/knowledge/knowledge-settings";
import { SettingsPageHeader } from "@/components/settings/settings-page-header";

export const metadata: Metadata = { title: "Knowledge settings" };

// Settings → Knowledge: the help articles the AI answers from, importing Markdown, and trying a question.
export default function KnowledgeSettingsPage() {
  return (
    <div className="max-w-5xl">
      <SettingsPageHeader title="Knowledge">
        The help articles the AI answers from. It searches them passage by passage and names the article it used in its
        reply.
      </SettingsPageHeader>
      <KnowledgeSettings />
    </div>
  );
}
