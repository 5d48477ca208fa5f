"use client";

import { LoadError } from "@/components/ui/load-error";
import { SettingsSkeleton } from "../settings-skeleton";
import { DeliverySection } from "./delivery-section";
import { GuidanceSection } from "./guidance-section";
import { LimitsSection } from "./limits-section";
import { ModelSection } from "./model-section";
import { PricesSection } from "./prices-section";
import { RedactionSection } from "./redaction-section";
import { useAgentSettings } from "./use-agent-settings";

/** Settings → AI: every section saves on its own and takes effect on the next run. */
export function AiSettings() {
  const query = useAgentSettings();
  if (query.isPending) return <SettingsSkeleton />;
  if (query.isError) {
    return (
      <LoadError
        title="Could not load the AI settings"
        testId="ai-settings-error"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const settings = query.data;
  return (
    <div className="space-y-6" data-testid="ai-settings">
      <ModelSection settings={settings} />
      <GuidanceSection settings={settings} />
      <DeliverySection settings={settings} />
      <RedactionSection settings={settings} />
      <LimitsSection settings={settings} />
      <PricesSection settings={settings} />
    </div>
  );
}
