// Settings → Knowledge → Import Markdown: many .md files at once, each created, updated (same title), left
// unchanged or skipped with a reason.
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { importMarkdownFiles } from "@/lib/knowledge/import";
import { importRequestSchema, isMarkdownFileName } from "@/lib/knowledge/validation";

export const dynamic = "force-dynamic";

export const POST = route({ role: "admin", body: importRequestSchema }, async ({ user, body: { files } }) => {
  // The page leaves other files out of a folder before sending it; one that arrives anyway is a mistake to report.
  const notMarkdown = files.filter((file) => !isMarkdownFileName(file.name)).map((file) => file.name);
  if (notMarkdown.length > 0) {
    throw new ApiError(
      422,
      "not_markdown",
      `Only Markdown files (.md or .markdown) can be imported; ${notMarkdown.join(", ")} ${notMarkdown.length === 1 ? "is" : "are"} not.`,
    );
  }
  return { outcomes: await importMarkdownFiles(await getDb(), files, actorOf(user)) };
});
