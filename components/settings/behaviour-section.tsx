"use client";

import { Globe, Mail, MessageCircle, MessageSquare, Phone, SlidersHorizontal, type LucideIcon } from "lucide-react";
import { CHANNEL_LABELS, CHANNELS, type Channel } from "@/lib/front/channels";
import { SettingSwitch } from "./setting-switch";
import { SettingsRow, SettingsSection } from "./settings-section";
import type { FrontSettingsPatch, FrontSettingsResponse } from "./types";
import { useSaveFrontSettings } from "./use-front-settings";

const CHANNEL_ICONS: Record<Channel, LucideIcon> = {
  voice: Phone,
  email: Mail,
  sms: MessageSquare,
  whatsapp: MessageCircle,
  web: Globe,
};

/** A switch that saves its own field as soon as it is flipped (shown at once, undone if the save fails). */
function SavingSwitch({
  checked,
  patch,
  ...props
}: Omit<Parameters<typeof SettingSwitch>[0], "onCheckedChange" | "pending" | "error"> & {
  patch: (checked: boolean) => FrontSettingsPatch;
}) {
  const save = useSaveFrontSettings();
  return (
    <SettingSwitch
      {...props}
      checked={checked}
      pending={save.isPending}
      error={save.isError ? save.error.message : null}
      onCheckedChange={(next) => save.mutate(patch(next))}
    />
  );
}

/** What the AI takes: the master switch, unassigned conversations, archiving, and each channel. */
export function BehaviourSection({ settings }: { settings: FrontSettingsResponse }) {
  const { values, locked } = settings;
  return (
    <SettingsSection
      id="behaviour"
      icon={SlidersHorizontal}
      title="Behaviour"
      description="Which conversations the AI answers. Each switch is saved as soon as you flip it."
      testId="behaviour-section"
    >
      <SettingsRow>
        <SavingSwitch
          testId="switch-enabled"
          label="Frontline is on"
          description="Off: the AI answers nothing. Front’s events are still recorded, so you can turn it back on safely."
          checked={values.enabled}
          patch={(enabled) => ({ enabled })}
        />
      </SettingsRow>
      <SettingsRow>
        <SavingSwitch
          testId="switch-handle-unassigned"
          label="Handle unassigned conversations"
          description="Also answer conversations nobody is assigned to. Off: only conversations assigned to the AI teammate."
          checked={values.handleUnassigned}
          locked={locked.handleUnassigned}
          patch={(handleUnassigned) => ({ handleUnassigned })}
        />
      </SettingsRow>
      <SettingsRow>
        <SavingSwitch
          testId="switch-archive-on-reply"
          label="Archive conversations the AI answered"
          description="After the AI replies, archive the conversation if the AI still owns it."
          checked={values.archiveOnReply}
          patch={(archiveOnReply) => ({ archiveOnReply })}
        />
      </SettingsRow>
      <SettingsRow>
        <div
          role="group"
          aria-labelledby="channels-heading"
          aria-describedby="channels-description"
          data-testid="channel-switches"
        >
          <h3 id="channels-heading" className="text-sm font-semibold text-gray-900">
            Channels
          </h3>
          <p id="channels-description" className="mt-0.5 text-sm text-gray-600">
            The AI answers only on the channels switched on.
            {values.enabled ? null : (
              <span className="font-medium text-amber-800"> Frontline is off, so no channel is answered now.</span>
            )}
          </p>
          <ul className="mt-2 divide-y divide-gray-100">
            {CHANNELS.map((channel) => {
              const Icon = CHANNEL_ICONS[channel];
              return (
                <li key={channel} className="py-2.5 last:pb-0">
                  <SavingSwitch
                    testId={`switch-channel-${channel}`}
                    icon={<Icon aria-hidden="true" className="size-4 shrink-0 text-gray-500" />}
                    label={CHANNEL_LABELS[channel]}
                    checked={values.channels[channel]}
                    patch={(on) => ({ channels: { [channel]: on } })}
                  />
                </li>
              );
            })}
          </ul>
        </div>
      </SettingsRow>
    </SettingsSection>
  );
}
