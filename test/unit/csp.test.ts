import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { contentSecurityPolicy, newNonce, NONCE_HEADER, scriptSources } from "@/lib/security/csp";

const SIGNED_IN = { cookie: "frontline.session_token=anything" };

/** What the proxy lets through: the answer's CSP, and the request headers the page is rendered with. */
function pageRequest(path: string, headers: Record<string, string> = SIGNED_IN) {
  const response = proxy(new NextRequest(`http://localhost:3000${path}`, { headers }));
  const overridden = response.headers.get("x-middleware-override-headers")?.split(",") ?? [];
  const requestHeader = (name: string) =>
    overridden.includes(name) ? response.headers.get(`x-middleware-request-${name}`) : null;
  return { response, csp: response.headers.get("content-security-policy"), requestHeader };
}

function nonceOf(policy: string | null): string | undefined {
  return scriptSources(policy ?? "")
    .map((source) => /^'nonce-(.+)'$/.exec(source)?.[1])
    .find(Boolean);
}

describe("Content-Security-Policy", () => {
  it("a page's scripts need its nonce: no 'unsafe-inline', no eval in production", () => {
    const sources = scriptSources(contentSecurityPolicy({ nonce: "abc123==" }));
    expect(sources).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(sources).not.toContain("'unsafe-inline'");
    expect(sources).not.toContain("'unsafe-eval'");
  });

  it("eval only in development", () => {
    expect(scriptSources(contentSecurityPolicy({ nonce: "n", dev: true }))).toContain("'unsafe-eval'");
    expect(scriptSources(contentSecurityPolicy({ dev: true }))).toEqual(["'self'", "'unsafe-eval'"]);
  });

  it("keeps the rest locked down: no framing, no plugins, no foreign base or form target", () => {
    const policy = contentSecurityPolicy({ nonce: "n" });
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "connect-src 'self'",
    ]) {
      expect(policy).toContain(directive);
    }
  });

  it("sends violations to /api/csp-report, by report-to where the browser has the Reporting API and report-uri elsewhere", async () => {
    for (const policy of [contentSecurityPolicy({ nonce: "n" }), contentSecurityPolicy()]) {
      expect(policy).toContain("report-uri /api/csp-report");
      expect(policy).toContain("report-to csp-endpoint");
    }
    const configFile: string = "@/next.config.mjs";
    const { SECURITY_HEADERS } = (await import(configFile)) as { SECURITY_HEADERS: { key: string; value: string }[] };
    expect(SECURITY_HEADERS.find((entry) => entry.key === "Reporting-Endpoints")?.value).toBe(
      'csp-endpoint="/api/csp-report"',
    );
  });

  it("nonces are 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, newNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("next.config.mjs sends the same policy without a nonce (API answers, static files, redirects)", async () => {
    const configFile: string = "@/next.config.mjs"; // plain JavaScript: no types to check
    const { SECURITY_HEADERS } = (await import(configFile)) as { SECURITY_HEADERS: { key: string; value: string }[] };
    const header = SECURITY_HEADERS.find((entry) => entry.key === "Content-Security-Policy");
    expect(header?.value).toBe(contentSecurityPolicy({ dev: process.env.NODE_ENV !== "production" }));
    expect(scriptSources(header!.value)).not.toContain("'unsafe-inline'");
  });
});

describe("proxy.ts", () => {
  it("gives every page request a fresh nonce, on the answer and to the renderer", () => {
    const first = pageRequest("/inbox");
    const second = pageRequest("/inbox");
    const firstNonce = nonceOf(first.csp);
    expect(firstNonce).toBeTruthy();
    expect(nonceOf(second.csp)).toBeTruthy();
    expect(nonceOf(second.csp)).not.toBe(firstNonce);
    expect(scriptSources(first.csp!)).not.toContain("'unsafe-inline'");
    // Next reads the nonce from the request's CSP header; the app can read x-nonce.
    expect(first.requestHeader("content-security-policy")).toBe(first.csp);
    expect(first.requestHeader(NONCE_HEADER)).toBe(firstNonce);
    expect(first.requestHeader("x-frontline-path")).toBe("/inbox");
  });

  it("the sign-in page gets one too; a signed-out page request is only redirected", () => {
    expect(nonceOf(pageRequest("/login", {}).csp)).toBeTruthy();
    const redirect = pageRequest("/reports", {});
    expect(redirect.response.status).toBe(307);
    expect(redirect.response.headers.get("location")).toBe("http://localhost:3000/login?next=%2Freports");
  });
});
