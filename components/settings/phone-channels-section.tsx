"use client";

import { PhoneIncoming } from "lucide-react";
import { useState } from "react";
import { ApiRequestError } from "@/components/ui/fetch-json";
import { useFrontChannels } from "./ai/use-agent-settings";
import type { ListedFrontChannel } from "./ai/types";
import { SettingsRow, SettingsSection } from "./settings-section";
import type { FrontSettingsResponse, PhoneChannel } from "./types";
import { useSaveFrontSettings } from "./use-front-settings";

function asPhoneChannel(channel: ListedFrontChannel): PhoneChannel {
  return { id: channel.id, name: channel.name, address: channel.address, inboxId: channel.inboxId };
}

/**
 * The channels whose `custom` messages are calls. A phone provider built on Front's application channels writes its
 * calls as `custom` messages, as a chat app does, so only the channel tells them apart. Each tick is saved at once.
 */
export function PhoneChannelsSection({ settings }: { settings: FrontSettingsResponse }) {
  const channels = useFrontChannels();
  const save = useSaveFrontSettings();
  // The ticks being saved, set in the click itself: the save's optimistic update lands a tick later, and a controlled
  // checkbox would flip back until then.
  const [saving, setSaving] = useState<PhoneChannel[] | null>(null);
  const picked = saving ?? settings.values.phoneChannels;
  const noToken = channels.error instanceof ApiRequestError && channels.error.code === "no_token";
  const offered = (channels.data?.channels ?? []).filter((channel) => channel.callCapable);
  // A picked channel Front no longer lists stays on screen, so it can be taken off; while the list loads, the picked ones show.
  const gone = channels.isSuccess
    ? picked.filter((channel) => !offered.some((candidate) => candidate.id === channel.id))
    : [];
  const rows: PhoneChannel[] = channels.isSuccess ? [...offered.map(asPhoneChannel), ...gone] : picked;

  const toggle = (channel: PhoneChannel, on: boolean) => {
    const others = picked.filter((entry) => entry.id !== channel.id);
    const next = on ? [...others, channel] : others;
    setSaving(next);
    // Cleared once the save has settled and the settings were read again (or rolled back on failure).
    save.mutate({ phoneChannels: next }, { onSettled: () => setSaving(null) });
  };

  return (
    <SettingsSection
      id="phone-channels"
      icon={PhoneIncoming}
      title="Phone channels"
      description={
        <>
          Front’s <code>call</code> and <code>phone-call</code> messages are always calls. A phone integration built on
          an application channel writes its calls as <code>custom</code> messages, as a chat app does: tick the channels
          that carry calls, and a <code>custom</code> message that arrives on one (to its address, or in its inbox) is
          answered as a call.
        </>
      }
      testId="phone-channels-section"
    >
      <SettingsRow>
        <fieldset
          aria-describedby="phone-channels-message"
          data-testid="phone-channels"
          data-selected={picked.map((channel) => channel.id).join(" ")}
        >
          <legend className="text-sm font-medium text-gray-900">Channels that carry calls</legend>
          {rows.length > 0 ? (
            <ul className="mt-2 space-y-2">
              {rows.map((channel) => {
                const on = picked.some((entry) => entry.id === channel.id);
                const type = offered.find((candidate) => candidate.id === channel.id)?.type;
                return (
                  <li key={channel.id}>
                    <label className="inline-flex cursor-pointer items-start gap-2 text-sm text-gray-800">
                      <input
                        type="checkbox"
                        checked={on}
                        disabled={save.isPending}
                        onChange={(event) => toggle(channel, event.target.checked)}
                        data-testid={`phone-channel-${channel.id}`}
                        className="mt-0.5 size-4 rounded border-gray-300 accent-brand-600"
                      />
                      <span>
                        <span className="font-medium text-gray-900">{channel.name ?? channel.id}</span>
                        <span className="text-gray-600">
                          {[channel.address, type ?? (gone.includes(channel) ? "no longer listed by Front" : null)]
                            .filter(Boolean)
                            .map((part) => ` · ${part}`)}
                        </span>
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          ) : null}
          <p
            id="phone-channels-message"
            role="status"
            className="mt-2 text-sm empty:hidden"
            data-testid="phone-channels-message"
          >
            {noToken ? (
              <span className="text-gray-600">Save a Front API token above first: the list comes from Front.</span>
            ) : channels.isError ? (
              <span className="text-red-700">Could not list Front’s channels: {channels.error.message}</span>
            ) : save.isError ? (
              <span className="text-red-700">{save.error.message}</span>
            ) : channels.isSuccess && offered.length === 0 ? (
              <span className="text-gray-600">
                Front lists no application, Truly or Talkdesk channel: only call and phone-call messages are calls.
              </span>
            ) : channels.isSuccess && picked.length === 0 ? (
              <span className="text-amber-800">None ticked: custom messages are answered as web chat.</span>
            ) : null}
          </p>
        </fieldset>
      </SettingsRow>
    </SettingsSection>
  );
}
