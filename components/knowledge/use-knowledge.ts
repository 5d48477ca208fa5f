"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/fetch-json";
import { sendJson } from "@/components/ui/send-json";
import type { ArticleInput, ImportFile } from "@/lib/knowledge/validation";
import type { ArticleListResponse, ArticleResponse, ImportResponse, SearchResponse } from "./types";

export const KNOWLEDGE_KEY = ["knowledge"] as const;
const listKey = (q: string) => [...KNOWLEDGE_KEY, "list", q] as const;
const articleKey = (id: string) => [...KNOWLEDGE_KEY, "article", id] as const;

export function useArticles(q: string) {
  return useQuery({
    queryKey: listKey(q),
    queryFn: ({ signal }) =>
      fetchJson<ArticleListResponse>(`/api/knowledge${q ? `?q=${encodeURIComponent(q)}` : ""}`, signal),
    // While a new search loads, the last list stays on screen instead of a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: string) {
  return useQuery({
    queryKey: articleKey(id),
    queryFn: ({ signal }) => fetchJson<ArticleResponse>(`/api/knowledge/${id}`, signal),
    // A form is being edited from this data: refetching on focus would not change the fields anyway.
    refetchOnWindowFocus: false,
  });
}

/** Creates (no id) or saves an article; the list and the article are refreshed from the answer. */
export function useSaveArticle(id: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ArticleInput) =>
      id
        ? sendJson<ArticleResponse>(`/api/knowledge/${id}`, "PUT", input)
        : sendJson<ArticleResponse>("/api/knowledge", "POST", input),
    onSuccess: (saved) => {
      client.setQueryData(articleKey(saved.article.id), saved);
      void client.invalidateQueries({ queryKey: [...KNOWLEDGE_KEY, "list"] });
      void client.invalidateQueries({ queryKey: [...KNOWLEDGE_KEY, "search"] });
    },
  });
}

export function useDeleteArticle(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<{ deleted: { id: string; title: string } }>(`/api/knowledge/${id}`, "DELETE"),
    onSuccess: () => {
      client.removeQueries({ queryKey: articleKey(id) });
      void client.invalidateQueries({ queryKey: [...KNOWLEDGE_KEY, "list"] });
      void client.invalidateQueries({ queryKey: [...KNOWLEDGE_KEY, "search"] });
    },
  });
}

export function useImportMarkdown() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (files: ImportFile[]) => sendJson<ImportResponse>("/api/knowledge/import", "POST", { files }),
    // Imported articles may be open elsewhere on the page: refetch everything knowledge.
    onSuccess: () => client.invalidateQueries({ queryKey: KNOWLEDGE_KEY }),
  });
}

/** The agent's search for a question, as Settings → Knowledge tries it; nothing is asked for an empty question. */
export function useSearchTry(q: string) {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, "search", q],
    queryFn: ({ signal }) => fetchJson<SearchResponse>(`/api/knowledge/search?q=${encodeURIComponent(q)}`, signal),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}
