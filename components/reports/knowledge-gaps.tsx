"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Download, FilePlus2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { fetchJson } from "@/components/ui/fetch-json";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { csvFilename } from "@/lib/reports/csv";
import { POPULATION } from "@/lib/reports/definitions";
import { formatCount } from "@/lib/reports/format";
import { KNOWLEDGE_GAPS_DEFINITION } from "@/lib/reports/knowledge-gaps/definition";
import {
  articleDraftHref,
  exampleLabel,
  gapInboxHref,
  groupName,
  knowledgeGapsCsv,
  sessionHref,
} from "@/lib/reports/knowledge-gaps/links";
import type { GapGroupRow, KnowledgeGapsResponse } from "@/lib/reports/knowledge-gaps/types";
import { channelLabel } from "@/lib/reports/labels";
import { InfoButton } from "./info-button";
import { downloadText } from "./report-section";

/** Rows shown before "Show all": the biggest gaps are the ones worth an article first. */
const FIRST_ROWS = 10;
const TITLE = "Knowledge gaps";

function gapsUrl(range: { from: string; to: string }, channel: string | null): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (channel) params.set("channel", channel);
  return `/api/reports/knowledge-gaps?${params}`;
}

function WriteArticleLink({
  group,
  name,
  testId,
  wrap = false,
}: {
  group: GapGroupRow;
  name: string;
  testId: string;
  wrap?: boolean;
}) {
  return (
    <Link
      href={articleDraftHref(group)}
      aria-label={`Write an article about ${name}`}
      className={cn(
        "inline-flex items-center gap-1 text-brand-700 underline-offset-2 hover:underline",
        !wrap && "whitespace-nowrap",
      )}
      data-testid={testId}
    >
      <FilePlus2 aria-hidden="true" className="size-4 shrink-0" />
      Write an article
    </Link>
  );
}

function GapRow({ report, group }: { report: KnowledgeGapsResponse; group: GapGroupRow }) {
  const name = groupName(group);
  const sessions = `${formatCount(group.sessions)} ${group.sessions === 1 ? "session" : "sessions"}`;
  return (
    <tr data-testid="knowledge-gap-row" data-key={group.key} className="align-top">
      <th
        scope="row"
        className="px-3 py-2 text-left font-medium [overflow-wrap:anywhere] text-gray-900 max-sm:min-w-28"
      >
        <span data-testid="knowledge-gap-words">{name}</span>
        {/* On a phone the article link sits under the words, so the examples keep the width. */}
        {report.canWriteArticles ? (
          <span className="mt-1 block font-normal sm:hidden">
            <WriteArticleLink group={group} name={name} testId="knowledge-gap-write-compact" wrap />
          </span>
        ) : null}
      </th>
      <td className="px-3 py-2 text-right tabular-nums">
        <Link
          href={gapInboxHref(report, group)}
          aria-label={`${sessions} asking about ${name}: open in the Inbox`}
          className="text-brand-700 underline-offset-2 hover:underline"
          data-testid="knowledge-gap-drilldown"
        >
          {formatCount(group.sessions)}
        </Link>
      </td>
      <td className="px-3 py-2 [overflow-wrap:anywhere] sm:min-w-64">
        <ul className="space-y-1">
          {group.examples.map((example) => (
            <li key={example.sessionId}>
              <Link
                href={sessionHref(example.sessionId)}
                className="text-gray-700 underline-offset-2 hover:text-brand-700 hover:underline"
                data-testid="knowledge-gap-example"
              >
                {exampleLabel(example)}
              </Link>
            </li>
          ))}
        </ul>
      </td>
      {report.canWriteArticles ? (
        <td className="px-3 py-2 max-sm:hidden">
          <WriteArticleLink group={group} name={name} testId="knowledge-gap-write" />
        </td>
      ) : null}
    </tr>
  );
}

function GapsTable({ report }: { report: KnowledgeGapsResponse }) {
  const [showAll, setShowAll] = useState(false);
  const rows = showAll ? report.groups : report.groups.slice(0, FIRST_ROWS);
  return (
    <div className="space-y-3">
      <div
        role="region"
        aria-label="Knowledge gaps by their words"
        tabIndex={0}
        className="overflow-x-auto rounded-md border border-gray-200 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <table className="w-full text-sm" data-testid="knowledge-gaps-table">
          <caption className="sr-only">
            Questions handed off for insufficient knowledge, grouped by their most distinctive words
          </caption>
          <thead className="bg-gray-50 text-xs text-gray-500">
            <tr>
              <th scope="col" className="w-1/4 px-3 py-2 text-left font-medium whitespace-nowrap">
                Words
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap">
                Sessions
              </th>
              <th scope="col" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                Example questions
              </th>
              {report.canWriteArticles ? (
                <th scope="col" className="px-3 py-2 text-left font-medium whitespace-nowrap max-sm:hidden">
                  Article
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {rows.map((group) => (
              <GapRow key={group.key} report={report} group={group} />
            ))}
          </tbody>
        </table>
      </div>
      {report.groups.length > FIRST_ROWS ? (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => setShowAll((value) => !value)}
          data-testid="knowledge-gaps-show-all"
        >
          {showAll ? `Show the first ${FIRST_ROWS}` : `Show all ${formatCount(report.groups.length)} groups`}
        </Button>
      ) : null}
    </div>
  );
}

/** The knowledge-gaps card of the Reports page: its own request, so the rest of the page never waits on the grouping. */
export function KnowledgeGaps({ range, channel }: { range: { from: string; to: string }; channel: string | null }) {
  const query = useQuery({
    queryKey: ["reports", "knowledge-gaps", { from: range.from, to: range.to, channel }],
    queryFn: ({ signal }) => fetchJson<KnowledgeGapsResponse>(gapsUrl(range, channel), signal),
    placeholderData: keepPreviousData,
  });
  const report = query.data;
  const filename = csvFilename("knowledge-gaps", range, channel ? channelLabel(channel) : null);

  let body;
  if (query.isPending) {
    body = <Skeleton className="h-32 w-full" />;
  } else if (query.isError && !report) {
    body = (
      <LoadError
        title="Could not load the knowledge gaps"
        testId="knowledge-gaps-error"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (!report || report.groups.length === 0) {
    body = (
      <p
        className="rounded-md bg-gray-50 px-3 py-6 text-center text-sm text-gray-500"
        data-testid="knowledge-gaps-empty"
      >
        No handoffs for missing knowledge in this range
      </p>
    );
  } else {
    body = <GapsTable report={report} />;
  }

  return (
    <Card className="min-w-0" data-testid="report-knowledge-gaps">
      <section aria-labelledby="knowledge-gaps-heading" aria-busy={query.isPlaceholderData || undefined}>
        <CardHeader className="justify-between">
          <div className="min-w-0">
            <div className="flex items-center gap-1">
              <h2 id="knowledge-gaps-heading" className="text-sm font-semibold text-gray-900">
                {TITLE}
              </h2>
              <InfoButton metric={TITLE} testId="knowledge-gaps-info">
                <span className="block">{KNOWLEDGE_GAPS_DEFINITION.sessions}</span>
                <span className="mt-1.5 block">{KNOWLEDGE_GAPS_DEFINITION.words}</span>
                <span className="mt-1.5 block">{KNOWLEDGE_GAPS_DEFINITION.groups}</span>
                <span className="mt-1.5 block text-gray-500">{POPULATION}</span>
              </InfoButton>
            </div>
            <p className="mt-0.5 text-xs text-gray-500" data-testid="knowledge-gaps-description">
              {report && report.sessions > 0
                ? `${formatCount(report.sessions)} ${report.sessions === 1 ? "question" : "questions"} the AI handed off because no article answered them`
                : "Questions the AI handed off because no article answered them"}
              , grouped by their most distinctive words
              {report && !report.canWriteArticles ? ". Only admins can write articles." : ""}
            </p>
          </div>
          <Button
            size="sm"
            disabled={!report || report.groups.length === 0}
            onClick={() => report && downloadText(filename, knowledgeGapsCsv(report))}
            data-testid="knowledge-gaps-download"
          >
            <Download aria-hidden="true" />
            Download CSV<span className="sr-only"> of knowledge gaps</span>
          </Button>
        </CardHeader>
        <CardBody className={query.isPlaceholderData ? "opacity-60 transition-opacity" : "transition-opacity"}>
          {body}
        </CardBody>
      </section>
    </Card>
  );
}
