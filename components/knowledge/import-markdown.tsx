"use client";

import { FileText, FolderOpen, LoaderCircle, Upload } from "lucide-react";
import Link from "next/link";
import { useState, type ChangeEvent } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { ImportOutcome } from "@/lib/knowledge/import";
import {
  isMarkdownFileName,
  MAX_IMPORT_FILE_CHARS,
  MAX_IMPORT_FILES,
  type ImportFile,
} from "@/lib/knowledge/validation";
import { articleHref } from "./types";
import { useImportMarkdown } from "./use-knowledge";

const STATUS: Record<ImportOutcome["status"], { label: string; tone: BadgeTone }> = {
  created: { label: "Created", tone: "green" },
  updated: { label: "Updated", tone: "blue" },
  unchanged: { label: "Unchanged", tone: "gray" },
  skipped: { label: "Skipped", tone: "amber" },
};

/** A folder pick brings every file in it: what is left out before sending, and why. */
interface LeftOut {
  notMarkdown: string[];
  tooLarge: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A folder's files carry their path inside it ("help/billing.md"); plain picks only their name. */
const pathOf = (file: File) => file.webkitRelativePath || file.name;

function Summary({ outcomes, leftOut }: { outcomes: ImportOutcome[]; leftOut: LeftOut }) {
  const counts = (status: ImportOutcome["status"]) => outcomes.filter((outcome) => outcome.status === status).length;
  const skipped = counts("skipped") + leftOut.notMarkdown.length + leftOut.tooLarge.length;
  return (
    <p role="status" className="text-sm text-gray-900" data-testid="import-summary">
      {plural(counts("created"), "article")} created, {counts("updated")} updated, {counts("unchanged")} unchanged,{" "}
      {skipped} skipped.
    </p>
  );
}

function OutcomeList({ outcomes, leftOut }: { outcomes: ImportOutcome[]; leftOut: LeftOut }) {
  return (
    <ul className="divide-y divide-gray-100 rounded-md border border-gray-200" data-testid="import-outcomes">
      {outcomes.map((outcome, index) => (
        <li
          key={`${outcome.file}-${index}`}
          className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm"
          data-testid="import-outcome"
          data-status={outcome.status}
        >
          <Badge tone={STATUS[outcome.status].tone}>{STATUS[outcome.status].label}</Badge>
          <span className="min-w-0 font-mono text-xs break-all text-gray-600">{outcome.file}</span>
          {outcome.articleId && outcome.title ? (
            <Link href={articleHref(outcome.articleId)} className="min-w-0 font-medium text-brand-700 hover:underline">
              {outcome.title}
            </Link>
          ) : null}
          {outcome.reason ? <span className="w-full text-gray-600">{outcome.reason}</span> : null}
        </li>
      ))}
      {leftOut.tooLarge.map((file) => (
        <li
          key={file}
          className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm"
          data-testid="import-outcome"
          data-status="skipped"
        >
          <Badge tone="amber">Skipped</Badge>
          <span className="min-w-0 font-mono text-xs break-all text-gray-600">{file}</span>
          <span className="w-full text-gray-600">
            Larger than {MAX_IMPORT_FILE_CHARS / 1000} KB: too big for a help article.
          </span>
        </li>
      ))}
      {leftOut.notMarkdown.length > 0 ? (
        <li className="px-3 py-2 text-sm text-gray-600" data-testid="import-not-markdown">
          <Badge tone="amber" className="mr-2">
            Skipped
          </Badge>
          {plural(leftOut.notMarkdown.length, "file")} that {leftOut.notMarkdown.length === 1 ? "is" : "are"} not
          Markdown:{" "}
          <span className="font-mono text-xs break-all">
            {leftOut.notMarkdown.slice(0, 5).join(", ")}
            {leftOut.notMarkdown.length > 5 ? `, and ${leftOut.notMarkdown.length - 5} more` : ""}
          </span>
        </li>
      ) : null}
    </ul>
  );
}

/** A file input dressed as a button; the input itself stays focusable for the keyboard. */
function FilePicker({
  label,
  icon: Icon,
  folder,
  onFiles,
  disabled,
  testId,
}: {
  label: string;
  icon: typeof Upload;
  folder: boolean;
  onFiles: (files: File[]) => void;
  disabled: boolean;
  testId: string;
}) {
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // Cleared, so picking the same folder again (after editing a file) still counts as a change.
    event.target.value = "";
    if (files.length > 0) onFiles(files);
  };
  return (
    <label
      className={cn(
        buttonVariants({ variant: "secondary" }),
        "cursor-pointer focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-600",
        disabled && "pointer-events-none opacity-50",
      )}
    >
      <Icon aria-hidden="true" />
      {label}
      <input
        type="file"
        multiple
        className="sr-only"
        disabled={disabled}
        onChange={onChange}
        data-testid={testId}
        {...(folder ? { webkitdirectory: "", directory: "" } : { accept: ".md,.markdown,text/markdown" })}
      />
    </label>
  );
}

/** Settings → Knowledge → Import Markdown: a folder or several files; a file with a known title updates that article. */
export function ImportMarkdown() {
  const importFiles = useImportMarkdown();
  const [leftOut, setLeftOut] = useState<LeftOut>({ notMarkdown: [], tooLarge: [] });
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const start = async (files: File[]) => {
    importFiles.reset();
    setProblem(null);
    const markdown = files.filter((file) => isMarkdownFileName(file.name));
    const fits = markdown.filter((file) => file.size <= MAX_IMPORT_FILE_CHARS);
    const skipped = {
      notMarkdown: files.filter((file) => !isMarkdownFileName(file.name)).map(pathOf),
      tooLarge: markdown.filter((file) => file.size > MAX_IMPORT_FILE_CHARS).map(pathOf),
    };
    setLeftOut(skipped);
    if (markdown.length === 0) return setProblem("There are no Markdown files (.md or .markdown) in what you chose.");
    if (fits.length > MAX_IMPORT_FILES)
      return setProblem(
        `That is ${fits.length} Markdown files; import at most ${MAX_IMPORT_FILES} at a time, for example one folder after another.`,
      );
    if (fits.length === 0) return;
    setReading(true);
    try {
      const payload: ImportFile[] = await Promise.all(
        fits.map(async (file) => ({ name: pathOf(file), content: await file.text() })),
      );
      importFiles.mutate(payload);
    } catch {
      setProblem("Could not read the files. Choose them again.");
    } finally {
      setReading(false);
    }
  };

  const busy = reading || importFiles.isPending;
  const showOutcomes =
    importFiles.isSuccess ||
    (!problem && !busy && !importFiles.isError && leftOut.tooLarge.length + leftOut.notMarkdown.length > 0);
  return (
    <Card data-testid="knowledge-import">
      <section aria-labelledby="import-heading" className="space-y-3 px-4 py-4">
        <div>
          <h2 id="import-heading" className="flex items-center gap-2 text-base font-semibold text-gray-900">
            <FileText aria-hidden="true" className="size-4 text-gray-500" />
            Import Markdown
          </h2>
          <p className="mt-0.5 text-sm text-gray-600">
            Each .md file becomes an article, titled by its front matter, its first “# ” heading or its file name. A
            file whose title is already here updates that article. Up to {MAX_IMPORT_FILES} files at a time.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <FilePicker
            label="Choose a folder"
            icon={FolderOpen}
            folder
            onFiles={(files) => void start(files)}
            disabled={busy}
            testId="import-folder"
          />
          <FilePicker
            label="Choose files"
            icon={Upload}
            folder={false}
            onFiles={(files) => void start(files)}
            disabled={busy}
            testId="import-files"
          />
          {busy ? (
            <span role="status" className="flex items-center gap-1.5 text-sm text-gray-600">
              <LoaderCircle aria-hidden="true" className="size-4 animate-spin" />
              Importing…
            </span>
          ) : null}
        </div>
        {problem ? (
          <p role="alert" className="text-sm text-red-700" data-testid="import-problem">
            {problem}
          </p>
        ) : null}
        {importFiles.isError ? (
          <p role="alert" className="text-sm text-red-700" data-testid="import-error">
            Nothing was imported: {importFiles.error.message}
          </p>
        ) : null}
        {showOutcomes ? (
          <div className="space-y-2">
            <Summary outcomes={importFiles.data?.outcomes ?? []} leftOut={leftOut} />
            <OutcomeList outcomes={importFiles.data?.outcomes ?? []} leftOut={leftOut} />
          </div>
        ) : null}
      </section>
    </Card>
  );
}
