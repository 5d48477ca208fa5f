"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, CircleHelp, RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { sendJson } from "@/components/ui/send-json";
import { LocalTime } from "@/components/ui/time";
import type { ScopeCheck } from "./types";
import { FRONT_SETTINGS_KEY } from "./use-front-settings";

const STATE_ICONS = { granted: CircleCheck, missing: CircleAlert, unknown: CircleHelp } as const;
const STATE_TONES = { granted: "text-green-600", missing: "text-red-600", unknown: "text-gray-400" } as const;

/**
 * The scopes Frontline needs from the token, as Front answered when it was last checked: each missing one named
 * with what Frontline cannot do without it. "Check again" asks Front anew (one request per scope).
 */
export function TokenScopes({ check }: { check: ScopeCheck | undefined }) {
  const client = useQueryClient();
  const recheck = useMutation({
    mutationFn: () => sendJson<{ scopeCheck: ScopeCheck }>("/api/settings/front/scopes/check", "POST"),
    onSuccess: () => client.invalidateQueries({ queryKey: FRONT_SETTINGS_KEY, exact: true }),
  });
  const missing = check?.results.filter((result) => result.state === "missing") ?? [];
  return (
    <div data-testid="token-scopes" data-missing={missing.map((result) => result.scope).join(" ")}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-medium text-gray-900">Token scopes</h3>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          onClick={() => recheck.mutate()}
          disabled={recheck.isPending}
          data-testid="recheck-scopes"
        >
          <RefreshCw aria-hidden="true" className={recheck.isPending ? "size-3.5 animate-spin" : "size-3.5"} />
          Check again
        </Button>
      </div>
      {check ? (
        <>
          <p className="mt-1 text-sm text-gray-600" data-testid="token-scopes-summary">
            {missing.length === 0
              ? "The token has every scope Frontline needs."
              : `The token lacks ${missing.length} of the scopes Frontline needs: add them to the token in Front → Settings → Developers.`}{" "}
            Checked <LocalTime iso={check.checkedAt} />.
          </p>
          <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
            {check.results.map((result) => {
              const Icon = STATE_ICONS[result.state];
              return (
                <li
                  key={result.scope}
                  className="flex gap-1.5"
                  data-testid="token-scope"
                  data-scope={result.scope}
                  data-state={result.state}
                >
                  <Icon aria-hidden="true" className={`mt-0.5 size-4 shrink-0 ${STATE_TONES[result.state]}`} />
                  <span>
                    <code className="font-mono text-[0.8125rem] text-gray-900">{result.scope}</code>
                    <span className="text-gray-600">
                      {" "}
                      —{" "}
                      {result.state === "missing"
                        ? "missing: Frontline cannot "
                        : result.state === "unknown"
                          ? "not checked (Front did not answer): "
                          : "to "}
                      {result.usedFor}
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="mt-1 text-sm text-gray-600">Not checked yet: saving a token checks it, or use “Check again”.</p>
      )}
      <p role="status" className="mt-1 text-sm empty:hidden">
        {recheck.isError ? <span className="text-red-700">{recheck.error.message}</span> : null}
      </p>
    </div>
  );
}
