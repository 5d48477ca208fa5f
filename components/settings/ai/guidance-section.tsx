"use client";

import { MessageSquareText } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { cn } from "@/components/ui/cn";
import { SettingsRow, SettingsSection } from "../settings-section";
import { SaveRow } from "./save-row";
import type { AgentSettingsResponse } from "./types";
import { useSaveAgentSettings } from "./use-agent-settings";

const textareaClass =
  "mt-1.5 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm text-gray-900 shadow-xs placeholder:text-gray-400 focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:-outline-offset-1 focus-visible:outline-brand-600";

/** One topic per line; blank lines and repeats dropped. */
function parseTopics(text: string): string[] {
  return [
    ...new Set(
      text
        .split("\n")
        .map((line) => line.replace(/^[-*•]\s*/, "").trim())
        .filter(Boolean),
    ),
  ];
}

/** The team's instructions and the subjects that always go to a person: both reach the model on the next run. */
export function GuidanceSection({ settings }: { settings: AgentSettingsResponse }) {
  const { values } = settings;
  const [instructions, setInstructions] = useState(values.instructions);
  const [topics, setTopics] = useState(values.handoffTopics.join("\n"));
  const save = useSaveAgentSettings();
  const id = useId();
  const topicList = parseTopics(topics);
  const dirty = instructions !== values.instructions || topicList.join("\n") !== values.handoffTopics.join("\n");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ instructions, handoffTopics: topicList });
  }

  return (
    <SettingsSection
      id="guidance"
      icon={MessageSquareText}
      title="Instructions and handoff topics"
      description="Your team’s voice and policies, and the subjects the AI must never answer itself."
      testId="guidance-section"
    >
      <form onSubmit={onSubmit} noValidate>
        <SettingsRow>
          <label htmlFor={`${id}-instructions`} className="text-sm font-medium text-gray-900">
            Instructions
          </label>
          <p id={`${id}-instructions-help`} className="mt-0.5 text-sm text-gray-600">
            Added to the model’s prompt on every run, e.g. “Sign off as the Acme support team. Never promise delivery
            dates.”
          </p>
          <textarea
            id={`${id}-instructions`}
            aria-describedby={`${id}-instructions-help`}
            rows={6}
            value={instructions}
            onChange={(event) => setInstructions(event.target.value)}
            data-testid="instructions-input"
            className={textareaClass}
          />
        </SettingsRow>
        <SettingsRow>
          <label htmlFor={`${id}-topics`} className="text-sm font-medium text-gray-900">
            Handoff topics
          </label>
          <p id={`${id}-topics-help`} className="mt-0.5 text-sm text-gray-600">
            One per line. A message about any of them goes straight to a person with the reason “prohibited topic”.
            Separate alternatives with commas or “or”, e.g. “refund, chargeback or money back”.
          </p>
          <textarea
            id={`${id}-topics`}
            aria-describedby={`${id}-topics-help`}
            rows={4}
            value={topics}
            onChange={(event) => setTopics(event.target.value)}
            placeholder={"legal action or lawyer\nrefund, chargeback"}
            data-testid="handoff-topics-input"
            className={cn(textareaClass, "font-mono")}
          />
        </SettingsRow>
        <SettingsRow>
          <SaveRow
            testId="guidance"
            dirty={dirty}
            pending={save.isPending}
            saved={save.isSuccess}
            error={save.isError ? save.error.message : null}
          />
        </SettingsRow>
      </form>
    </SettingsSection>
  );
}
