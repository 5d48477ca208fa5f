import { BookOpen } from "lucide-react";
import Link from "next/link";
import { articleHref } from "@/components/knowledge/types";

/**
 * One passage a knowledge-base search returned. Runs before search by chunk returned whole articles (no chunkId,
 * heading or position), so everything but the title and text is optional.
 */
export interface KnowledgeResultItem {
  chunkId: string | null;
  articleId: string | null;
  title: string;
  heading: string | null;
  position: number | null;
  content: string;
  score: number | null;
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);
const number = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** The search tool's output as passages, leniently; null when it is not a list of results at all (a failed call). */
export function parseKnowledgeResults(output: unknown): KnowledgeResultItem[] | null {
  const list = (output as { results?: unknown } | null)?.results;
  if (!Array.isArray(list)) return null;
  return list
    .filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
    .map((item) => ({
      chunkId: text(item.chunkId),
      articleId: text(item.articleId),
      title: text(item.title) ?? "Untitled article",
      heading: text(item.heading),
      position: number(item.position),
      content: typeof item.content === "string" ? item.content : "",
      score: number(item.score),
    }));
}

const SNIPPET_CHARS = 240;

function snippet(content: string): string {
  const flat = content.replace(/\s+/g, " ").trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS - 1).trimEnd()}…` : flat;
}

/** Passages in the order the search ranked them: article (linked to its editor), heading, score and the text's opening. */
export function KnowledgeResultList({
  results,
  linkArticles = true,
}: {
  results: KnowledgeResultItem[];
  linkArticles?: boolean;
}) {
  return (
    <ol className="divide-y divide-gray-100 rounded-md border border-gray-200 bg-white">
      {results.map((result, index) => (
        <li
          key={result.chunkId ?? `${result.articleId ?? result.title}-${index}`}
          data-testid="knowledge-result"
          data-article-id={result.articleId ?? undefined}
          data-chunk-id={result.chunkId ?? undefined}
          className="px-3 py-2"
        >
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
            <span className="text-xs text-gray-500 tabular-nums">{index + 1}.</span>
            {result.articleId && linkArticles ? (
              <Link
                href={articleHref(result.articleId)}
                className="text-sm font-medium text-brand-700 hover:underline"
                data-testid="knowledge-result-title"
              >
                {result.title}
              </Link>
            ) : (
              <span className="text-sm font-medium text-gray-900" data-testid="knowledge-result-title">
                {result.title}
              </span>
            )}
            {result.heading ? (
              <span className="min-w-0 text-sm text-gray-700" data-testid="knowledge-result-heading">
                <span aria-hidden="true" className="text-gray-400">
                  ›{" "}
                </span>
                <span className="sr-only">section </span>
                {result.heading}
              </span>
            ) : null}
            <span className="ml-auto flex shrink-0 gap-3 text-xs text-gray-500 tabular-nums">
              {result.position !== null ? <span>Passage {result.position + 1}</span> : null}
              {result.score !== null ? (
                <span data-testid="knowledge-result-score" title="How well the passage matches the search, from 0 to 1">
                  Score {result.score.toFixed(2)}
                </span>
              ) : null}
            </span>
          </div>
          {result.content ? <p className="mt-1 text-sm break-words text-gray-600">{snippet(result.content)}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** A search_knowledge_base call in a run's timeline: the passages the model was given, before the raw JSON. */
export function KnowledgeResults({ output }: { output: unknown }) {
  const results = parseKnowledgeResults(output);
  if (!results) return null;
  return (
    <section data-testid="knowledge-results" className="mb-3" aria-label="Knowledge passages returned">
      <h4 className="mb-1 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-gray-500 uppercase">
        <BookOpen aria-hidden="true" className="size-3.5" />
        {results.length === 0
          ? "No passages matched"
          : results.length === 1
            ? "1 passage returned"
            : `${results.length} passages returned`}
      </h4>
      {results.length > 0 ? <KnowledgeResultList results={results} /> : null}
    </section>
  );
}
