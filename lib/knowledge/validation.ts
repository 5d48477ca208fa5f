import { z } from "zod";

/** Limits shared by the API and the settings page, so the page can warn before the server refuses. */
export const MAX_TITLE_CHARS = 200;
/** About twenty pages of text: longer than any help article should be, and still cheap to chunk. */
export const MAX_BODY_CHARS = 50_000;
export const MAX_IMPORT_FILES = 100;
/** A Markdown file's raw size (front matter included) before it is even read as an article. */
export const MAX_IMPORT_FILE_CHARS = 200_000;

const MARKDOWN_NAME = /\.(md|markdown)$/i;

export function isMarkdownFileName(name: string): boolean {
  return MARKDOWN_NAME.test(name.trim());
}

/** The file's own name, without the folders a folder import puts in front of it. */
export function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export const articleInputSchema = z.object({
  title: z
    .string({ error: "Give the article a title." })
    .trim()
    .min(1, "Give the article a title.")
    .max(MAX_TITLE_CHARS, `Keep the title to ${MAX_TITLE_CHARS} characters or fewer.`),
  body: z
    .string({ error: "Write the article's text." })
    .trim()
    .min(1, "Write the article's text.")
    .max(
      MAX_BODY_CHARS,
      `The article is too long: keep it to ${MAX_BODY_CHARS.toLocaleString("en-US")} characters or fewer, or split it into several articles.`,
    ),
});

export type ArticleInput = z.infer<typeof articleInputSchema>;

export const importRequestSchema = z.object({
  files: z
    .array(
      z.object({
        name: z.string().trim().min(1, "Every file needs a name.").max(500),
        content: z
          .string()
          .max(
            MAX_IMPORT_FILE_CHARS,
            `A file is larger than ${MAX_IMPORT_FILE_CHARS / 1000} KB: that is not a help article.`,
          ),
      }),
      { error: "Send the files to import." },
    )
    .min(1, "Choose at least one Markdown file.")
    .max(MAX_IMPORT_FILES, `Import at most ${MAX_IMPORT_FILES} files at a time.`),
});

export type ImportFile = z.infer<typeof importRequestSchema>["files"][number];
