import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../audit";
import { inTransaction, type Db } from "../db/client";
import { articleIdByTitle, insertArticle, lockArticle, updateArticle } from "../db/queries/knowledge";
import { withChunks } from "./articles";
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
    const skip = (reason: string) => ({
      skipped: { file: file.name, status: "skipped" as const, title: title || null, articleId: null, reason },
    });
    const sameTitle = titles.get(title.toLowerCase());
    if (!title) return skip("The file has no title.");
    if (!body) return skip("The file has no text besides its title.");
    if (title.length > MAX_TITLE_CHARS) return skip(`The title is longer than ${MAX_TITLE_CHARS} characters.`);
    if (body.length > MAX_BODY_CHARS)
      return skip(
        `The text is longer than ${MAX_BODY_CHARS.toLocaleString("en-US")} characters; split it into several files.`,
      );
    if (sameTitle) return skip(`${sameTitle} in this import has the same title.`);
    titles.set(title.toLowerCase(), file.name);
    return { article: { file: file.name, title, body } };
  });
}

/**
 * Writes imported articles in one transaction: an article with the same title (without case) is updated, or left
 * alone when nothing changed; otherwise a new one is created. Returns what happened to each, in order.
 */
async function importKnowledgeArticles(
  db: Db,
  articles: ImportArticle[],
  actor: AuditActor = SYSTEM_ACTOR,
): Promise<ImportOutcome[]> {
  return inTransaction(db, async (tx) => {
    const outcomes: ImportOutcome[] = [];
    for (const input of articles) {
      const done = (status: ImportOutcome["status"], articleId: string) =>
        outcomes.push({ file: input.file, status, title: input.title, articleId, reason: null });
      const existingId = await articleIdByTitle(tx, input.title);
      if (!existingId) {
        const article = await insertArticle(tx, withChunks(input));
        done("created", article.id);
        continue;
      }
      const existing = await lockArticle(tx, existingId);
      if (existing?.title === input.title && existing.body === input.body) {
        done("unchanged", existingId);
        continue;
      }
      const article = await updateArticle(tx, existingId, withChunks(input));
      // Found by its title a moment ago: gone only if deleted meanwhile, and then the import fails whole.
      if (!article) throw new Error(`The article "${input.title}" was deleted during the import.`);
      done("updated", article.id);
    }
    // One row for the import: which articles it created and updated (the files left unchanged changed nothing).
    const titles = (status: ImportOutcome["status"]) =>
      outcomes.filter((outcome) => outcome.status === status).map((outcome) => outcome.title);
    if (outcomes.some((outcome) => outcome.status !== "unchanged")) {
      await recordAudit(tx, {
        actor,
        action: "knowledge.import",
        target: `${articles.length} file${articles.length === 1 ? "" : "s"}`,
        after: { created: titles("created"), updated: titles("updated"), unchanged: titles("unchanged").length },
      });
    }
    return outcomes;
  });
}

/** Imports the files (all Markdown, checked by the caller) and says what happened to each, in the order sent. */
export async function importMarkdownFiles(db: Db, files: ImportFile[], actor?: AuditActor): Promise<ImportOutcome[]> {
  const plan = planImport(files);
  const written = await importKnowledgeArticles(
    db,
    plan.flatMap((step) => (step.article ? [step.article] : [])),
    actor,
  );
  let next = 0;
  return plan.map((step) => step.skipped ?? written[next++]);
}
