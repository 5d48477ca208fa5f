// Settings → Knowledge → Import Markdown: many .md files at once, each created, updated (same title), left
// unchanged or skipped with a reason.
import { ApiError, errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/knowledge/api";
import { importMarkdownFiles } from "@/lib/knowledge/import";
import { importRequestSchema, isMarkdownFileName } from "@/lib/knowledge/validation";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const user = await requireAdmin();
    const { files } = importRequestSchema.parse(await readJsonBody(request));
    // The page leaves other files out of a folder before sending it; one that arrives anyway is a mistake to report.
    const notMarkdown = files.filter((file) => !isMarkdownFileName(file.name)).map((file) => file.name);
    if (notMarkdown.length > 0) {
      throw new ApiError(422, "not_markdown", `Only Markdown files (.md or .markdown) can be imported; ${notMarkdown.join(", ")} ${notMarkdown.length === 1 ? "is" : "are"} not.`);
    }
    return Response.json({ outcomes: await importMarkdownFiles(await getDb(), files, actorOf(user)) });
  } catch (error) {
    return errorResponse(error);
  }
}
