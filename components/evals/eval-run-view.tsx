"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { LoadError } from "@/components/ui/load-error";
import type { EvalRunCaseJson, EvalRunJson } from "@/lib/api/evals";
import type { CaseChange, ComparedCase } from "@/lib/evals/compare";
import { GRADED_CHECKS, type GradedCheckKey } from "@/lib/evals/graded-checks";
import { CASE_FILTERS, percentOf, ratioText, RUN_FIGURES, type CaseFilter } from "./format";
import { plural } from "@/lib/format/plural";

interface RunResponse {
  run: EvalRunJson;
  cases: EvalRunCaseJson[];
  comparison: { base: EvalRunJson; counts: Record<CaseChange, number>; cases: ComparedCase[]; baseCases: EvalRunCaseJson[] } | null;
}

const CHANGE_TONES = { regressed: "red", fixed: "green", changed: "amber", same: "gray" } as const;

function outcomeText(result: EvalRunCaseJson["result"]): string {
  const { outcome } = result;
  return outcome.kind === "reply" ? `answered${result.citedArticle ? ` from “${result.citedArticle}”` : ""}` : `handed off (${outcome.reason})`;
}

/** Which cases a filter keeps: each figure's filter lists exactly the cases it counts. */
function keeps(filter: CaseFilter, entry: EvalRunCaseJson, change: CaseChange | undefined): boolean {
  if (filter.startsWith("graded-")) return Boolean(entry.result.graded?.checks.some((check) => `graded-${check.key}` === filter));
  switch (filter) {
    case "failed":
      return !entry.passed;
    case "answers":
      return entry.result.outcome.kind === "reply";
    case "needs-person":
      return entry.case.expect.outcome === "handoff";
    case "regressed":
      return change === "regressed";
    case "changed":
      return change !== undefined && change !== "same";
    default:
      return true;
  }
}

/** A run's figures, each with its formula, and its cases, filterable; beside another run when comparing. */
export function EvalRunView({ runId }: { runId: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const compare = params.get("compare");
  const filter = (params.get("filter") ?? "all") as CaseFilter;
  const query = useQuery({
    queryKey: ["evals", "run", runId, compare],
    queryFn: ({ signal }) => fetchJson<RunResponse>(`/api/evals/runs/${runId}${compare ? `?compare=${encodeURIComponent(compare)}` : ""}`, signal),
    refetchInterval: (current) => (current.state.data?.run.status === "running" ? 1000 : false),
  });
  const setFilter = (next: CaseFilter) => {
    const search = new URLSearchParams(params);
    if (next === "all") search.delete("filter");
    else search.set("filter", next);
    router.replace(`${pathname}?${search.toString()}`);
  };
  if (query.isError) return <LoadError testId="eval-run-error" message={query.error.message} onRetry={() => void query.refetch()} />;
  if (!query.data) return <p className="text-sm text-gray-600">Loading the run…</p>;
  const { run, cases, comparison } = query.data;
  const changes = new Map(comparison?.cases.map((entry) => [entry.caseKey, entry.change]));
  const baseCases = new Map(comparison?.baseCases.map((entry) => [entry.key, entry]));
  const shown = cases.filter((entry) => keeps(filter, entry, changes.get(entry.key)));
  const graded = run.totals?.graded;
  const filters: { key: CaseFilter; label: string }[] = [
    ...(Object.keys(CASE_FILTERS) as (keyof typeof CASE_FILTERS)[]).filter((key) => comparison || (key !== "regressed" && key !== "changed")).map((key) => ({ key, label: CASE_FILTERS[key] })),
    ...(graded?.figures ?? []).map((figure) => ({ key: `graded-${figure.key}` as const, label: `Graded: ${figure.label}` })),
  ];
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={`/evals/${run.setId}`} className="text-brand-700 hover:underline">
            ← Test set
          </Link>
        </p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight text-gray-900" data-testid="eval-run-title">
          {run.label}
        </h1>
        <p className="mt-1 text-sm text-gray-600">
          {run.config.model}
          {run.config.kind === "candidate" ? " · a candidate (Settings → AI unchanged)" : " · the settings in force"}{run.config.judge ? " · graded by a judge" : ""} · {run.status}, {run.done} of {plural(run.total, "case")}
          {comparison ? ` · compared with “${comparison.base.label}”` : ""}
        </p>
        {comparison ? (
          <p className="mt-2 flex flex-wrap gap-2 text-sm" data-testid="eval-compare-counts">
            {(Object.keys(CHANGE_TONES) as CaseChange[]).map((change) => (
              <Badge key={change} tone={CHANGE_TONES[change]} data-change={change}>
                {comparison.counts[change]} {change}
              </Badge>
            ))}
          </p>
        ) : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {RUN_FIGURES.map((figure) => {
          const value = run.totals?.[figure.key];
          const before = comparison?.base.totals?.[figure.key];
          return (
            <button
              key={figure.key}
              type="button"
              onClick={() => setFilter(figure.filter)}
              className="flex flex-col items-start rounded-lg border border-gray-200 bg-white p-3 text-left shadow-xs hover:border-brand-300"
              data-testid={`eval-figure-${figure.key}`}
            >
              <span className="block text-xs font-medium text-gray-600">{figure.label}</span>
              <span className="block text-2xl font-semibold text-gray-900 tabular-nums" data-testid="value">
                {percentOf(value)}
              </span>
              <span className="block text-xs text-gray-600" data-testid="ratio">
                {ratioText(value)}
                {comparison ? ` · before ${percentOf(before)}` : ""}
              </span>
              <span className="mt-1 block text-xs text-gray-500">{figure.formula}</span>
              <span className="sr-only">Select to list the cases it counts.</span>
            </button>
          );
        })}
      </div>
      {graded ? <GradedFigures graded={graded} onFilter={setFilter} /> : null}
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold text-gray-900">Cases</h2>
          <div role="group" aria-label="Show" className="flex flex-wrap gap-1">
            {filters.map(({ key, label }) => (
              <button
                key={key}
                type="button"
                aria-pressed={filter === key}
                onClick={() => setFilter(key)}
                className="rounded-full border border-gray-300 px-2.5 py-0.5 text-xs text-gray-700 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-800"
                data-testid={`eval-filter-${key}`}
              >
                {label}
              </button>
            ))}
          </div>
          <span className="text-xs text-gray-600" data-testid="eval-shown-count">
            {shown.length} shown
          </span>
        </CardHeader>
        <ul className="divide-y divide-gray-100" data-testid="eval-run-cases">
          {shown.map((entry) => (
            <CaseResult key={entry.key} entry={entry} change={changes.get(entry.key)} before={baseCases.get(entry.key)} />
          ))}
        </ul>
      </Card>
    </div>
  );
}

/** The judge's grades, apart from the deterministic figures: a judge is a model too and can be wrong. */
function GradedFigures({ graded, onFilter }: { graded: NonNullable<NonNullable<EvalRunJson["totals"]>["graded"]>; onFilter: (filter: CaseFilter) => void }) {
  return (
    <section aria-labelledby="eval-graded-title" className="rounded-lg border border-dashed border-gray-300 p-3" data-testid="eval-graded">
      <h2 id="eval-graded-title" className="text-sm font-semibold text-gray-900">
        Graded by a judge model
      </h2>
      <p className="mt-1 text-xs text-gray-600">
        {graded.model} read each case and graded what string matching cannot. A judge can be wrong, so these grades do not decide whether a case passed. It graded{" "}
        <span data-testid="eval-graded-judged">{ratioText(graded.judged)}</span> cases{graded.judged.numerator < graded.judged.denominator ? "; it failed on the others" : ""}.
      </p>
      <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {graded.figures.map((figure) => (
          <button
            key={figure.key}
            type="button"
            onClick={() => onFilter(`graded-${figure.key}`)}
            className="flex flex-col items-start rounded-lg border border-gray-200 bg-white p-3 text-left shadow-xs hover:border-brand-300"
            data-testid={`eval-graded-${figure.key}`}
          >
            <span className="block text-xs font-medium text-gray-600">{figure.label}</span>
            <span className="block text-2xl font-semibold text-gray-900 tabular-nums" data-testid="value">
              {percentOf(figure.ratio)}
            </span>
            <span className="block text-xs text-gray-600" data-testid="ratio">
              {ratioText(figure.ratio)}
            </span>
            <span className="mt-1 block text-xs text-gray-500">Cases the judge passed on this ÷ cases it graded on it. {GRADED_CHECKS[figure.key as GradedCheckKey].question}</span>
            <span className="sr-only">Select to list the cases it graded.</span>
          </button>
        ))}
      </div>
    </section>
  );
}

function CaseResult({ entry, change, before }: { entry: EvalRunCaseJson; change?: CaseChange; before?: EvalRunCaseJson }) {
  return (
    <li className="px-4 py-2" data-testid="eval-run-case" data-key={entry.key} data-passed={entry.passed} data-change={change}>
      <details>
        <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
          <Badge tone={entry.passed ? "green" : "red"}>{entry.passed ? "pass" : "fail"}</Badge>
          {change && change !== "same" ? <Badge tone={CHANGE_TONES[change]}>{change}</Badge> : null}
          <span className="font-mono text-xs text-gray-800">{entry.key}</span>
          <span className="text-gray-700">{outcomeText(entry.result)}</span>
          {entry.failure ? <span className="text-red-700">· {entry.failure}</span> : null}
        </summary>
        <div className={`mt-2 grid gap-3 ${before ? "md:grid-cols-2" : ""}`}>
          {before ? <Timeline title={`Before: ${outcomeText(before.result)}${before.failure ? ` · ${before.failure}` : ""}`} entry={before} /> : null}
          <Timeline title={before ? `After: ${outcomeText(entry.result)}` : "What the AI did"} entry={entry} />
        </div>
      </details>
    </li>
  );
}

function Timeline({ title, entry }: { title: string; entry: EvalRunCaseJson }) {
  const { outcome } = entry.result;
  return (
    <div className="min-w-0 rounded-md border border-gray-200 p-3 text-sm" data-testid="eval-case-timeline">
      <p className="font-medium text-gray-900">{title}</p>
      <p className="mt-1 text-xs text-gray-600">Customer ({entry.case.channel}):</p>
      <p className="whitespace-pre-line text-gray-800">{entry.case.input}</p>
      <ol className="mt-2 space-y-1">
        {entry.result.steps.map((step, index) => (
          <li key={index} className="text-xs text-gray-700">
            {step.kind === "tool_call" ? (
              <details>
                <summary className="cursor-pointer">
                  Tool <code>{step.toolName}</code>
                  {step.error ? <span className="text-red-700"> · {step.error}</span> : null}
                </summary>
                <pre className="mt-1 max-h-48 overflow-auto rounded bg-gray-50 p-2 whitespace-pre-wrap">{JSON.stringify({ input: step.input, output: step.output }, null, 2)}</pre>
              </details>
            ) : (
              <span className="whitespace-pre-line">
                {step.kind === "reasoning" ? "Reasoning: " : ""}
                {step.text}
              </span>
            )}
          </li>
        ))}
      </ol>
      <p className="mt-2 text-xs text-gray-600">{outcome.kind === "reply" ? "Answer" : "Handoff summary"} (sentiment {outcome.sentiment}):</p>
      <p className="whitespace-pre-line text-gray-800" data-testid="eval-case-output">
        {outcome.kind === "reply" ? outcome.text : outcome.summary}
      </p>
      {entry.result.graded ? (
        <div className="mt-2 border-t border-dashed border-gray-200 pt-2 text-xs" data-testid="eval-case-graded">
          <p className="text-gray-600">Graded by {entry.result.graded.model} (apart from the checks above):</p>
          {entry.result.graded.error ? <p className="text-red-700">{entry.result.graded.error}</p> : null}
          <ul className="mt-1 space-y-1">
            {entry.result.graded.checks.map((check) => (
              <li key={check.key} data-check={check.key} data-pass={check.pass}>
                <Badge tone={check.pass ? "green" : "red"}>{check.pass ? "pass" : "fail"}</Badge> <span className="font-medium text-gray-800">{GRADED_CHECKS[check.key].label}:</span>{" "}
                <span className="text-gray-700">{check.why}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
