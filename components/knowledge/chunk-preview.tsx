"use client";

import { useDeferredValue, useMemo } from "react";
import { chunkArticle } from "@/lib/knowledge/chunk";

const PREVIEW_CHARS = 160;

/**
 * How the article is cut into passages for search, worked out as the admin types with the same chunker the server
 * uses on save. The AI is given a passage, not the whole article, so a passage should make sense on its own.
 */
export function ChunkPreview({ body }: { body: string }) {
  // Chunking a long article on every keystroke would make typing lag; React catches up when idle.
  const deferredBody = useDeferredValue(body);
  const chunks = useMemo(() => chunkArticle(deferredBody), [deferredBody]);
  return (
    <section aria-labelledby="chunk-preview-heading" data-testid="chunk-preview" data-count={chunks.length}>
      <h2 id="chunk-preview-heading" className="text-sm font-semibold text-gray-900">
        How the AI searches it
      </h2>
      <p className="mt-0.5 text-sm text-gray-600">
        {chunks.length === 0
          ? "Write the article to see its passages."
          : `${chunks.length === 1 ? "1 passage" : `${chunks.length} passages`}. A search returns the passages that match a question, at most two per article. Headings (## …) start a new passage and count more in the search.`}
      </p>
      {chunks.length > 0 ? (
        <ol className="mt-3 max-h-[32rem] space-y-2 overflow-y-auto pr-1">
          {chunks.map((chunk) => (
            <li
              key={chunk.position}
              data-testid="chunk"
              className="rounded-md border border-gray-200 bg-gray-50/60 px-3 py-2"
            >
              <div className="flex items-baseline gap-2 text-xs text-gray-500">
                <span className="font-medium text-gray-700">Passage {chunk.position + 1}</span>
                {chunk.heading ? (
                  <span className="min-w-0 truncate" data-testid="chunk-heading">
                    {chunk.heading}
                  </span>
                ) : null}
                <span className="ml-auto shrink-0 tabular-nums">
                  {chunk.content.length.toLocaleString("en-US")} characters
                </span>
              </div>
              <p className="mt-1 text-sm break-words text-gray-700">
                {chunk.content.length > PREVIEW_CHARS
                  ? `${chunk.content.slice(0, PREVIEW_CHARS - 1).trimEnd()}…`
                  : chunk.content}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
