"use client";

import { BehaviourSection } from "./behaviour-section";
import { ConnectionSection } from "./connection-section";
import { GoLiveChecklist } from "./go-live-checklist";
import { PhoneChannelsSection } from "./phone-channels-section";
import { SampleDataSection } from "./sample-data-section";
import { SettingsSkeleton } from "./settings-skeleton";
import { useFrontSettings } from "./use-front-settings";
import { WebhookSection } from "./webhook-section";
import { LoadError } from "@/components/ui/load-error";

/** Settings → Front, polled so the checklist and the webhook status follow live traffic. */
export function FrontSettings() {
  const query = useFrontSettings();

  if (query.isPending) return <SettingsSkeleton />;

  if (query.isError && !query.data) {
    return (
      <LoadError
        title="Could not load the settings"
        testId="settings-error"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const settings = query.data;
  return (
    <div className="space-y-6" data-testid="front-settings">
      {query.isError ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Showing the last settings loaded; refreshing failed ({query.error.message}). Retrying…
        </p>
      ) : null}
      <GoLiveChecklist steps={settings.checklist} />
      <ConnectionSection settings={settings} />
      <BehaviourSection settings={settings} />
      <PhoneChannelsSection settings={settings} />
      <WebhookSection settings={settings} />
      <SampleDataSection />
    </div>
  );
}
