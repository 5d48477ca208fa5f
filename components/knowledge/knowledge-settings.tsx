"use client";

import { BookOpen, LoaderCircle, Plus, Search, SearchX } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { KnowledgeResultList } from "@/components/session/knowledge-results";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field-styles";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { StatePanel } from "@/components/ui/state-panel";
import { RelativeTime } from "@/components/ui/time";
import { ImportMarkdown } from "./import-markdown";
import { articleHref, type ArticleListResponse } from "./types";
import { useDebouncedValue } from "./use-debounced-value";
import { useArticles, useSearchTry } from "./use-knowledge";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The body's opening as one line of text: Markdown heading marks and line breaks would only be noise here. */
function plainExcerpt(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Keeps the search in the address, so coming back from an article shows the same list. */
function replaceQuery(q: string) {
  const params = new URLSearchParams(window.location.search);
  if (q) params.set("q", q);
  else params.delete("q");
  params.delete("deleted");
  const query = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
}

function SearchBox({
  value,
  onChange,
  label,
  placeholder,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder: string;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="relative min-w-0 flex-1">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-400"
      />
      <input
        id={id}
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        className={cn(inputClass, "pl-9")}
        data-testid={testId}
      />
    </div>
  );
}

function ListSkeleton() {
  return (
    <div role="status" aria-live="polite" data-testid="articles-loading" className="divide-y divide-gray-100">
      <span className="sr-only">Loading articles…</span>
      {Array.from({ length: 5 }, (_, index) => (
        <div key={index} className="space-y-2 px-4 py-3">
          <Skeleton className="h-4 w-56 max-w-full" />
          <Skeleton className="h-3.5 w-full" />
        </div>
      ))}
    </div>
  );
}

function ArticleRows({ data }: { data: ArticleListResponse }) {
  return (
    <ul className="divide-y divide-gray-100" data-testid="article-list">
      {data.articles.map((article) => (
        <li
          key={article.id}
          data-testid="article-row"
          data-article-id={article.id}
          className="relative px-4 py-3 hover:bg-gray-50"
        >
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
            <Link
              href={articleHref(article.id)}
              className="min-w-0 font-medium break-words text-gray-900 after:absolute after:inset-0 hover:text-brand-700"
              data-testid="article-link"
            >
              {article.title}
            </Link>
            <span className="ml-auto shrink-0 text-xs text-gray-500">
              {plural(article.chunkCount, "passage")} · updated <RelativeTime iso={article.updatedAt} />
            </span>
          </div>
          <p className="mt-0.5 line-clamp-2 text-sm break-words text-gray-600">{plainExcerpt(article.excerpt)}</p>
        </li>
      ))}
    </ul>
  );
}

/** The articles, searched by any part of the title or text. */
function ArticleList({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const searched = useDebouncedValue(q.trim());
  const query = useArticles(searched);
  let content: ReactNode;
  if (query.isPending) content = <ListSkeleton />;
  else if (query.isError && !query.data)
    content = (
      <LoadError
        title="Could not load the articles"
        testId="articles-error"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  else if (query.data.total === 0 && !searched) {
    content = (
      <StatePanel
        icon={BookOpen}
        title="No articles yet"
        testId="articles-empty"
        className="m-4"
        action={
          <Link href="/settings/knowledge/new" className={buttonVariants({ variant: "primary" })}>
            <Plus aria-hidden="true" />
            New article
          </Link>
        }
      >
        The AI answers only from these articles: without any, it hands every question to a person. Write one, or import
        a folder of Markdown files below.
      </StatePanel>
    );
  } else if (query.data.total === 0) {
    content = (
      <StatePanel icon={SearchX} title={`No article matches “${searched}”`} testId="articles-no-match" className="m-4">
        The search looks for these letters in titles and text. Try a shorter word, or{" "}
        <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => onSearch("")}>
          show every article
        </button>
        .
      </StatePanel>
    );
  } else content = <ArticleRows data={query.data} />;

  const data = query.data;
  return (
    <Card>
      <section aria-labelledby="articles-heading">
        <header className="flex flex-wrap items-center gap-3 border-b border-gray-200 px-4 py-3">
          <h2 id="articles-heading" className="text-base font-semibold text-gray-900">
            Articles
          </h2>
          <span className="text-sm text-gray-500" data-testid="article-count" aria-live="polite">
            {data ? (searched ? `${plural(data.total, "match", "matches")}` : plural(data.total, "article")) : null}
            {data && data.articles.length < data.total ? ` (showing ${data.articles.length})` : null}
          </span>
          {query.isFetching && !query.isPending ? (
            <LoaderCircle aria-label="Searching" className="size-4 animate-spin text-gray-400" />
          ) : null}
          <div className="flex w-full flex-wrap items-center gap-2 sm:ml-auto sm:w-auto sm:flex-nowrap">
            <SearchBox
              value={q}
              onChange={onSearch}
              label="Search articles"
              placeholder="Search articles"
              testId="article-search"
            />
            <Link
              href="/settings/knowledge/new"
              className={buttonVariants({ variant: "primary" })}
              data-testid="article-new"
            >
              <Plus aria-hidden="true" />
              New article
            </Link>
          </div>
        </header>
        {query.isError && query.data ? (
          <p role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
            Showing the last list loaded; searching failed ({query.error.message}).
          </p>
        ) : null}
        {content}
      </section>
    </Card>
  );
}

/** Asks the agent's own search, so an admin can see which passages a question would bring up. */
function TrySearch() {
  const [question, setQuestion] = useState("");
  const asked = useDebouncedValue(question.trim());
  const query = useSearchTry(asked);
  return (
    <Card data-testid="knowledge-try">
      <section aria-labelledby="try-heading" className="space-y-3 px-4 py-4">
        <div>
          <h2 id="try-heading" className="text-base font-semibold text-gray-900">
            Try a question
          </h2>
          <p className="mt-0.5 text-sm text-gray-600">
            The passages the AI would be given for it, best first, as the search ranks them.
          </p>
        </div>
        <SearchBox
          value={question}
          onChange={setQuestion}
          label="A customer's question"
          placeholder="How do I reset my password?"
          testId="knowledge-try-input"
        />
        {!asked ? null : query.isPending ? (
          <p className="text-sm text-gray-500">Searching…</p>
        ) : query.isError ? (
          <p role="alert" className="text-sm text-red-700">
            Could not search: {query.error.message}
          </p>
        ) : query.data.results.length === 0 ? (
          <p className="text-sm text-gray-600" data-testid="knowledge-try-empty">
            No passage matches. The AI would hand this question to a person.
          </p>
        ) : (
          <KnowledgeResultList results={query.data.results} />
        )}
      </section>
    </Card>
  );
}

/** Settings → Knowledge: the articles the AI answers from, importing Markdown, and trying a question. */
export function KnowledgeSettings() {
  const searchParams = useSearchParams();
  const [q, setQ] = useState(() => searchParams.get("q") ?? "");
  const deleted = searchParams.get("deleted");
  const search = (value: string) => {
    setQ(value);
    replaceQuery(value);
  };
  return (
    <div className="space-y-6" data-testid="knowledge-settings">
      {deleted ? (
        <p
          role="status"
          className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800"
          data-testid="article-deleted"
        >
          Deleted “{deleted}”. The AI no longer finds it.
        </p>
      ) : null}
      <ArticleList q={q} onSearch={search} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ImportMarkdown />
        <TrySearch />
      </div>
    </div>
  );
}
