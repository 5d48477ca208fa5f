// First line of the sign-in wall for pages: no session cookie, no page (straight to /login?next=…). The cookie
// is only looked at here, not verified; the (dashboard) layout and every API guard check it against the database.
// API routes are left to their guards (401 JSON), and the webhook, health and /api/auth are public.
// Every page also gets its Content-Security-Policy here, with a fresh script nonce (lib/security/csp.ts).
import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie, REQUEST_PATH_HEADER } from "@/lib/auth/cookie";
import { loginPath } from "@/lib/auth/next-path";
import { contentSecurityPolicy, newNonce, NONCE_HEADER } from "@/lib/security/csp";

const PUBLIC_PAGES = new Set(["/login"]);
const CSP_HEADER = "Content-Security-Policy";

/**
 * Lets the page through with a new nonce: on the request, where Next reads it from the CSP header and puts it on
 * its own scripts (and the app may read `x-nonce`), and on the answer, where the browser enforces it.
 */
function nextWithNonce(request: NextRequest, extra: Record<string, string> = {}): NextResponse {
  const nonce = newNonce();
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV !== "production" });
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set(CSP_HEADER, policy);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(CSP_HEADER, policy);
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PAGES.has(pathname)) return nextWithNonce(request);
  const path = `${pathname}${search}`;
  if (!hasSessionCookie(request.cookies)) {
    const [loginPathname, loginSearch = ""] = loginPath(path).split("?");
    const url = request.nextUrl.clone();
    url.pathname = loginPathname;
    url.search = loginSearch ? `?${loginSearch}` : "";
    return NextResponse.redirect(url);
  }
  return nextWithNonce(request, { [REQUEST_PATH_HEADER]: path });
}

export const config = {
  // Every page; not the API, Next's build assets, or the metadata files browsers and crawlers fetch on their own.
  matcher: [
    "/((?!api/|_next/static/|_next/image|favicon\\.ico|icon|apple-icon|robots\\.txt|sitemap\\.xml|manifest\\.webmanifest).*)",
  ],
};
