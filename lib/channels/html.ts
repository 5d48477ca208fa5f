/** HTML email bodies as plain text, and removal of the quote and signature containers mail clients add. */

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  copy: "©",
  reg: "®",
  trade: "™",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  bull: "•",
  middot: "·",
  deg: "°",
  times: "×",
  divide: "÷",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  sect: "§",
  para: "¶",
  iexcl: "¡",
  iquest: "¿",
  agrave: "à",
  aacute: "á",
  acirc: "â",
  atilde: "ã",
  auml: "ä",
  aring: "å",
  aelig: "æ",
  ccedil: "ç",
  egrave: "è",
  eacute: "é",
  ecirc: "ê",
  euml: "ë",
  igrave: "ì",
  iacute: "í",
  icirc: "î",
  iuml: "ï",
  ntilde: "ñ",
  ograve: "ò",
  oacute: "ó",
  ocirc: "ô",
  otilde: "õ",
  ouml: "ö",
  oslash: "ø",
  ugrave: "ù",
  uacute: "ú",
  ucirc: "û",
  uuml: "ü",
  yacute: "ý",
  yuml: "ÿ",
  szlig: "ß",
  Agrave: "À",
  Aacute: "Á",
  Auml: "Ä",
  Ccedil: "Ç",
  Egrave: "È",
  Eacute: "É",
  Ecirc: "Ê",
  Ntilde: "Ñ",
  Ouml: "Ö",
  Uuml: "Ü",
  zwnj: "",
  zwj: "",
  shy: "",
};

/** Outlook writes Windows-1252 code points as numeric entities (&#146; for ’); browsers show them as 1252. */
const WINDOWS_1252: Record<number, string> = {
  128: "€",
  130: "‚",
  132: "„",
  133: "…",
  139: "‹",
  145: "‘",
  146: "’",
  147: "“",
  148: "”",
  149: "•",
  150: "–",
  151: "—",
  153: "™",
  155: "›",
};

/** Decodes named, decimal and hex entities. Unknown or invalid ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z][a-zA-Z0-9]*);/g, (whole, name: string) => {
    if (!name.startsWith("#")) return NAMED_ENTITIES[name] ?? whole;
    const code = /^#[xX]/.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (WINDOWS_1252[code]) return WINDOWS_1252[code];
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : whole;
  });
}

/** One tag with quoted attribute values that may contain ">". */
const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;
const TOKEN = /<(\/?)([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|[^<]+|</g;

/** An attribute's decoded value, or null. */
export function attribute(attrs: string, name: string): string | null {
  const m = attrs.match(new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i"));
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? "") : null;
}

/** Comments (Outlook's conditional ones hold whole stylesheets) and elements whose content is never text. */
function stripInvisible(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, "").replace(/<(script|style|head|title|xml)\b[\s\S]*?<\/\1\s*>/gi, "");
}

const LINE_BLOCKS = new Set(
  "div tr table thead tbody tfoot ul ol dl dt dd section article header footer nav aside main blockquote center address figure figcaption form fieldset caption hr".split(
    " ",
  ),
);
const PARAGRAPH_BLOCKS = new Set("p h1 h2 h3 h4 h5 h6 pre".split(" "));

/** "https://www.acme.example/" and "acme.example" are the same link text; mailto: and tel: too. */
function comparableLink(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^(mailto|tel|sms):/, "")
    .replace(/\?.*$/, "")
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}

/**
 * Plain text from an HTML body: block elements become line breaks (paragraphs leave a blank line), list items
 * start with "- ", links read "text (url)" when the text is not the url, entities are decoded.
 */
export function htmlToText(html: string): string {
  // Written as parts, not one growing string: endsWith() on a concatenated string flattens it every time.
  const parts: string[] = [];
  let tail = ""; // the last two characters written: enough to know where a line or paragraph ends
  let preDepth = 0;
  let listDepth = 0;
  const links: { href: string | null; start: number }[] = [];

  const write = (text: string) => {
    if (!text) return;
    parts.push(text);
    tail = (tail + text).slice(-2);
  };
  const atLineStart = () => parts.length === 0 || tail.endsWith("\n");
  const lineBreak = () => {
    if (!atLineStart()) write("\n");
  };
  const paragraphBreak = () => {
    lineBreak();
    if (parts.length && !tail.endsWith("\n\n")) write("\n");
  };
  const addText = (raw: string) => {
    let text = preDepth > 0 ? raw : raw.replace(/[ \t\n\r\f]+/g, " ");
    text = decodeEntities(text).replace(/\u00a0/g, " ");
    if (preDepth === 0 && (atLineStart() || tail.endsWith(" "))) text = text.replace(/^ +/, "");
    write(text);
  };

  for (const token of stripInvisible(html).matchAll(TOKEN)) {
    const [whole, closing, rawName, attrs = ""] = token;
    if (!rawName) {
      addText(whole);
      continue;
    }
    const name = rawName.toLowerCase();
    if (name === "br") write("\n");
    else if (name === "li") {
      lineBreak();
      if (!closing) write(`${"  ".repeat(Math.max(0, listDepth - 1))}- `);
    } else if (name === "ul" || name === "ol") {
      listDepth = Math.max(0, listDepth + (closing ? -1 : 1));
      lineBreak();
    } else if (name === "td" || name === "th") {
      if (closing && !atLineStart() && !tail.endsWith(" ")) write(" ");
    } else if (name === "a") {
      if (!closing) links.push({ href: attribute(attrs, "href"), start: parts.length });
      else {
        const link = links.pop();
        const label = link ? parts.slice(link.start).join("").trim() : "";
        const href = link?.href?.trim();
        const linkable = href && !/^(#|javascript:)/i.test(href);
        // Image-only links (logos) add nothing; a link whose text is its address is written once.
        if (linkable && label && comparableLink(label) !== comparableLink(href)) write(` (${href})`);
      }
    } else if (name === "img") {
      // Gmail and Outlook draw emoji as images whose alt text is the emoji itself.
      const alt = attribute(attrs, "data-emoji") ?? attribute(attrs, "alt") ?? "";
      if (alt && alt.length <= 8 && !/[a-z0-9]/i.test(alt)) write(alt);
    } else if (PARAGRAPH_BLOCKS.has(name)) {
      if (name === "pre") preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
      paragraphBreak();
    } else if (LINE_BLOCKS.has(name)) lineBreak();
  }
  return tidyText(parts.join(""));
}

/** Trailing spaces off every line, at most one blank line in a row, no zero-width characters. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200b\u200c\u200d\u2060\ufeff]/g, "")
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** What to do with an element: drop it alone, or drop it and everything after it (Outlook's reply header). */
type Cut = "element" | "rest" | null;

/**
 * Removes the elements `classify` picks, with their content. `keep` can spare one after a look at its text
 * and the text before it. Returns the HTML without them and whether any removed part had visible text.
 */
function cutElements(
  html: string,
  classify: (name: string, attrs: string) => Cut,
  keep: (inner: string, before: () => string) => boolean = () => false,
): { html: string; removed: boolean } {
  const source = stripInvisible(html);
  const kept: string[] = [];
  let recent = ""; // the end of what is kept so far: `keep` only needs the last line before an element
  const push = (piece: string) => {
    kept.push(piece);
    recent = (recent + piece).slice(-1000);
  };
  let removed = false;
  let cursor = 0;
  const tags = new RegExp(TAG.source, "g");
  for (let m = tags.exec(source); m; m = tags.exec(source)) {
    const cut = m[1] ? null : classify(m[2].toLowerCase(), m[3] ?? "");
    if (!cut) continue;
    const end = cut === "rest" ? source.length : closingEnd(source, m[2].toLowerCase(), m.index + m[0].length);
    const innerText = htmlToText(source.slice(m.index, end));
    push(source.slice(cursor, m.index));
    if (keep(innerText, () => htmlToText(recent))) push(source.slice(m.index, end));
    else if (innerText) removed = true;
    cursor = end;
    tags.lastIndex = end;
  }
  push(source.slice(cursor));
  return { html: kept.join(""), removed };
}

/** Index just past the tag closing the element opened before `from`; the end of the HTML when unclosed. */
function closingEnd(html: string, name: string, from: number): number {
  const tags = new RegExp(TAG.source, "g");
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    if (m[2].toLowerCase() !== name) continue;
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return html.length;
}

function hasClass(attrs: string, pattern: RegExp): boolean {
  return (attribute(attrs, "class") ?? "").split(/\s+/).some((c) => pattern.test(c));
}

const QUOTE_CLASS = /^(gmail_quote|gmail_quote_container|yahoo_quoted|moz-cite-prefix|protonmail_quote)$/i;
/** Outlook puts the previous message after these markers without wrapping it, so everything after goes. */
const REPLY_HEADER_ID = /^(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)$/i;
const FORWARD_MARKER =
  /(forwarded message|begin forwarded message|message transféré|weitergeleitete nachricht|mensaje reenviado)/i;

/**
 * Removes quoted history containers: <blockquote>, Gmail/Yahoo/Thunderbird/Proton quote divs, and Outlook's
 * reply header with all that follows. A forwarded message is the customer's content, so it stays.
 */
export function removeQuoteContainers(html: string): { html: string; removed: boolean } {
  return cutElements(
    html,
    (name, attrs) => {
      if (REPLY_HEADER_ID.test(attribute(attrs, "id") ?? "")) return "rest";
      if (name === "blockquote" || hasClass(attrs, QUOTE_CLASS)) return "element";
      return null;
    },
    (inner, before) =>
      FORWARD_MARKER.test(inner.split("\n")[0]) || FORWARD_MARKER.test(before().split("\n").pop() ?? ""),
  );
}

const SIGNATURE_CLASS = /^(gmail_signature|gmail_signature_prefix|moz-signature)$/i;
const SIGNATURE_ID = /^(signature|ms-outlook-mobile-signature|AppleMailSignature)$/i;

/** Removes the signature blocks Gmail, Outlook, Apple Mail and Thunderbird mark as such. */
export function removeSignatureContainers(html: string): { html: string; removed: boolean } {
  return cutElements(html, (_name, attrs) =>
    hasClass(attrs, SIGNATURE_CLASS) || SIGNATURE_ID.test(attribute(attrs, "id") ?? "") ? "element" : null,
  );
}
