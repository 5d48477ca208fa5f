// The Content-Security-Policy. Pages get a fresh nonce per request from proxy.ts: their scripts run only when
// they carry it ('strict-dynamic' then trusts what those scripts load, i.e. Next's chunks), so an injected inline
// script or event handler never runs. No page needs 'unsafe-inline' for scripts. Answers the proxy does not see
// (the API, Next's static files, the proxy's own redirects) get next.config.mjs's copy without a nonce: no script
// may run in them at all beyond this origin's files.
//
// Violations are reported to POST /api/csp-report and logged there, so a page the policy breaks is noticed.
//
// Styles keep 'unsafe-inline': React writes `style` attributes (chart sizes, progress bars) and the chart library
// sets inline styles, and a nonce in style-src would make browsers ignore 'unsafe-inline'. Inline CSS cannot run code.

import { CSP_REPORT_GROUP, CSP_REPORT_PATH } from "./csp-report";

/** The request header proxy.ts hands the nonce to the app in (Next itself reads it from the CSP request header). */
export const NONCE_HEADER = "x-nonce";

export interface PolicyOptions {
  /** Present for a page: its scripts must carry it. Absent: only this origin's script files (no inline script). */
  nonce?: string;
  /** `next dev` only: React rebuilds server error stacks in the browser with eval. Never in production. */
  dev?: boolean;
}

export function contentSecurityPolicy({ nonce, dev = false }: PolicyOptions = {}): string {
  const scripts = nonce ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"] : ["'self'"];
  if (dev) scripts.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Violations go to POST /api/csp-report (lib/security/csp-report.ts): report-to where the browser has the
    // Reporting API (next.config.mjs names the endpoint), report-uri where it does not.
    `report-uri ${CSP_REPORT_PATH}`,
    `report-to ${CSP_REPORT_GROUP}`,
  ].join("; ");
}

/** 128 random bits, base64: unguessable and new for every page answer. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The script-src directive's sources, e.g. to check that a policy allows no inline script. */
export function scriptSources(policy: string): string[] {
  const directive = policy
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("script-src "));
  return directive ? directive.split(/\s+/).slice(1) : [];
}
