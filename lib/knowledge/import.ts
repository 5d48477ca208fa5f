import type { AuditActor } from "../audit";
import type { Db } from "../db/client";
import { importKnowledgeArticles } from "../db/queries/knowledge";
import { articleFromMarkdown } from "./chunk";
import { baseName, MAX_BODY_CHARS, MAX_TITLE_CHARS, type ImportFile } from "./validation";

/** What an import did with one file. */
export interface ImportOutcome {
  file: string;
  status: "created" | "updated" | "unchanged" | "skipped";
  title: string | null;
  articleId: string | null;
  /** Why a file was skipped. */
  reason: string | null;
}

export interface ImportArticle {
  file: string;
  title: string;
  body: string;
}

/** Per file, in order: the article to write, or why it is skipped. */
export type ImportPlan = ({ article: ImportArticle; skipped?: never } | { article?: never; skipped: ImportOutcome })[];

/**
 * Reads each Markdown file as an article (articleFromMarkdown in ./chunk.ts). Files that cannot become an article
 * are skipped with a reason instead of failing the whole import: a folder often holds one odd file.
 */
export function planImport(files: ImportFile[]): ImportPlan {
  const titles = new Map<string, string>();
  return files.map((file) => {
    const { title, body } = articleFromMarkdown(baseName(file.name), file.content);
    const skip = (reason: string) => ({ skipped: { file: file.name, status: "skipped" as const, title: title || null, articleId: null, reason } });
    const sameTitle = titles.get(title.toLowerCase());
    if (!title) return skip("The file has no title.");
    if (!body) return skip("The file has no text besides its title.");
    if (title.length > MAX_TITLE_CHARS) return skip(`The title is longer than ${MAX_TITLE_CHARS} characters.`);
    if (body.length > MAX_BODY_CHARS) return skip(`The text is longer than ${MAX_BODY_CHARS.toLocaleString("en-US")} characters; split it into several files.`);
    if (sameTitle) return skip(`${sameTitle} in this import has the same title.`);
    titles.set(title.toLowerCase(), file.name);
    return { article: { file: file.name, title, body } };
  });
}

/** Imports the files (all Markdown, checked by the caller) and says what happened to each, in the order sent. */
export async function importMarkdownFiles(db: Db, files: ImportFile[], actor?: AuditActor): Promise<ImportOutcome[]> {
  const plan = planImport(files);
  const written = await importKnowledgeArticles(db, plan.flatMap((step) => (step.article ? [step.article] : [])), actor);
  let next = 0;
  return plan.map((step) => step.skipped ?? written[next++]);
}
