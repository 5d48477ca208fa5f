// Content-Security-Policy violation reports (POST /api/csp-report): a blocked script on a page means either an
// attack that the policy stopped or a page the policy breaks, and both are for the on-call engineer to see. Browsers
// send two formats: `report-uri`'s `{"csp-report": {...}}` (application/csp-report) and the Reporting API's
// `[{"type": "csp-violation", "body": {...}}]` (application/reports+json, from `report-to`).

export const CSP_REPORT_PATH = "/api/csp-report";
/** The Reporting-Endpoints group name `report-to` refers to. */
export const CSP_REPORT_GROUP = "csp-endpoint";
/** A report is small; anything bigger is not one. */
export const MAX_REPORT_BYTES = 16 * 1024;

export interface CspViolation {
  directive: string;
  blocked: string;
  page: string;
  source: string | null;
  line: number | null;
  disposition: string;
}

type Fields = Record<string, unknown>;

/**
 * A field as it may be logged: anyone can post a report, so no control character (a forged second log line) and no
 * query string (a URL's query may carry a search or an id); at most `max` characters.
 */
function text(value: unknown, max = 300): string | null {
  if (typeof value !== "string") return null;
  const clean = value
    .replace(/\p{Cc}/gu, " ")
    .split(/[?#]/)[0]!
    .trim();
  return clean ? clean.slice(0, max) : null;
}
const whole = (value: unknown): number | null => (typeof value === "number" && Number.isInteger(value) ? value : null);

/** One report's fields, whichever format (kebab-case in report-uri's, camelCase in the Reporting API's). */
function violationOf(fields: Fields, pick: (kebab: string, camel: string) => unknown): CspViolation | null {
  const directive =
    text(pick("effective-directive", "effectiveDirective")) ?? text(pick("violated-directive", "violatedDirective"));
  const page = text(pick("document-uri", "documentURL"));
  if (!directive || !page) return null;
  return {
    directive,
    blocked: text(pick("blocked-uri", "blockedURL")) ?? "inline",
    page,
    source: text(pick("source-file", "sourceFile")),
    line: whole(pick("line-number", "lineNumber")),
    disposition: text(pick("disposition", "disposition"), 20) ?? "enforce",
  };
}

/** The violations in a report body, or null when the body is not a CSP report in either format. */
export function parseCspReport(body: unknown): CspViolation[] | null {
  if (Array.isArray(body)) {
    const violations = body
      .filter(
        (report): report is { type: string; body: Fields } =>
          typeof report === "object" &&
          report !== null &&
          report.type === "csp-violation" &&
          typeof report.body === "object" &&
          report.body !== null,
      )
      .map((report) => violationOf(report.body, (_kebab, camel) => report.body[camel]))
      .filter((violation): violation is CspViolation => violation !== null);
    return violations.length > 0 ? violations : null;
  }
  const inner = typeof body === "object" && body !== null ? (body as Fields)["csp-report"] : undefined;
  if (typeof inner !== "object" || inner === null) return null;
  const violation = violationOf(inner as Fields, (kebab) => (inner as Fields)[kebab]);
  return violation ? [violation] : null;
}

/** One log line per violation (its fields already cleaned by text()). */
export function describeViolation(violation: CspViolation): string {
  const where = violation.source ? ` in ${violation.source}${violation.line ? `:${violation.line}` : ""}` : "";
  return `[csp] ${violation.disposition === "report" ? "would block" : "blocked"} ${violation.blocked} (${violation.directive}) on ${violation.page}${where}`;
}

/**
 * At most `max` lines a minute per process: anyone can post reports, and a flood must not fill the disk. What is
 * left out is counted and said once the minute is over.
 */
export function createReportLimiter(max = 60, windowMs = 60_000, now = () => Date.now()) {
  let windowStart = now();
  let logged = 0;
  let dropped = 0;
  return {
    /** Whether to log this one; `flushed` is the count dropped in the window that just ended, to say so. */
    take(): { log: boolean; flushed: number } {
      let flushed = 0;
      if (now() - windowStart >= windowMs) {
        flushed = dropped;
        windowStart = now();
        logged = 0;
        dropped = 0;
      }
      if (logged < max) {
        logged += 1;
        return { log: true, flushed };
      }
      dropped += 1;
      return { log: false, flushed };
    },
  };
}
