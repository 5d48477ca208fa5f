// Where browsers send Content-Security-Policy violation reports (report-uri and report-to, lib/security/csp.ts).
// Public, as browsers send them without asking: nothing is stored, one capped log line per violation. Written
// without route(), like the webhook: it caps the raw body before parsing it.
import { createReportLimiter, describeViolation, MAX_REPORT_BYTES, parseCspReport } from "@/lib/security/csp-report";

export const dynamic = "force-dynamic";

const limiter = createReportLimiter();
const TOO_LARGE = `A CSP report is at most ${MAX_REPORT_BYTES / 1024} KB.`;

function refuse(status: 400 | 413, message: string): Response {
  return Response.json({ error: { code: status === 413 ? "too_large" : "invalid_report", message } }, { status });
}

export async function POST(request: Request) {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_REPORT_BYTES) return refuse(413, TOO_LARGE);
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_REPORT_BYTES) return refuse(413, TOO_LARGE);
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
