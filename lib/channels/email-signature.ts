/** Signatures at the end of a plain-text email: "-- " blocks, "Sent from my iPhone" and sign-offs. */

/** The RFC 3676 delimiter "-- " (mail clients and editors sometimes drop the trailing space). */
const DELIMITER = /^--\s*$/;

/**
 * Footers phones and mail apps append. Outlook's may carry its link: "Get Outlook for iOS<https://aka.ms/…>".
 * Device and app names are listed so "Sent from the warehouse on Monday" stays.
 */
const APP_FOOTER =
  /^(sent from (my )?(iphone|ipad|ipod|android|samsung|galaxy|huawei|pixel|blackberry|mobile|phone|smartphone|tablet|cell|outlook|mail for windows|windows mail|yahoo mail|aol|gmail|proton ?mail|the \w+ app|\S+ (mobile|phone|device|smartphone|tablet))\b|sent (with|via) (proton ?mail|spark|superhuman|blackberry|the \w+ app)\b|get outlook for (ios|android)\b|envoy[ée] (de|depuis) mon \S|von meinem \S.*gesendet|enviado desde mi \S|enviado do meu \S|inviato da(l mio)? (iphone|ipad|android|\S+ mobile)|verzonden vanaf mijn \S)/i;

const SIGN_OFF =
  "(?:best(?: regards| wishes)?|kind(?:est)? regards|warm(?:est)? regards|regards|many thanks|thanks(?: again| so much| a lot| in advance)?|thank you(?: so much| very much| in advance)?|thx|cheers|sincerely|yours(?: truly| sincerely)?|all the best|take care|cordialement|bien (?:à|a) vous|merci(?: beaucoup)?|mit freundlichen gr(?:ü|ue)(?:ß|ss)en|viele gr(?:ü|ue)(?:ß|ss)e|liebe gr(?:ü|ue)(?:ß|ss)e|beste gr(?:ü|ue)(?:ß|ss)e|gr(?:ü|ue)(?:ß|ss)e|mfg|saludos(?: cordiales)?|un saludo|atentamente|atenciosamente|cumprimentos|cordiali saluti|met vriendelijke groet(?:en)?|groeten)";

/** "Best regards," alone on its line. */
const SIGN_OFF_LINE = new RegExp(`^${SIGN_OFF}\\s*[,.!-]*$`, "iu");
/** "Thanks, Sam" or "Cheers - Sam Lee": the sign-off and the name on one line. */
const SIGN_OFF_THEN_WORDS = new RegExp(`^${SIGN_OFF}\\s*[,!-]+\\s*(.+)$`, "iu");
const NAME = /^\p{Lu}[\p{L}'.-]*(?: \p{Lu}[\p{L}'.-]*)?$/u;

function isSignOffWithName(line: string): boolean {
  const words = line.match(SIGN_OFF_THEN_WORDS)?.[1];
  return Boolean(words && NAME.test(words));
}

/** A line that can belong to a signature: a name, a title, a company, a phone number or a link. */
function isShortLine(line: string): boolean {
  return line.length <= 60 && !line.endsWith("?") && line.split(/\s+/).length <= 8;
}

/** Non-blank lines after `index`. */
function linesAfter(lines: string[], index: number): string[] {
  return lines
    .slice(index + 1)
    .map((line) => line.trim())
    .filter(Boolean);
}

function trimTrailingBlank(lines: string[]): string[] {
  const out = [...lines];
  while (out.length && !out[out.length - 1].trim()) out.pop();
  return out;
}

/** The line index where the signature starts, or -1. */
function signatureStart(lines: string[]): number {
  const delimiter = lines.findIndex((line) => DELIMITER.test(line));
  if (delimiter >= 0) return delimiter;

  const footer = lines.findIndex(
    (line, i) => line.trim().length <= 100 && APP_FOOTER.test(line.trim()) && linesAfter(lines, i).length <= 4,
  );
  if (footer >= 0) return footer;

  // Walk up through the short lines at the end; the highest sign-off among them starts the signature.
  let start = -1;
  let shortLines = 0;
  for (let i = lines.length - 1; i >= 0 && shortLines <= 5; i--) {
    const line = lines[i].trim();
    if (!line) continue;
    const after = linesAfter(lines, i).length;
    if (SIGN_OFF_LINE.test(line) && after >= 1 && after <= 4) start = i;
    else if (isSignOffWithName(line) && after <= 4) start = i;
    if (!isShortLine(line)) break;
    shortLines++;
  }
  return start;
}

/** Drops the signature at the end of an email. Text without one comes back unchanged. */
export function stripSignature(text: string): { text: string; removed: boolean } {
  let lines = trimTrailingBlank(text.replace(/\r\n?/g, "\n").split("\n"));
  let removed = false;
  // Twice: "Best regards,\nSam\n\nSent from my iPhone" loses the footer, then the sign-off.
  for (let pass = 0; pass < 2; pass++) {
    const start = signatureStart(lines);
    if (start < 0) break;
    lines = trimTrailingBlank(lines.slice(0, start));
    removed = true;
  }
  return { text: lines.join("\n").trim(), removed };
}
