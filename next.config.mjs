const isDev = process.env.NODE_ENV !== "production";

// Sent with every page and API answer; everything is locked to this origin, and no other site may frame Frontline
// (clickjacking). This is the policy without a nonce, for answers proxy.ts does not see (the API, static files,
// redirects): no inline script at all. Pages get it from proxy.ts instead, with a per-request nonce for Next's
// scripts (lib/security/csp.ts builds both; test/unit/csp.test.ts checks this copy matches).
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "report-uri /api/csp-report",
  "report-to csp-endpoint",
].join("; ");

export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  // Where `report-to csp-endpoint` sends violation reports (browsers with the Reporting API; the others use report-uri).
  { key: "Reporting-Endpoints", value: 'csp-endpoint="/api/csp-report"' },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  // Browsers ignore it over plain HTTP; behind TLS it keeps them on HTTPS.
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled; undici (the pinned
  // connections of custom actions) is loaded as Node loads it.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "undici"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
