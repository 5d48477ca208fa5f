"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { humanize, sentimentLabel } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { inputClass } from "@/components/ui/field-styles";
import { sendJson } from "@/components/ui/send-json";
import { HANDOFF_REASONS } from "@/lib/agent/outcome";
import type { EvalCase } from "@/lib/evals/case";
import { EXPECTED_SENTIMENTS } from "@/lib/evals/case";
import { caseFromForm, EMPTY_CASE_FORM, formFromCase, type CaseForm } from "@/lib/evals/case-form";
import { CHANNEL_LABELS, CHANNELS } from "@/lib/front/channels";

const textareaClass = `${inputClass} h-auto py-2`;

/** What a field's control needs: its id (the label points at it) and the ids of its hint and problem. */
type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/** A labelled control with its hint and, after a save was tried, its problem (outside the label, so the name stays short). */
function Field({ label, hint, problem, children }: { label: string; hint?: string; problem?: string; children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="mb-1 block font-medium text-gray-800">
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": problem ? true : undefined })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-gray-600">
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p id={`${id}-problem`} className="mt-1 text-xs text-red-700" data-testid="eval-case-problem">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Writes or changes one case by hand (admins). The fields are checked by the same schema as an import; a new case
 * may not take an id the set already uses. An existing case shows who changed it and when.
 */
export function CaseEditor({ setId, editing, takenKeys, onDone }: { setId: string; editing: EvalCase | null; takenKeys: string[]; onDone: () => void }) {
  const client = useQueryClient();
  const [form, setForm] = useState<CaseForm>(editing ? formFromCase(editing) : EMPTY_CASE_FORM);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = <K extends keyof CaseForm>(key: K, value: CaseForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const save = useMutation({
    mutationFn: (entry: EvalCase) => sendJson(`/api/evals/${setId}/cases`, "POST", { cases: [entry] }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["evals", setId] });
      onDone();
    },
  });
  const submit = () => {
    const result = caseFromForm(form);
    const found: Record<string, string> = {};
    if (!result.ok) for (const problem of result.problems) found[problem.field] ??= problem.message;
    if (!editing && takenKeys.includes(form.id.trim())) found.id = `the set already has a case ${form.id.trim()}; choose another id or edit that case`;
    setProblems(found);
    if (result.ok && Object.keys(found).length === 0) save.mutate(result.case);
  };
  const handoff = form.outcome === "handoff";
  // Opened from a row far down the list: bring the form into view.
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    top.current?.scrollIntoView({ block: "start" });
  }, []);
  return (
    <div ref={top} className="scroll-mt-4">
      <Card data-testid="eval-case-editor">
        <CardHeader>
          <h2 className="text-sm font-semibold text-gray-900">{editing ? `Edit case ${editing.id}` : "New case"}</h2>
        </CardHeader>
        <CardBody>
          <form
            className="space-y-4"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <div className="grid gap-3 md:grid-cols-3">
              <Field label="Id" hint="Letters, digits and . _ : - (e.g. voice-refund-03)" problem={problems.id}>
                {(control) => (
                  <input className={inputClass} value={form.id} readOnly={editing !== null} onChange={(event) => set("id", event.target.value)} {...control} data-testid="eval-case-id" />
                )}
              </Field>
              <Field label="Channel" problem={problems.channel}>
                {(control) => (
                  <select className={inputClass} value={form.channel} onChange={(event) => set("channel", event.target.value as CaseForm["channel"])} {...control} data-testid="eval-case-channel">
                    {CHANNELS.map((channel) => (
                      <option key={channel} value={channel}>
                        {CHANNEL_LABELS[channel]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Contact (optional)" hint="A phone number or an email address" problem={problems.contact}>
                {(control) => <input className={inputClass} value={form.contact} onChange={(event) => set("contact", event.target.value)} {...control} />}
              </Field>
            </div>
            <Field label="Subject (optional)" problem={problems.subject}>
              {(control) => <input className={inputClass} value={form.subject} onChange={(event) => set("subject", event.target.value)} {...control} />}
            </Field>
            <Field
              label="The customer’s words"
              hint={form.history.length > 0 ? `After ${form.history.length} earlier message${form.history.length === 1 ? "" : "s"}, kept as they are.` : "A transcript, a voicemail, call notes, an email or a text."}
              problem={problems.input}
            >
              {(control) => (
                <textarea className={`${textareaClass} h-32`} value={form.input} onChange={(event) => set("input", event.target.value)} {...control} data-testid="eval-case-input" />
              )}
            </Field>
            <fieldset className="space-y-3 rounded-md border border-gray-200 p-3">
              <legend className="px-1 text-sm font-medium text-gray-800">What must happen</legend>
              <div className="grid gap-3 md:grid-cols-3">
                <Field label="Outcome" problem={problems.outcome}>
                  {(control) => (
                    <select className={inputClass} value={form.outcome} onChange={(event) => set("outcome", event.target.value as CaseForm["outcome"])} {...control} data-testid="eval-case-outcome">
                      <option value="answer">Answer</option>
                      <option value="handoff">Hand off to a person</option>
                    </select>
                  )}
                </Field>
                {handoff ? (
                  <Field label="Handoff reason" problem={problems.reason}>
                    {(control) => (
                      <select className={inputClass} value={form.reason} onChange={(event) => set("reason", event.target.value)} {...control} data-testid="eval-case-reason">
                        <option value="">Any reason</option>
                        {HANDOFF_REASONS.map((reason) => (
                          <option key={reason} value={reason}>
                            {humanize(reason)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ) : (
                  <Field label="Article it must rest on (optional)" hint="The knowledge article’s title" problem={problems.article}>
                    {(control) => <input className={inputClass} value={form.article} onChange={(event) => set("article", event.target.value)} {...control} data-testid="eval-case-article" />}
                  </Field>
                )}
                <Field label="Sentiment" problem={problems.sentiment}>
                  {(control) => (
                    <select className={inputClass} value={form.sentiment} onChange={(event) => set("sentiment", event.target.value)} {...control} data-testid="eval-case-sentiment">
                      <option value="">Not checked</option>
                      {EXPECTED_SENTIMENTS.map((sentiment) => (
                        <option key={sentiment} value={sentiment}>
                          {sentiment === "negative" ? "Negative (angry or frustrated)" : sentimentLabel(sentiment)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <div className="grid gap-3 md:grid-cols-2">
                <Field label={handoff ? "The summary must contain" : "The answer must contain"} hint="One fact per line; “card | payment method” accepts either." problem={problems.mustContain}>
                  {(control) => (
                    <textarea className={`${textareaClass} h-24`} value={form.mustContain} onChange={(event) => set("mustContain", event.target.value)} {...control} data-testid="eval-case-must-contain" />
                  )}
                </Field>
                <Field label="It must not contain" hint="One phrase per line." problem={problems.mustNotContain}>
                  {(control) => (
                    <textarea className={`${textareaClass} h-24`} value={form.mustNotContain} onChange={(event) => set("mustNotContain", event.target.value)} {...control} data-testid="eval-case-must-not-contain" />
                  )}
                </Field>
              </div>
            </fieldset>
            <div className="grid gap-3 md:grid-cols-2">
              <Field label="Tags" hint="Separated by commas: voice, refund, spanish" problem={problems.tags}>
                {(control) => <input className={inputClass} value={form.tags} onChange={(event) => set("tags", event.target.value)} {...control} data-testid="eval-case-tags" />}
              </Field>
              <Field label="Note (why the case exists)" problem={problems.note}>
                {(control) => <input className={inputClass} value={form.note} onChange={(event) => set("note", event.target.value)} {...control} data-testid="eval-case-note" />}
              </Field>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <Button type="submit" variant="primary" disabled={save.isPending} data-testid="eval-case-save">
                {editing ? "Save the case" : "Add the case"}
              </Button>
              <Button onClick={onDone}>Cancel</Button>
              {save.isError ? (
                <p role="alert" className="text-sm text-red-700">
                  {save.error.message}
                </p>
              ) : Object.keys(problems).length > 0 ? (
                <p role="alert" className="text-sm text-red-700">
                  Fix the fields marked below their boxes.
                </p>
              ) : null}
            </div>
          </form>
          {editing ? <CaseHistory setId={setId} caseKey={editing.id} /> : null}
        </CardBody>
      </Card>
    </div>
  );
}

interface HistoryEntry {
  case: EvalCase | null;
  changedBy: string | null;
  changedAt: string;
}

function CaseHistory({ setId, caseKey }: { setId: string; caseKey: string }) {
  const history = useQuery({
    queryKey: ["evals", setId, "history", caseKey],
    queryFn: ({ signal }) => fetchJson<{ history: HistoryEntry[] }>(`/api/evals/${setId}/cases/${encodeURIComponent(caseKey)}`, signal),
  });
  if (!history.data) return null;
  return (
    <div className="mt-4 border-t border-gray-200 pt-3">
      <h3 className="text-xs font-semibold text-gray-700">History</h3>
      <ol className="mt-1 space-y-0.5 text-xs text-gray-600" data-testid="eval-case-history">
        {history.data.history.map((entry, index) => (
          <li key={index}>
            {new Date(entry.changedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })} · {entry.changedBy ?? "someone no longer here, or the command line"} ·{" "}
            {entry.case === null ? "removed" : index === history.data.history.length - 1 ? "added" : "changed"}
            {entry.case ? ` (expects ${entry.case.expect.outcome}${entry.case.expect.reason ? `: ${humanize(entry.case.expect.reason)}` : ""})` : ""}
          </li>
        ))}
      </ol>
    </div>
  );
}
