import { Fragment, type ReactNode } from "react";

// The Markdown Frontline itself writes into Front comments (lib/pipeline/handoff-comment.ts): paragraphs, line
// breaks, **bold**, *italic*, `code` and [links](https://…). Everything else stays plain text. The output is React
// elements, so React escapes every character; only http(s) and same-site links become links.

const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*([^*\s](?:[^*]*[^*\s])?)\*/g;

function safeHref(href: string): string | null {
  if (href.startsWith("/") && !href.startsWith("//")) return href;
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

function inline(text: string, keyPrefix: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const [whole, bold, code, linkText, href, italic] = match;
    const key = `${keyPrefix}-${match.index}`;
    if (match.index > last) nodes.push(text.slice(last, match.index));
    if (bold !== undefined) nodes.push(<strong key={key}>{inline(bold, key)}</strong>);
    else if (code !== undefined) nodes.push(<code key={key}>{code}</code>);
    else if (linkText !== undefined) {
      const safe = safeHref(href);
      nodes.push(
        safe ? (
          <a key={key} href={safe} target="_blank" rel="noreferrer noopener">
            {inline(linkText, key)}
          </a>
        ) : (
          whole
        ),
      );
    } else nodes.push(<em key={key}>{inline(italic, key)}</em>);
    last = match.index + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/** Paragraphs split on blank lines; single newlines are line breaks. */
export function Markdown({ source }: { source: string }) {
  const paragraphs = source
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== "");
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        <p key={index}>
          {paragraph.split("\n").map((line, lineIndex) => (
            <Fragment key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {inline(line, `${index}-${lineIndex}`)}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}
