"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { fetchJson } from "@/components/ui/fetch-json";
import { inputClass } from "@/components/ui/field-styles";
import { Field } from "@/components/ui/field";
import { LoadError } from "@/components/ui/load-error";
import { sendJson } from "@/components/ui/send-json";
import type { EvalCaseJson, EvalRunJson, EvalSetJson } from "@/lib/api/evals";
import type { EvalCase } from "@/lib/evals/case";
import type { RunEstimate } from "@/lib/evals/cost";
import { CaseEditor } from "./case-editor";
import { EVAL_SETS_KEY } from "./evals-list";
import { percentOf } from "./format";
import { plural } from "@/lib/format/plural";

interface SetResponse {
  set: EvalSetJson;
  cases: EvalCaseJson[];
  runs: EvalRunJson[];
}

const STATUS_TONES: Record<string, BadgeTone> = { running: "blue", done: "green", cancelled: "amber", interrupted: "red" };

export const evalSetKey = (id: string) => ["evals", id] as const;

/** One test set: start a run (asking first when it costs money), its runs with their scores, its cases. */
export function EvalSetView({ setId, canEdit }: { setId: string; canEdit: boolean }) {
  const query = useQuery({
    queryKey: evalSetKey(setId),
    queryFn: ({ signal }) => fetchJson<SetResponse>(`/api/evals/${setId}`, signal),
    // While a run is running its progress bar moves.
    refetchInterval: (current) => (current.state.data?.runs.some((run) => run.status === "running") ? 1000 : false),
  });
  if (query.isError) return <LoadError testId="eval-set-error" message={query.error.message} onRetry={() => void query.refetch()} />;
  if (!query.data) return <p className="text-sm text-gray-600">Loading the test set…</p>;
  const { set, cases, runs } = query.data;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/evals" className="text-brand-700 hover:underline">
              ← Evaluations
            </Link>
          </p>
          <h1 className="mt-1 text-xl font-semibold tracking-tight text-gray-900" data-testid="eval-set-title">
            {set.name}
          </h1>
          {set.description ? <p className="mt-1 text-sm text-gray-600">{set.description}</p> : null}
        </div>
        <div className="flex gap-2">
          <a className={buttonVariants({ size: "sm" })} href={`/api/evals/${set.id}?format=jsonl`} download data-testid="eval-export">
            Export JSONL
          </a>
          {canEdit ? <DeleteSetButton setId={set.id} name={set.name} /> : null}
        </div>
      </div>
      {canEdit ? <RunForm setId={set.id} caseCount={cases.length} /> : null}
      <RunsTable setId={set.id} runs={runs} canEdit={canEdit} />
      <CasesSection setId={set.id} cases={cases} canEdit={canEdit} />
    </div>
  );
}

function DeleteSetButton({ setId, name }: { setId: string; name: string }) {
  const router = useRouter();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => fetch(`/api/evals/${setId}`, { method: "DELETE" }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: EVAL_SETS_KEY });
      router.push("/evals");
    },
  });
  return (
    <Button size="sm" onClick={() => window.confirm(`Delete the test set “${name}” with its cases and runs?`) && remove.mutate()} disabled={remove.isPending}>
      Delete set
    </Button>
  );
}

function RunForm({ setId, caseCount }: { setId: string; caseCount: number }) {
  const client = useQueryClient();
  const [label, setLabel] = useState("");
  const [model, setModel] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [candidate, setCandidate] = useState(false);
  const [instructions, setInstructions] = useState("");
  const [topics, setTopics] = useState("");
  const [judge, setJudge] = useState(false);
  const [pending, setPending] = useState<{ estimate: RunEstimate; model: string } | null>(null);
  // An OpenAI-compatible model (Ollama, vLLM, a gateway) is reached at an address of its own.
  const compatible = model.trim().startsWith("openai-compatible:");
  const body = () => ({
    setId,
    label: label.trim() || undefined,
    model: model.trim() || undefined,
    ...(compatible && baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
    ...(judge ? { judge: true } : {}),
    ...(candidate ? { instructions, handoffTopics: topics.split("\n").map((topic) => topic.trim()).filter(Boolean) } : {}),
  });
  const start = useMutation({
    mutationFn: () => sendJson<{ run: EvalRunJson }>("/api/evals/runs", "POST", body()),
    onSuccess: async () => {
      setPending(null);
      await client.invalidateQueries({ queryKey: evalSetKey(setId) });
    },
  });
  const estimate = useMutation({
    mutationFn: () => sendJson<{ estimate: RunEstimate; model: string }>("/api/evals/runs", "POST", { ...body(), estimateOnly: true }),
    // The offline model costs nothing: start at once. A hosted model shows its likely cost first.
    onSuccess: (answer) => (answer.estimate.free ? start.mutate() : setPending(answer)),
  });
  const error = estimate.error ?? start.error;
  return (
    <Card>
      <CardHeader>
        <h2 className="text-sm font-semibold text-gray-900">Run the set</h2>
        <p className="text-xs text-gray-600">Through the same agent turn as the pipeline, with nothing sent to Front. Custom actions may only read.</p>
      </CardHeader>
      <CardBody className="space-y-3">
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            estimate.mutate();
          }}
        >
          <div className="flex flex-wrap gap-3">
            <Field label="Label" className="min-w-48 flex-1">
              <input className={inputClass} value={label} onChange={(event) => setLabel(event.target.value)} placeholder="e.g. before the refund topic" data-testid="eval-run-label" />
            </Field>
            <Field label="Model" className="min-w-48 flex-1">
              <input className={inputClass} value={model} onChange={(event) => setModel(event.target.value)} placeholder="the model in force" data-testid="eval-run-model" />
            </Field>
            {compatible ? (
              <Field label="Base URL" className="min-w-48 flex-1">
                <input className={inputClass} value={baseUrl} onChange={(event) => setBaseUrl(event.target.value)} placeholder="http://127.0.0.1:11434/v1" data-testid="eval-run-base-url" />
              </Field>
            ) : null}
          </div>
          <label className="flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" checked={candidate} onChange={(event) => setCandidate(event.target.checked)} className="size-4 accent-brand-600" data-testid="eval-run-candidate" />
            Try other instructions and handoff topics (a candidate; Settings → AI is not changed)
          </label>
          <label className="flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" checked={judge} onChange={(event) => setJudge(event.target.checked)} className="size-4 accent-brand-600" data-testid="eval-run-judge" />
            Also grade each case with a judge model (a hosted model only; its grades are shown apart from the scores)
          </label>
          {candidate ? (
            <div className="grid gap-3 md:grid-cols-2">
              <Field label="Instructions">
                <textarea className={`${inputClass} h-28 py-2`} value={instructions} onChange={(event) => setInstructions(event.target.value)} data-testid="eval-run-instructions" />
              </Field>
              <Field label="Handoff topics, one per line">
                <textarea className={`${inputClass} h-28 py-2`} value={topics} onChange={(event) => setTopics(event.target.value)} data-testid="eval-run-topics" />
              </Field>
            </div>
          ) : null}
          <Button type="submit" variant="primary" disabled={caseCount === 0 || estimate.isPending || start.isPending || pending !== null} data-testid="eval-run-start">
            Run {caseCount} case{caseCount === 1 ? "" : "s"}
          </Button>
        </form>
        {pending ? (
          <ConfirmPanel tone="warning" confirmLabel="Run it" onConfirm={() => start.mutate()} onCancel={() => setPending(null)} pending={start.isPending} testId="eval-cost-confirm" confirmTestId="eval-cost-accept">
            This run calls {pending.model} {pending.estimate.cases} time{pending.estimate.cases === 1 ? "" : "s"}{judge ? ", and again to grade each case" : ""}:{" "}
            {pending.estimate.costUsd === null ? "the model has no price set, so its cost is unknown" : `about $${pending.estimate.costUsd.toFixed(pending.estimate.costUsd < 1 ? 3 : 2)}`}
            {` (about ${pending.estimate.inputTokens.toLocaleString("en-US")} tokens read, ${pending.estimate.outputTokens.toLocaleString("en-US")} written).`}
          </ConfirmPanel>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error.message}
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}

function RunsTable({ setId, runs, canEdit }: { setId: string; runs: EvalRunJson[]; canEdit: boolean }) {
  const client = useQueryClient();
  const [picked, setPicked] = useState<string[]>([]);
  const cancel = useMutation({
    mutationFn: (runId: string) => sendJson(`/api/evals/runs/${runId}/cancel`, "POST"),
    onSettled: () => client.invalidateQueries({ queryKey: evalSetKey(setId) }),
  });
  const toggle = (runId: string, on: boolean) => setPicked((current) => (on ? [...current.filter((id) => id !== runId), runId].slice(-2) : current.filter((id) => id !== runId)));
  // The newer of the two is shown against the older.
  const [older, newer] = [...picked].sort((a, b) => runs.findIndex((run) => run.id === b) - runs.findIndex((run) => run.id === a));
  return (
    <Card>
      <CardHeader>
        <h2 className="text-sm font-semibold text-gray-900">Runs</h2>
        {picked.length === 2 ? (
          <Link href={`/evals/runs/${newer}?compare=${older}`} className={buttonVariants({ size: "sm", variant: "primary" })} data-testid="eval-compare">
            Compare the two runs
          </Link>
        ) : (
          <span className="text-xs text-gray-600">Tick two runs to compare them case by case.</span>
        )}
      </CardHeader>
      {runs.length === 0 ? (
        <CardBody>
          <p className="text-sm text-gray-600" data-testid="eval-runs-empty">
            No run yet.
          </p>
        </CardBody>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="eval-runs">
            <thead className="border-b border-gray-200 text-xs text-gray-600">
              <tr>
                <th className="px-4 py-2 font-medium">
                  <span className="sr-only">Compare</span>
                </th>
                <th className="px-4 py-2 font-medium">Run</th>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 text-right font-medium">Answer precision</th>
                <th className="px-4 py-2 text-right font-medium">Handoff recall</th>
                <th className="px-4 py-2 text-right font-medium">Accuracy</th>
                <th className="px-4 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} className="border-b border-gray-100 last:border-0" data-testid="eval-run-row" data-status={run.status}>
                  <td className="px-4 py-2">
                    <input type="checkbox" aria-label={`Compare ${run.label}`} checked={picked.includes(run.id)} onChange={(event) => toggle(run.id, event.target.checked)} className="size-4 accent-brand-600" />
                  </td>
                  <td className="px-4 py-2">
                    <Link href={`/evals/runs/${run.id}`} className="font-medium text-brand-700 hover:underline">
                      {run.label}
                    </Link>
                    <p className="text-xs text-gray-600">
                      {run.config.model}
                      {run.config.kind === "candidate" ? " · candidate" : ""} · {new Date(run.startedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}
                    </p>
                  </td>
                  <td className="px-4 py-2">
                    <Badge tone={STATUS_TONES[run.status] ?? "gray"}>{run.status}</Badge>
                    <div
                      className="mt-1 h-1.5 w-28 overflow-hidden rounded-full bg-gray-100"
                      role="progressbar"
                      aria-label={`${run.label}: ${run.done} of ${plural(run.total, "case")}`}
                      aria-valuemin={0}
                      aria-valuemax={run.total}
                      aria-valuenow={run.done}
                      data-testid="eval-run-progress"
                    >
                      <div className="h-full bg-brand-600" style={{ width: `${run.total === 0 ? 0 : (run.done / run.total) * 100}%` }} />
                    </div>
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums" data-testid="eval-run-precision">
                    {percentOf(run.totals?.answerPrecision)}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums" data-testid="eval-run-recall">
                    {percentOf(run.totals?.handoffRecall)}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{percentOf(run.totals?.accuracy)}</td>
                  <td className="px-4 py-2 text-right">
                    {canEdit && run.status === "running" ? (
                      <Button size="sm" onClick={() => cancel.mutate(run.id)} disabled={run.cancelRequested || cancel.isPending} data-testid="eval-run-cancel">
                        {run.cancelRequested ? "Stopping…" : "Cancel"}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function expectedText(entry: EvalCaseJson["case"]): string {
  if (entry.expect.outcome === "answer") return entry.expect.article ? `answer from “${entry.expect.article}”` : "answer";
  return entry.expect.reason ? `handoff (${entry.expect.reason})` : "handoff";
}

function CasesSection({ setId, cases, canEdit }: { setId: string; cases: EvalCaseJson[]; canEdit: boolean }) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (key: string) => fetch(`/api/evals/${setId}/cases/${encodeURIComponent(key)}`, { method: "DELETE" }),
    onSettled: () => client.invalidateQueries({ queryKey: evalSetKey(setId) }),
  });
  // The case being written (null: a new one), or no editor open.
  const [editor, setEditor] = useState<{ editing: EvalCase | null } | null>(null);
  return (
    <div className="space-y-6">
      {editor ? (
        <CaseEditor key={editor.editing?.id ?? "new"} setId={setId} editing={editor.editing} takenKeys={cases.map((row) => row.key)} onDone={() => setEditor(null)} />
      ) : null}
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold text-gray-900">Cases ({cases.length})</h2>
          {canEdit ? (
            <Button size="sm" onClick={() => setEditor({ editing: null })} data-testid="eval-case-new">
              New case
            </Button>
          ) : null}
        </CardHeader>
        {canEdit ? <ImportForm setId={setId} /> : null}
        {cases.length === 0 ? (
          <CardBody>
            <p className="text-sm text-gray-600" data-testid="eval-cases-empty">
              No case yet. Write one, import a JSONL file, or pick sessions in the Inbox and choose “Add to test set”.
            </p>
          </CardBody>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="eval-cases">
              <thead className="border-b border-gray-200 text-xs text-gray-600">
                <tr>
                  <th className="px-4 py-2 font-medium">Case</th>
                  <th className="px-4 py-2 font-medium">Channel</th>
                  <th className="px-4 py-2 font-medium">Customer’s words</th>
                  <th className="px-4 py-2 font-medium">Expected</th>
                  {canEdit ? (
                    <th className="px-4 py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {cases.map((row) => (
                  <tr key={row.key} className="border-b border-gray-100 align-top last:border-0" data-testid="eval-case-row" data-key={row.key}>
                    <td className="px-4 py-2 font-mono text-xs text-gray-800">{row.key}</td>
                    <td className="px-4 py-2 text-gray-700">{row.case.channel}</td>
                    <td className="max-w-md px-4 py-2 text-gray-700">
                      <p className="line-clamp-2 whitespace-pre-line">{row.case.input}</p>
                    </td>
                    <td className="px-4 py-2 text-gray-700" data-testid="eval-case-expected">
                      {expectedText(row.case)}
                    </td>
                    {canEdit ? (
                      <td className="px-4 py-2 text-right whitespace-nowrap">
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setEditor({ editing: row.case })}
                          aria-label={`Edit case ${row.key}`}
                          data-testid="eval-case-edit"
                        >
                          Edit
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => remove.mutate(row.key)} aria-label={`Remove case ${row.key}`}>
                          Remove
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function ImportForm({ setId }: { setId: string }) {
  const client = useQueryClient();
  const [text, setText] = useState("");
  const [replace, setReplace] = useState(false);
  const save = useMutation({
    mutationFn: () => sendJson<{ added: number; changed: number; removed: number; unchanged: number }>(`/api/evals/${setId}/cases`, "POST", { jsonl: text, replace }),
    onSuccess: async () => {
      setText("");
      await client.invalidateQueries({ queryKey: evalSetKey(setId) });
    },
  });
  return (
    <CardBody className="border-b border-gray-200">
      <form
        className="space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Field label="Import cases (JSONL: one case per line; see docs/evals.md)">
          <textarea className={`${inputClass} h-24 py-2 font-mono text-xs`} value={text} onChange={(event) => setText(event.target.value)} data-testid="eval-import-text" />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm text-gray-800">
            <span className="mr-2">or a file:</span>
            <input type="file" accept=".jsonl,.ndjson,.txt,application/x-ndjson" onChange={async (event) => setText((await event.target.files?.[0]?.text()) ?? "")} data-testid="eval-import-file" />
          </label>
          <label className="flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} className="size-4 accent-brand-600" />
            The file is the whole set (remove cases it does not hold)
          </label>
          <Button type="submit" size="sm" variant="primary" disabled={!text.trim() || save.isPending} data-testid="eval-import">
            Import
          </Button>
        </div>
        <p role="status" className="text-sm empty:hidden" data-testid="eval-import-message">
          {save.isError ? (
            <span className="text-red-700">{save.error.message}</span>
          ) : save.data ? (
            <span className="text-gray-700">
              {save.data.added} added, {save.data.changed} changed, {save.data.removed} removed, {save.data.unchanged} unchanged.
            </span>
          ) : null}
        </p>
      </form>
    </CardBody>
  );
}
