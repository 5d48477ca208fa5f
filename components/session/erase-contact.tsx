"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { sendJson } from "@/components/ui/send-json";
import { plural } from "@/lib/format/plural";

interface Erasure {
  sessions: number;
  messages: number;
  steps: number;
  handoffs: number;
  events: number;
  cases: number;
}

/**
 * Admins: erase this customer everywhere (a data-subject request). Asks first; afterwards the sessions keep only
 * their outcome and figures, and the answer says how much went.
 */
export function EraseContact({ handle }: { handle: string | null }) {
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  // The handle being erased: the session loses it once erased, and the answer still names it.
  const [erasing, setErasing] = useState(handle ?? "");
  const erase = useMutation({
    mutationFn: () => sendJson<{ erased: Erasure }>("/api/contacts/erase", "POST", { handle: erasing }),
    onSuccess: async () => {
      setAsking(false);
      await client.invalidateQueries({ queryKey: ["sessions"] });
    },
  });
  if (erase.data) {
    const { erased } = erase.data;
    return (
      <p
        role="status"
        className="rounded-lg border border-dashed border-gray-300 bg-white px-4 py-3 text-sm text-gray-700"
        data-testid="erase-contact-done"
      >
        Erased {erasing}: the texts of {plural(erased.sessions, "session")}, {plural(erased.messages, "message")},{" "}
        {plural(erased.events, "delivery", "deliveries")} and {plural(erased.cases, "test case")}. The sessions keep
        their outcome and figures.
      </p>
    );
  }
  // Nothing to erase: no handle (never given, or erased already).
  if (!handle) return null;
  return (
    <div
      className="space-y-2 rounded-lg border border-dashed border-gray-300 bg-white px-4 py-3 text-sm"
      data-testid="erase-contact"
    >
      {asking ? (
        <ConfirmPanel
          confirmLabel="Erase"
          onConfirm={() => erase.mutate()}
          onCancel={() => setAsking(false)}
          pending={erase.isPending}
          confirmTestId="erase-contact-confirm"
        >
          Erase every text and handle of {handle} in Frontline: messages, the AI&apos;s steps, handoff summaries,
          Front&apos;s deliveries and test cases? This cannot be undone. Front keeps its own copy.
        </ConfirmPanel>
      ) : (
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            setErasing(handle);
            setAsking(true);
          }}
          data-testid="erase-contact-open"
        >
          Erase this contact…
        </Button>
      )}
      {erase.error ? (
        <p role="alert" className="text-red-700">
          {erase.error.message}
        </p>
      ) : null}
    </div>
  );
}
