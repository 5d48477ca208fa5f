/** CSV (RFC 4180) for the report tables: what "Download CSV" saves. */

export type CsvValue = string | number | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field: quoted when it holds a comma, a quote or a line break (quotes doubled). Text that a spreadsheet
 * would run as a formula ("=HYPERLINK(…)") is prefixed with an apostrophe; numbers are written as they are.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row then the data rows, CRLF-separated with a final CRLF. */
export function toCsv(header: readonly CsvValue[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Splits CSV text back into rows of fields (quoted fields, doubled quotes, CRLF or LF); for tests and checks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let index = 0; index < input.length; index += 1) {
    const char = input[index];
    if (quoted) {
      if (char === '"' && input[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && input[index + 1] === "\n") index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** "Phone" → "phone", "Web chat" → "web-chat". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** `frontline-outcomes-2026-11-01-to-2026-11-07.csv`, with the channel when the report is filtered to one. */
export function csvFilename(dataset: string, range: { from: string; to: string }, channelName?: string | null): string {
  const parts = ["frontline", slug(dataset), channelName ? slug(channelName) : null, range.from, "to", range.to].filter(
    Boolean,
  );
  return `${parts.join("-")}.csv`;
}
