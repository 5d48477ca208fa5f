/**
 * Knowledge articles are searched in chunks, so a long article answers with the passage that matches instead of
 * its first paragraphs. Chunks follow paragraph boundaries and carry the heading they sit under.
 */
export interface Chunk {
  position: number;
  heading: string | null;
  content: string;
}

const TARGET_CHARS = 700;
const MAX_CHARS = 1_200;

/** Splits an article body (Markdown or plain text) into ordered chunks of about TARGET_CHARS characters. */
export function chunkArticle(body: string): Chunk[] {
  const blocks = body
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean);
  const chunks: Chunk[] = [];
  let heading: string | null = null;
  let current: string[] = [];
  const flush = () => {
    if (current.length === 0) return;
    chunks.push({ position: chunks.length, heading, content: current.join("\n\n") });
    current = [];
  };
  for (const block of blocks) {
    const headingMatch = /^#{1,6}\s+(.+)$/.exec(block.split("\n")[0]);
    if (headingMatch) {
      flush();
      heading = headingMatch[1].trim();
      const rest = block.split("\n").slice(1).join("\n").trim();
      if (rest) current.push(rest);
      continue;
    }
    for (const piece of splitLong(block)) {
      if (current.length > 0 && current.join("\n\n").length + piece.length > TARGET_CHARS) flush();
      current.push(piece);
    }
  }
  flush();
  return chunks;
}

/** The chunks an article body is stored as; an article with no text still gets one, so its title can be found. */
export function storedChunks(body: string): Chunk[] {
  const chunks = chunkArticle(body);
  return chunks.length > 0 ? chunks : [{ position: 0, heading: null, content: body.trim() }];
}

/** A paragraph longer than MAX_CHARS is cut at sentence ends. */
function splitLong(block: string): string[] {
  if (block.length <= MAX_CHARS) return [block];
  const sentences = block.match(/[^.!?]+[.!?]+(\s+|$)|[^.!?]+$/g) ?? [block];
  const pieces: string[] = [];
  let piece = "";
  for (const sentence of sentences) {
    if (piece && piece.length + sentence.length > TARGET_CHARS) {
      pieces.push(piece.trim());
      piece = "";
    }
    piece += sentence;
  }
  if (piece.trim()) pieces.push(piece.trim());
  return pieces.flatMap((part) =>
    part.length > MAX_CHARS ? (part.match(new RegExp(`.{1,${MAX_CHARS}}`, "gs")) ?? []) : [part],
  );
}

/** A Markdown file as an article: the title from front matter, the first "# " heading, or the file name. */
export function articleFromMarkdown(fileName: string, markdown: string): { title: string; body: string } {
  let text = markdown.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  let title: string | null = null;
  const frontMatter = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (frontMatter) {
    title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(frontMatter[1])?.[1] ?? null;
    text = text.slice(frontMatter[0].length);
  }
  const heading = /^#\s+(.+)$/m.exec(text);
  if (!title && heading) {
    title = heading[1].trim();
    text = text.replace(heading[0], "");
  }
  title ??= fileName
    .replace(/\.(md|markdown)$/i, "")
    .replace(/[-_]+/g, " ")
    .replace(/^\w/, (letter) => letter.toUpperCase());
  return { title: title.trim(), body: text.trim() };
}
