"use client";

import { Send } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { CHANNEL_LABELS, CHANNELS, type Channel } from "@/lib/front/channels";
import { DELIVERY_MODE_LABELS, DELIVERY_MODES } from "@/lib/settings/agent-options";
import { SettingsRow, SettingsSection } from "../settings-section";
import type { AgentSettingsResponse, DeliveryMode } from "./types";
import { useSaveAgentSettings } from "./use-agent-settings";

/** How the AI's answer reaches the customer, per channel. Each choice is saved when it changes. */
export function DeliverySection({ settings }: { settings: AgentSettingsResponse }) {
  const save = useSaveAgentSettings();
  const delivery = settings.values.delivery;
  return (
    <SettingsSection
      id="delivery"
      icon={Send}
      title="Delivery"
      description="Start with drafts or internal comments to review the AI’s answers before it talks to customers. A handoff is always an internal comment."
      testId="delivery-section"
    >
      <SettingsRow className="space-y-3">
        {CHANNELS.map((channel: Channel) => (
          <div key={channel} className="grid items-center gap-1 sm:grid-cols-[10rem_1fr]">
            <label htmlFor={`delivery-${channel}`} className="text-sm font-medium text-gray-900">
              {CHANNEL_LABELS[channel]}
            </label>
            <select
              id={`delivery-${channel}`}
              value={delivery[channel]}
              disabled={save.isPending}
              onChange={(event) => save.mutate({ delivery: { [channel]: event.target.value as DeliveryMode } })}
              data-testid={`delivery-${channel}`}
              className={cn(inputClass, "sm:max-w-sm")}
            >
              {DELIVERY_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {DELIVERY_MODE_LABELS[mode]}
                </option>
              ))}
            </select>
          </div>
        ))}
        <p role="status" className="text-sm empty:hidden">
          {save.isError ? <span className="text-red-700">{save.error.message}</span> : save.isSuccess ? <span className="text-green-800">Saved.</span> : null}
        </p>
      </SettingsRow>
    </SettingsSection>
  );
}
