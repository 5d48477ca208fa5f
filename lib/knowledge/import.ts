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

/**
 * Reads each Markdown file as an article (lib/knowledge/chunk.ts articleFromMarkdown). Files that cannot become an
 * article are skipped with a reason instead of failing the whole import: a folder often holds one odd file.
 */
export function prepareImport(files: ImportFile[]): { articles: ImportArticle[]; skipped: ImportOutcome[] } {
  const articles: ImportArticle[] = [];
  const skipped: ImportOutcome[] = [];
  const titles = new Map<string, string>();
  for (const file of files) {
    const { title, body } = articleFromMarkdown(baseName(file.name), file.content);
    const skip = (reason: string) => skipped.push({ file: file.name, status: "skipped", title: title || null, articleId: null, reason });
    const sameTitle = titles.get(title.toLowerCase());
    if (!body) skip("The file has no text besides its title.");
    else if (!title) skip("The file has no title.");
    else if (title.length > MAX_TITLE_CHARS) skip(`The title is longer than ${MAX_TITLE_CHARS} characters.`);
    else if (body.length > MAX_BODY_CHARS) skip(`The text is longer than ${MAX_BODY_CHARS.toLocaleString("en-US")} characters; split it into several files.`);
    else if (sameTitle) skip(`${sameTitle} in this import has the same title.`);
    else {
      titles.set(title.toLowerCase(), file.name);
      articles.push({ file: file.name, title, body });
    }
  }
  return { articles, skipped };
}
