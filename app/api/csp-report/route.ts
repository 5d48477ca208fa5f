// Where browsers send Content-Security-Policy violation reports (report-uri and report-to, lib/security/csp.ts).
// Public, as browsers send them without asking: nothing is stored, one capped log line per violation. Written
// without route(), like the webhook: it reads the raw body only up to 16 KB before parsing it.
import { BodyTimeoutError, BodyTooLargeError, readBody } from "@/lib/api/read-body";
import { createReportLimiter, describeViolation, MAX_REPORT_BYTES, parseCspReport } from "@/lib/security/csp-report";

export const dynamic = "force-dynamic";

const limiter = createReportLimiter();
const TOO_LARGE = `A CSP report is at most ${MAX_REPORT_BYTES / 1024} KB.`;

function refuse(status: 400 | 413, message: string): Response {
  return Response.json({ error: { code: status === 413 ? "too_large" : "invalid_report", message } }, { status });
}

export async function POST(request: Request) {
  let raw: string;
  try {
    raw = (await readBody(request, { maxBytes: MAX_REPORT_BYTES, timeoutMs: 5_000 })).toString("utf8");
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refuse(413, TOO_LARGE);
    if (error instanceof BodyTimeoutError) return refuse(400, "The report took too long to send.");
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return refuse(400, "The body is not valid JSON.");
  }
  const violations = parseCspReport(body);
  if (!violations) return refuse(400, "The body is not a CSP violation report.");
  for (const violation of violations) {
    const { log, flushed } = limiter.take();
    if (flushed > 0) console.warn(`[csp] ${flushed} more violation report(s) in the last minute were not logged`);
    if (log) console.warn(describeViolation(violation));
  }
  return new Response(null, { status: 204 });
}
