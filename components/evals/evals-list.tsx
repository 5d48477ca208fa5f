"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FlaskConical } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { inputClass } from "@/components/ui/field-styles";
import { Field } from "@/components/ui/field";
import { LoadError } from "@/components/ui/load-error";
import { sendJson } from "@/components/ui/send-json";
import { StatePanel } from "@/components/ui/state-panel";
import type { EvalSetJson } from "@/lib/api/evals";
import type { EvalTotals } from "@/lib/evals/score";
import { percentOf } from "./format";

interface ListedSet extends EvalSetJson {
  cases: number;
  latestRun: { id: string; label: string; status: string; totals: EvalTotals | null; startedAt: string; total: number; done: number } | null;
}

export const EVAL_SETS_KEY = ["evals"] as const;

/** Every test set with its latest run's scores; admins make new ones here. */
export function EvalsList({ canEdit }: { canEdit: boolean }) {
  const sets = useQuery({ queryKey: EVAL_SETS_KEY, queryFn: ({ signal }) => fetchJson<{ sets: ListedSet[] }>("/api/evals", signal) });
  return (
    <div className="space-y-6">
      {canEdit ? <CreateSetForm /> : null}
      {sets.isError ? (
        <LoadError testId="evals-error" message={sets.error.message} onRetry={() => void sets.refetch()} />
      ) : !sets.data ? (
        <p className="text-sm text-gray-600">Loading test sets…</p>
      ) : sets.data.sets.length === 0 ? (
        <StatePanel icon={FlaskConical} title="No test set yet" testId="evals-empty">
          {canEdit ? "Make one above, then import cases as JSONL or add sessions from the Inbox." : "An admin makes test sets; their runs show here."}
        </StatePanel>
      ) : (
        <Card>
          <table className="w-full text-left text-sm" data-testid="eval-sets">
            <thead className="border-b border-gray-200 text-xs text-gray-600">
              <tr>
                <th className="px-4 py-2 font-medium">Test set</th>
                <th className="px-4 py-2 text-right font-medium">Cases</th>
                <th className="px-4 py-2 font-medium">Latest run</th>
                <th className="px-4 py-2 text-right font-medium">Answer precision</th>
                <th className="px-4 py-2 text-right font-medium">Handoff recall</th>
                <th className="px-4 py-2 text-right font-medium">Accuracy</th>
              </tr>
            </thead>
            <tbody>
              {sets.data.sets.map((set) => (
                <tr key={set.id} className="border-b border-gray-100 last:border-0" data-testid="eval-set-row">
                  <td className="px-4 py-2">
                    <Link href={`/evals/${set.id}`} className="font-medium text-brand-700 hover:underline">
                      {set.name}
                    </Link>
                    {set.description ? <p className="text-xs text-gray-600">{set.description}</p> : null}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{set.cases}</td>
                  <td className="px-4 py-2 text-gray-700">{set.latestRun ? `${set.latestRun.label} (${set.latestRun.status})` : "Never run"}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{percentOf(set.latestRun?.totals?.answerPrecision)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{percentOf(set.latestRun?.totals?.handoffRecall)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{percentOf(set.latestRun?.totals?.accuracy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}

function CreateSetForm() {
  const client = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation({
    mutationFn: () => sendJson<{ set: EvalSetJson }>("/api/evals", "POST", { name, description }),
    onSuccess: async ({ set }) => {
      await client.invalidateQueries({ queryKey: EVAL_SETS_KEY });
      router.push(`/evals/${set.id}`);
    },
  });
  return (
    <Card>
      <CardHeader>
        <h2 className="text-sm font-semibold text-gray-900">New test set</h2>
      </CardHeader>
      <CardBody>
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <Field label="Name" className="min-w-48 flex-1">
            <input className={inputClass} value={name} onChange={(event) => setName(event.target.value)} required maxLength={120} data-testid="eval-set-name" />
          </Field>
          <Field label="Description" className="min-w-64 flex-[2]">
            <input className={inputClass} value={description} onChange={(event) => setDescription(event.target.value)} maxLength={2000} />
          </Field>
          <Button type="submit" variant="primary" disabled={create.isPending || !name.trim()} data-testid="eval-set-create">
            Create
          </Button>
        </form>
        {create.isError ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {create.error.message}
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}
