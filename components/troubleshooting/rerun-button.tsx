"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, RotateCw } from "lucide-react";
import { sendJson } from "@/components/ui/send-json";
import { Button } from "@/components/ui/button";
import type { Delivery, RerunResponse } from "./types";

const RERUN_LABELS: Record<RerunResponse["status"], string> = { queued: "Queued again", already_queued: "Already queued" };

/** Queues a stored delivery again (processed idempotently, like a repeat from Front), then refreshes the page's data. */
export function RerunButton({ delivery }: { delivery: Delivery }) {
  const client = useQueryClient();
  const rerun = useMutation({
    mutationFn: () => sendJson<RerunResponse>(`/api/troubleshooting/events/${delivery.id}/rerun`, "POST"),
    onSettled: () => client.invalidateQueries({ queryKey: ["troubleshooting"] }),
  });
  return (
    <div className="flex flex-col items-start gap-1 md:items-end">
      <Button size="sm" onClick={() => rerun.mutate()} aria-busy={rerun.isPending || undefined} data-testid="delivery-rerun">
        {rerun.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <RotateCw aria-hidden="true" />}
        Re-run
        <span className="sr-only"> delivery {delivery.frontEventId ?? delivery.id}</span>
      </Button>
      <span role="status" className="text-xs text-green-700 empty:hidden" data-testid="delivery-rerun-status">
        {rerun.isSuccess ? RERUN_LABELS[rerun.data.status] ?? rerun.data.status : null}
      </span>
      {rerun.isError ? (
        <span role="alert" className="max-w-48 text-xs text-red-700 md:text-right" data-testid="delivery-rerun-error">
          {rerun.error.message}
        </span>
      ) : null}
    </div>
  );
}
