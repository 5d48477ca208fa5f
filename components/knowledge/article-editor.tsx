"use client";

import { ArrowLeft, FileQuestion, LoaderCircle, Save, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { isNotFound } from "@/components/ui/fetch-json";
import { inputClass } from "@/components/ui/field-styles";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { StatePanel } from "@/components/ui/state-panel";
import { RelativeTime } from "@/components/ui/time";
import { articleInputSchema, MAX_BODY_CHARS, MAX_TITLE_CHARS, type ArticleInput } from "@/lib/knowledge/validation";
import { ChunkPreview } from "./chunk-preview";
import { articleHref, type ArticleResponse } from "./types";
import { useArticle, useDeleteArticle, useSaveArticle } from "./use-knowledge";

const LIST_HREF = "/settings/knowledge";

type FieldErrors = Partial<Record<keyof ArticleInput, string>>;

/** The first problem per field, from the same schema the API checks with. */
function fieldErrors(input: ArticleInput): FieldErrors {
  const parsed = articleInputSchema.safeParse(input);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof ArticleInput;
    errors[field] ??= issue.message;
  }
  return errors;
}

function BackLink() {
  return (
    <Link
      href={LIST_HREF}
      className="inline-flex items-center gap-1 text-sm font-medium text-gray-600 hover:text-gray-900"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      All articles
    </Link>
  );
}

/** Delete with a confirmation in place; the AI stops finding the article as soon as it is gone. */
function DeleteArticle({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const remove = useDeleteArticle(id);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <Button size="sm" onClick={() => setConfirming(true)} data-testid="article-delete">
        <Trash2 aria-hidden="true" />
        Delete
      </Button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm delete">
      <span id="article-delete-text" className="text-sm text-gray-900">
        Delete “{title}”? The AI stops using it at once.
      </span>
      <Button
        ref={confirmRef}
        size="sm"
        className="border-red-300 text-red-700 hover:bg-red-50"
        aria-describedby="article-delete-text"
        disabled={remove.isPending}
        aria-busy={remove.isPending || undefined}
        onClick={() =>
          remove.mutate(undefined, {
            onSuccess: (result) => router.push(`${LIST_HREF}?deleted=${encodeURIComponent(result.deleted.title)}`),
          })
        }
        data-testid="article-delete-confirm"
      >
        {remove.isPending ? (
          <LoaderCircle aria-hidden="true" className="animate-spin" />
        ) : (
          <Trash2 aria-hidden="true" />
        )}
        Yes, delete
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={remove.isPending}>
        Cancel
      </Button>
      {remove.isError ? (
        <p role="alert" className="w-full text-sm text-red-700">
          Could not delete the article: {remove.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** A draft value from the URL, cut to what the form accepts. */
function prefill(value: string | null, max: number): string {
  return (value ?? "").slice(0, max);
}

/** Title and Markdown body, with the passages they make; saves with POST (new) or PUT. */
function ArticleForm({ saved }: { saved: ArticleResponse | null }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const id = saved?.article.id ?? null;
  const save = useSaveArticle(id);
  // A new article may arrive with a draft in the URL (?title=…&body=…), e.g. from a knowledge gap on the Reports page.
  const [title, setTitle] = useState(saved?.article.title ?? prefill(searchParams.get("title"), MAX_TITLE_CHARS));
  const [body, setBody] = useState(saved?.article.body ?? prefill(searchParams.get("body"), MAX_BODY_CHARS));
  const [errors, setErrors] = useState<FieldErrors>({});
  const titleId = useId();
  const bodyId = useId();
  const dirty = title.trim() !== (saved?.article.title ?? "") || body.trim() !== (saved?.article.body ?? "");
  // A new article arrives here from /new after its first save.
  const justCreated = searchParams.get("created") === "1" && !dirty && !save.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { title, body };
    const problems = fieldErrors(input);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(input, {
      onSuccess: (result) => {
        if (!id) router.replace(`${articleHref(result.article.id)}?created=1`);
      },
    });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <Card className="min-w-0">
        <form
          onSubmit={submit}
          noValidate
          className="space-y-4 px-4 py-4"
          aria-label={id ? "Edit article" : "New article"}
          data-testid="article-form"
        >
          <div>
            <label htmlFor={titleId} className="block text-sm font-medium text-gray-900">
              Title
            </label>
            <input
              id={titleId}
              name="title"
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              maxLength={MAX_TITLE_CHARS + 50}
              aria-invalid={errors.title ? true : undefined}
              aria-describedby={errors.title ? `${titleId}-error` : undefined}
              className={cn(inputClass, "mt-1")}
              placeholder="Resetting your password"
              data-testid="article-title"
            />
            {errors.title ? (
              <p id={`${titleId}-error`} className="mt-1 text-sm text-red-700">
                {errors.title}
              </p>
            ) : null}
          </div>
          <div>
            <div className="flex items-baseline justify-between gap-3">
              <label htmlFor={bodyId} className="block text-sm font-medium text-gray-900">
                Article text
              </label>
              <span
                className={cn("text-xs tabular-nums", body.length > MAX_BODY_CHARS ? "text-red-700" : "text-gray-500")}
              >
                {body.length.toLocaleString("en-US")} / {MAX_BODY_CHARS.toLocaleString("en-US")}
              </span>
            </div>
            <p id={`${bodyId}-hint`} className="text-sm text-gray-600">
              Markdown. Write it for the customer: the AI answers from these words.
            </p>
            <textarea
              id={bodyId}
              name="body"
              value={body}
              onChange={(event) => setBody(event.target.value)}
              rows={18}
              aria-invalid={errors.body ? true : undefined}
              aria-describedby={errors.body ? `${bodyId}-hint ${bodyId}-error` : `${bodyId}-hint`}
              className={cn(inputClass, "mt-1 h-auto py-2 font-mono text-[0.8125rem] leading-relaxed")}
              data-testid="article-body"
            />
            {errors.body ? (
              <p id={`${bodyId}-error`} className="mt-1 text-sm text-red-700">
                {errors.body}
              </p>
            ) : null}
          </div>
          {save.isError ? (
            <p
              role="alert"
              className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
              data-testid="article-save-error"
            >
              Could not save the article: {save.error.message}
            </p>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button
              type="submit"
              variant="primary"
              disabled={save.isPending}
              aria-busy={save.isPending || undefined}
              data-testid="article-save"
            >
              {save.isPending ? (
                <LoaderCircle aria-hidden="true" className="animate-spin" />
              ) : (
                <Save aria-hidden="true" />
              )}
              {id ? "Save" : "Create article"}
            </Button>
            <span role="status" className="text-sm" data-testid="article-save-status">
              {dirty ? (
                <span className="text-amber-800">Unsaved changes</span>
              ) : save.isSuccess || justCreated ? (
                <span className="text-green-700">
                  {justCreated
                    ? "Article created. The AI can use it now."
                    : "Saved. The AI uses the new text from now on."}
                </span>
              ) : null}
            </span>
          </div>
        </form>
      </Card>
      <aside className="min-w-0">
        <ChunkPreview body={body} />
      </aside>
    </div>
  );
}

function EditorHeading({ title, meta, actions }: { title: string; meta?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 space-y-2">
      <BackLink />
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold tracking-tight break-words text-gray-900" data-testid="article-heading">
            {title}
          </h1>
          {meta ? <p className="mt-1 text-sm text-gray-600">{meta}</p> : null}
        </div>
        {actions}
      </div>
    </div>
  );
}

export function NewArticle() {
  return (
    <div className="max-w-6xl">
      <EditorHeading title="New article" meta="The AI can answer from it as soon as it is created." />
      <ArticleForm saved={null} />
    </div>
  );
}

function EditorSkeleton() {
  return (
    <div role="status" aria-live="polite" data-testid="article-loading" className="max-w-6xl space-y-6">
      <span className="sr-only">Loading the article…</span>
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-7 w-72 max-w-full" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Skeleton className="h-96 w-full" />
        <Skeleton className="h-48 w-full" />
      </div>
    </div>
  );
}

export function EditArticle({ id }: { id: string }) {
  const query = useArticle(id);
  if (query.isPending) return <EditorSkeleton />;
  if (query.isError) {
    if (isNotFound(query.error)) {
      return (
        <div className="max-w-3xl">
          <div className="mb-6">
            <BackLink />
          </div>
          <StatePanel
            icon={FileQuestion}
            title="This article no longer exists"
            testId="article-not-found"
            action={
              <Link href={LIST_HREF} className={buttonVariants({ variant: "secondary" })}>
                All articles
              </Link>
            }
          >
            It may have been deleted. Runs that used it still show the passages they were given.
          </StatePanel>
        </div>
      );
    }
    return (
      <div className="max-w-3xl">
        <LoadError
          title="Could not load the article"
          testId="article-error"
          message={query.error.message}
          onRetry={() => void query.refetch()}
        />
      </div>
    );
  }
  const { article } = query.data;
  return (
    <div className="max-w-6xl">
      <EditorHeading
        title={article.title}
        meta={
          <>
            Updated <RelativeTime iso={article.updatedAt} /> ·{" "}
            {query.data.chunks.length === 1 ? "1 passage" : `${query.data.chunks.length} passages`} saved
          </>
        }
        actions={<DeleteArticle id={article.id} title={article.title} />}
      />
      <ArticleForm key={article.id} saved={query.data} />
    </div>
  );
}
