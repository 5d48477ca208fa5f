import { PlugZap } from "lucide-react";
import { SecretField } from "./secret-field";
import { SettingsRow, SettingsSection } from "./settings-section";
import { TeammatePicker } from "./teammate-picker";
import { TokenScopes } from "./token-scopes";
import type { FrontSettingsResponse } from "./types";

/** The API token, the AI teammate, and the secrets that prove webhooks come from Front. */
export function ConnectionSection({ settings }: { settings: FrontSettingsResponse }) {
  const { values, locked } = settings;
  const companyName = values.company?.name?.trim();
  return (
    <SettingsSection
      id="connection"
      icon={PlugZap}
      title="Connection"
      description="How Frontline calls Front’s API, which teammate the AI is, and how it checks that webhooks really come from Front."
      testId="connection-section"
    >
      <SettingsRow>
        <SecretField
          field="apiToken"
          label="API token"
          testId="api-token"
          saved={values.apiToken}
          locked={locked.apiToken}
          emptyPlaceholder="Paste a Front API token"
          saveLabel="Save token"
          description="Front → Settings → Developers → API tokens. Frontline checks it with Front before saving it."
          savedMessage={(response) => (
            <>
              {response.company?.name ? (
                <>
                  Token saved. Connected to <strong className="font-semibold">{response.company.name}</strong>.
                </>
              ) : (
                "Token saved. Front accepted it."
              )}
              {response.missingScopes?.length ? (
                <span className="block text-amber-800">{response.missingScopes.join(" ")}</span>
              ) : null}
            </>
          )}
          footer={
            values.apiToken && companyName ? (
              <p className="text-gray-600" data-testid="front-company">
                Connected to <span className="font-medium text-gray-900">{companyName}</span>.
              </p>
            ) : null
          }
        />
      </SettingsRow>
      {values.apiToken ? (
        <SettingsRow>
          <TokenScopes check={values.scopeCheck} />
        </SettingsRow>
      ) : null}
      <SettingsRow>
        <TeammatePicker
          selectedId={values.aiTeammateId ?? null}
          hasToken={Boolean(values.apiToken)}
          locked={locked.aiTeammateId}
        />
      </SettingsRow>
      <SettingsRow>
        <SecretField
          field="appSecret"
          label="App secret"
          testId="app-secret"
          saved={values.appSecret}
          locked={locked.appSecret}
          emptyPlaceholder="Paste your Front app’s secret"
          saveLabel="Save app secret"
          description="Signs application webhooks. Front → Settings → Developers → your app → Basic information."
          savedMessage={() => "App secret saved. Webhooks signed with it are accepted from now on."}
        />
      </SettingsRow>
      <SettingsRow>
        <SecretField
          field="ruleSecret"
          label="Rule-webhook secret"
          testId="rule-secret"
          saved={values.ruleSecret}
          locked={locked.ruleSecret}
          emptyPlaceholder="Only for legacy rule webhooks"
          saveLabel="Save rule secret"
          description="Only if a Front rule sends webhooks to Frontline (the legacy way); application webhooks do not need it."
          savedMessage={() => "Rule-webhook secret saved."}
        />
      </SettingsRow>
    </SettingsSection>
  );
}
