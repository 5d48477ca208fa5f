"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { inputClass } from "@/components/ui/field-styles";
import { sendJson } from "@/components/ui/send-json";
import type { EvalSetJson } from "@/lib/api/evals";
import { EVAL_SETS_KEY } from "./evals-list";

interface Tally {
  added: number;
  changed: number;
  unchanged: number;
}

function tallyText({ added, changed, unchanged }: Tally): string {
  const parts = [added > 0 ? `${added} added` : "", changed > 0 ? `${changed} updated` : "", unchanged > 0 ? `${unchanged} already there` : ""].filter(Boolean);
  return parts.join(", ");
}

/**
 * Admins: make sessions cases of a test set, one case per session. The expected outcome is prefilled from what people
 * did after the AI acted (lib/evals/from-session.ts) and can be edited in the set. `prompt` is the picker's label.
 */
export function AddToTestSet({ sessionIds, prompt }: { sessionIds: string[]; prompt: string }) {
  const sets = useQuery({ queryKey: EVAL_SETS_KEY, queryFn: ({ signal }) => fetchJson<{ sets: EvalSetJson[] }>("/api/evals", signal) });
  const [picked, setPicked] = useState("");
  const setId = picked || sets.data?.sets[0]?.id || "";
  const add = useMutation({
    mutationFn: () => sendJson<Tally>(`/api/evals/${setId}/cases`, "POST", { sessionIds }),
  });
  if (!sets.data || sets.data.sets.length === 0) {
    return sets.data ? (
      <p className="text-sm text-gray-600" data-testid="add-to-test-set">
        <Link href="/evals" className="text-brand-700 underline">
          Make a test set
        </Link>{" "}
        to keep sessions like this one as cases.
      </p>
    ) : null;
  }
  const name = sets.data.sets.find((set) => set.id === setId)?.name;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="add-to-test-set">
      <label className="flex items-center gap-2 text-sm text-gray-700">
        {prompt}
        <select className={`${inputClass} w-auto`} value={setId} onChange={(event) => setPicked(event.target.value)} data-testid="add-to-test-set-pick">
          {sets.data.sets.map((set) => (
            <option key={set.id} value={set.id}>
              {set.name}
            </option>
          ))}
        </select>
      </label>
      <Button onClick={() => add.mutate()} disabled={add.isPending || sessionIds.length === 0} data-testid="add-to-test-set-button">
        Add to test set
      </Button>
      <p role="status" className="text-sm empty:hidden" data-testid="add-to-test-set-message">
        {add.isError ? (
          <span className="text-red-700">{add.error.message}</span>
        ) : add.data ? (
          <span className="text-gray-700">
            {sessionIds.length === 1 && add.data.added + add.data.changed + add.data.unchanged === 1
              ? add.data.added > 0
                ? "Added to "
                : add.data.changed > 0
                  ? "Updated in "
                  : "Already in "
              : `${tallyText(add.data)}: `}
            <Link href={`/evals/${setId}`} className="text-brand-700 underline">
              {name}
            </Link>
            .
          </span>
        ) : null}
      </p>
    </div>
  );
}
