import { CircleCheck, CircleDashed, ShieldX, Webhook } from "lucide-react";
import { humanize } from "@/components/format";
import { LocalTime, RelativeTime } from "@/components/ui/time";
import { CopyButton } from "./copy-button";
import { SettingsRow, SettingsSection } from "./settings-section";
import type { FrontSettingsResponse } from "./types";

/** A small pulsing dot: this part of the page refreshes by itself. */
function LiveMarker() {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-gray-500" title="Refreshed every 5 seconds">
      <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-green-500" />
      Live
    </span>
  );
}

/** Where Front must send its events, which events, and whether deliveries arrive and pass the signature check. */
export function WebhookSection({ settings }: { settings: FrontSettingsResponse }) {
  const { webhookUrl, subscriptions, status } = settings;
  return (
    <SettingsSection
      id="webhook"
      icon={Webhook}
      title="Webhook"
      description="In Front → Settings → Developers → your app → Webhooks, paste this URL and subscribe to the events below. An application webhook sees only conversations in shared inboxes: route calls to a shared inbox."
      testId="webhook-section"
    >
      <SettingsRow>
        <h3 className="text-sm font-medium text-gray-900">Webhook URL</h3>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
          <code
            data-testid="webhook-url"
            className="block min-w-0 flex-1 rounded-md border border-gray-200 bg-gray-50 px-3 py-2 font-mono text-[0.8125rem] break-all text-gray-900 select-all"
          >
            {webhookUrl}
          </code>
          <CopyButton text={webhookUrl} what="webhook URL" testId="copy-webhook-url" />
        </div>
      </SettingsRow>

      <SettingsRow>
        <h3 className="text-sm font-medium text-gray-900">Events to subscribe to</h3>
        <ul className="mt-2 space-y-1.5 text-sm" data-testid="webhook-subscriptions">
          {subscriptions.map((subscription) => (
            <li key={subscription.event} data-testid="webhook-subscription" className="flex gap-2">
              <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-gray-400" />
              <span>
                <span className="font-medium text-gray-900">{subscription.event}</span>
                <span className="text-gray-600"> — {subscription.why}</span>
              </span>
            </li>
          ))}
        </ul>
      </SettingsRow>

      <SettingsRow>
        <div className="flex items-center justify-between gap-3">
          <h3 className="text-sm font-medium text-gray-900">Deliveries</h3>
          <LiveMarker />
        </div>
        <dl className="mt-2 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[11rem_minmax(0,1fr)]">
          <dt className="text-gray-500">Last verified delivery</dt>
          <dd data-testid="webhook-last-verified" data-present={status.lastVerified ? "true" : "false"}>
            {status.lastVerified ? (
              <span className="inline-flex flex-wrap items-center gap-x-1.5 text-gray-900">
                <CircleCheck aria-hidden="true" className="size-4 shrink-0 text-green-600" />
                <LocalTime iso={status.lastVerified.receivedAt} seconds />
                <span className="text-gray-500">
                  (<RelativeTime iso={status.lastVerified.receivedAt} />)
                </span>
                {status.lastVerified.eventType ? (
                  <span className="text-gray-600">· {humanize(status.lastVerified.eventType)}</span>
                ) : null}
              </span>
            ) : (
              <span className="inline-flex items-center gap-1.5 text-gray-600">
                <CircleDashed aria-hidden="true" className="size-4 shrink-0 text-gray-400" />
                None yet. Once the URL is saved in Front, its first delivery shows here.
              </span>
            )}
          </dd>
          <dt className="text-gray-500">Last rejected delivery</dt>
          <dd data-testid="webhook-last-rejected" data-present={status.lastRejected ? "true" : "false"}>
            {status.lastRejected ? (
              <span className="inline-flex flex-wrap items-center gap-x-1.5 text-red-700">
                <ShieldX aria-hidden="true" className="size-4 shrink-0" />
                <LocalTime iso={status.lastRejected.receivedAt} seconds />
                <span>
                  (<RelativeTime iso={status.lastRejected.receivedAt} />)
                </span>
                <span className="basis-full font-medium sm:basis-auto" data-testid="webhook-rejected-reason">
                  {status.lastRejected.reason ?? `signature ${status.lastRejected.signatureResult}`}
                </span>
              </span>
            ) : (
              <span className="text-gray-600">None.</span>
            )}
          </dd>
        </dl>
      </SettingsRow>
    </SettingsSection>
  );
}
