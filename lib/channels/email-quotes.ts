/** Quoted history in a plain-text email: attribution lines, reply header blocks and ">" lines. */

/** "On <date>, <name> wrote:" in the languages our customers write in. Gmail may wrap it over two lines. */
const ATTRIBUTION = [
  /^on\b.{1,200}\bwrote\s*:?$/i,
  /^le\b.{1,200}\ba [ée]crit\s*:?$/i,
  /^am\b.{1,200}\bschrieb\b.{0,120}:$/i,
  /^.{1,120}\bschrieb am\b.{1,80}:$/i,
  /^el\b.{1,200}\bescribi[óo]\s*:?$/i,
  /^em\b.{1,200}\bescreveu\s*:?$/i,
  /^il\b.{1,200}\bha scritto\s*:?$/i,
  /^op\b.{1,200}\bschreef\b.{0,120}:$/i,
  /^.{1,120}<[^<>\s]+@[^<>\s]+>\s+wrote:$/i,
];

/** Outlook's reply header: "From: …" followed within a few lines by "Sent:"/"Date:" and "To:"/"Subject:". */
const HEADER_FROM = /^\*?(from|de|von|van|da|från|fra)\s*\*?\s*:\s*\S/i;
const HEADER_DATE = /^\*?(sent|date|envoyé|gesendet|datum|enviado|fecha|data|verzonden|skickat|sendt)\s*\*?\s*:/i;
const HEADER_TO =
  /^\*?(to|à|a|an|aan|para|till|til|subject|objet|betreff|asunto|assunto|oggetto|onderwerp|ämne|emne)\s*\*?\s*:/i;

/** "-----Original Message-----" and its translations: everything after is the previous message. */
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|mensagem original|oorspronkelijk bericht)\s*-{2,}$/i;

/** A forwarded message is the customer's content, so its header block is not a reply header. */
const FORWARD_MARKER =
  /^(-{2,}\s*)?(forwarded message|begin forwarded message|message transféré|weitergeleitete nachricht|mensaje reenviado)\b/i;

/** Separator lines left dangling once the history below them is gone. */
const SEPARATOR = /^([_=*~-])\1{4,}$/;

function isAttribution(line: string): boolean {
  return line.length <= 300 && ATTRIBUTION.some((pattern) => pattern.test(line));
}

function isHeaderBlock(lines: string[], index: number): boolean {
  if (!HEADER_FROM.test(lines[index])) return false;
  const next = lines.slice(index + 1, index + 7).map((line) => line.trim());
  return next.some((line) => HEADER_DATE.test(line)) && next.some((line) => HEADER_TO.test(line));
}

/** The index of the previous non-blank line, or -1. */
function previousText(lines: string[], index: number): number {
  for (let i = index - 1; i >= 0; i--) if (lines[i].trim()) return i;
  return -1;
}

function nextText(lines: string[], index: number): number {
  for (let i = index; i < lines.length; i++) if (lines[i].trim()) return i;
  return -1;
}

/**
 * Drops quoted history: an attribution line with what follows it (only the ">" lines when the customer wrote
 * below the quote), reply header blocks and "Original Message" markers with everything after, and ">" lines.
 */
export function stripQuotedHistory(text: string): { text: string; removed: boolean } {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let kept: string[] = [];
  let removed = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const next = lines[i + 1]?.trim() ?? "";
    // A wrapped attribution ("… Acme Support <" / "support@acme.example> wrote:"), never a finished sentence.
    const wrapped = next && !/[.!?]$/.test(line) && !line.startsWith(">") && !isAttribution(next);
    const attributionLines = isAttribution(line) ? 1 : wrapped && isAttribution(`${line} ${next}`) ? 2 : 0;
    if (attributionLines) {
      removed = true;
      const after = nextText(lines, i + attributionLines);
      // Quoted with ">" below: drop only the attribution, the customer may have answered underneath.
      if (after >= 0 && lines[after].trim().startsWith(">")) {
        i += attributionLines - 1;
        continue;
      }
      break;
    }
    const forwarded = FORWARD_MARKER.test(lines[previousText(lines, i)]?.trim() ?? "");
    if (ORIGINAL_MESSAGE.test(line) || (!forwarded && isHeaderBlock(lines, i))) {
      removed = true;
      break;
    }
    kept.push(lines[i]);
  }

  const unquoted = kept.filter((line) => !line.trim().startsWith(">"));
  if (unquoted.length !== kept.length) removed = true;
  kept = unquoted;
  while (kept.length && (!kept[kept.length - 1].trim() || SEPARATOR.test(kept[kept.length - 1].trim()))) kept.pop();
  return { text: kept.join("\n").trim(), removed };
}
