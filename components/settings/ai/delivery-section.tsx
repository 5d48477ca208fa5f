"use client";

import { Send } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { ApiRequestError } from "@/components/ui/fetch-json";
import { CHANNEL_LABELS, CHANNELS, type Channel } from "@/lib/front/channels";
import { DELIVERY_MODE_LABELS, DELIVERY_MODES, VOICE_DELIVERY_MODE_LABELS } from "@/lib/settings/agent-options";
import { SettingsRow, SettingsSection } from "../settings-section";
import type { AgentSettingsResponse, DeliveryMode } from "./types";
import { useFrontChannels, useSaveAgentSettings } from "./use-agent-settings";

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
        {CHANNELS.map((channel: Channel) => {
          const labels = channel === "voice" ? VOICE_DELIVERY_MODE_LABELS : DELIVERY_MODE_LABELS;
          return (
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
                    {labels[mode]}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        <p role="status" className="text-sm empty:hidden">
          {save.isError ? (
            <span className="text-red-700">{save.error.message}</span>
          ) : save.isSuccess ? (
            <span className="text-green-800">Saved.</span>
          ) : null}
        </p>
      </SettingsRow>
      <SettingsRow>
        <TextBackChannelPicker settings={settings} />
      </SettingsRow>
    </SettingsSection>
  );
}

/**
 * Front's voice channels take no text reply, so a caller is answered by SMS from a channel the admin picks here.
 * Without one, a call's answer is an internal note for whoever calls back.
 */
function TextBackChannelPicker({ settings }: { settings: AgentSettingsResponse }) {
  const channels = useFrontChannels();
  const save = useSaveAgentSettings();
  const selected = settings.values.textBackChannel;
  const noToken = channels.error instanceof ApiRequestError && channels.error.code === "no_token";
  const list = channels.data?.channels ?? [];
  const smsChannels = list.filter((channel) => channel.smsCapable);
  const voiceMode = settings.values.delivery.voice;

  return (
    <div data-testid="text-back-channel" data-selected={selected?.id ?? ""}>
      <label htmlFor="text-back-channel" className="text-sm font-medium text-gray-900">
        SMS channel for calls
      </label>
      <p id="text-back-channel-description" className="mt-0.5 text-sm text-gray-600">
        What a text reply posted onto a phone call does is not documented by Front, so the AI answers a caller by SMS
        from this channel (a reply with the caller’s number), or leaves an SMS draft there. Only callers whose number is
        known are texted. Without a channel,{" "}
        <span className="font-medium text-gray-900">a call’s answer is an internal note for the callback</span>: the
        suggested answer, the article it came from and the number to call.
      </p>
      <select
        id="text-back-channel"
        aria-describedby="text-back-channel-description text-back-channel-message"
        value={selected?.id ?? ""}
        disabled={save.isPending || noToken || channels.isPending}
        onChange={(event) => {
          const channel = list.find((candidate) => candidate.id === event.target.value);
          save.mutate({
            textBackChannel: channel ? { id: channel.id, address: channel.address, name: channel.name } : null,
          });
        }}
        data-testid="text-back-channel-select"
        className={cn(inputClass, "mt-2 sm:max-w-sm")}
      >
        <option value="">None: leave a note for the callback</option>
        {selected && !list.some((channel) => channel.id === selected.id) ? (
          <option value={selected.id}>{selected.name ?? selected.id}</option>
        ) : null}
        {smsChannels.map((channel) => (
          <option key={channel.id} value={channel.id}>
            {channel.address ? `${channel.name} · ${channel.address}` : channel.name}
          </option>
        ))}
      </select>
      <p
        id="text-back-channel-message"
        role="status"
        className="mt-1.5 text-sm empty:hidden"
        data-testid="text-back-channel-message"
      >
        {noToken ? (
          <span className="text-gray-600">
            Save a Front API token in Settings → Front first: the list comes from Front.
          </span>
        ) : channels.isError ? (
          <span className="text-red-700">Could not list Front’s channels: {channels.error.message}</span>
        ) : save.isError ? (
          <span className="text-red-700">{save.error.message}</span>
        ) : channels.isSuccess && smsChannels.length === 0 ? (
          <span className="text-gray-600">
            Front lists no SMS channel for this company: calls get a note for the callback.
          </span>
        ) : !selected && voiceMode !== "comment" ? (
          <span className="text-amber-800">
            Pick a channel to text callers back: until then, calls get a note for the callback.
          </span>
        ) : save.isSuccess ? (
          <span className="text-green-800">Saved.</span>
        ) : null}
      </p>
    </div>
  );
}
