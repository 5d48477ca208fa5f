"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, RotateCw } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { sendJson } from "@/components/ui/send-json";
import { Button } from "@/components/ui/button";
import type { Delivery, RerunResponse } from "./types";

const RERUN_LABELS: Record<RerunResponse["status"], string> = {
  queued: "Re-run queued: a new attempt is listed above",
  already_queued: "An attempt is already queued",
};

/**
 * Re-runs a stored delivery (admins only: viewers are not shown it) after a confirmation. The re-run is a new
 * attempt listed beside the delivery, whose record stays as it was; work already done is not repeated.
 */
export function RerunButton({ delivery }: { delivery: Delivery }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const rerunButton = useRef<HTMLButtonElement>(null);
  const rerun = useMutation({
    mutationFn: () => sendJson<RerunResponse>(`/api/troubleshooting/events/${delivery.id}/rerun`, "POST"),
    onSettled: () => client.invalidateQueries({ queryKey: ["troubleshooting"] }),
  });
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const label = delivery.frontEventId ?? `#${delivery.id}`;

  const cancel = () => {
    setConfirming(false);
    // The confirmation is gone: keyboard focus returns to the button that opened it.
    requestAnimationFrame(() => rerunButton.current?.focus());
  };

  return (
    <div className="flex flex-col items-start gap-1 md:items-end">
      {confirming ? (
        <div
          role="group"
          aria-label={`Confirm the re-run of ${label}`}
          className="flex flex-col items-start gap-1.5 md:items-end"
          data-testid="delivery-rerun-confirmation"
        >
          <p className="max-w-52 text-xs text-gray-700 md:text-right">
            Run it again as a new attempt? This row keeps what happened then.
          </p>
          <div className="flex gap-1.5">
            <Button size="sm" variant="ghost" onClick={cancel} data-testid="delivery-rerun-cancel">
              Cancel
            </Button>
            <Button
              ref={confirmButton}
              size="sm"
              variant="primary"
              onClick={() => {
                setConfirming(false);
                rerun.mutate();
              }}
              data-testid="delivery-rerun-confirm"
            >
              Re-run
              <span className="sr-only"> {label} now</span>
            </Button>
          </div>
        </div>
      ) : (
        <Button
          ref={rerunButton}
          size="sm"
          onClick={() => setConfirming(true)}
          aria-busy={rerun.isPending || undefined}
          disabled={rerun.isPending}
          data-testid="delivery-rerun"
        >
          {rerun.isPending ? (
            <LoaderCircle aria-hidden="true" className="animate-spin" />
          ) : (
            <RotateCw aria-hidden="true" />
          )}
          Re-run…
          <span className="sr-only"> delivery {label}</span>
        </Button>
      )}
      <span
        role="status"
        className="max-w-52 text-xs text-green-700 empty:hidden md:text-right"
        data-testid="delivery-rerun-status"
      >
        {rerun.isSuccess && !confirming ? (RERUN_LABELS[rerun.data.status] ?? rerun.data.status) : null}
      </span>
      {rerun.isError ? (
        <span role="alert" className="max-w-48 text-xs text-red-700 md:text-right" data-testid="delivery-rerun-error">
          {rerun.error.message}
        </span>
      ) : null}
    </div>
  );
}
