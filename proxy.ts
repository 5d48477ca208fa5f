// First line of the sign-in wall for pages: no session cookie, no page (straight to /login?next=…). The cookie
// is only looked at here, not verified; the (dashboard) layout and every API guard check it against the database.
// API routes are left to their guards (401 JSON), and the webhook, health and /api/auth are public.
import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie, REQUEST_PATH_HEADER } from "@/lib/auth/cookie";
import { loginPath } from "@/lib/auth/next-path";

const PUBLIC_PAGES = new Set(["/login"]);

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PAGES.has(pathname)) return NextResponse.next();
  const path = `${pathname}${search}`;
  if (!hasSessionCookie(request.cookies)) {
    const [loginPathname, loginSearch = ""] = loginPath(path).split("?");
    const url = request.nextUrl.clone();
    url.pathname = loginPathname;
    url.search = loginSearch ? `?${loginSearch}` : "";
    return NextResponse.redirect(url);
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Every page; not the API, Next's build assets, or the metadata files browsers and crawlers fetch on their own.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico|icon|apple-icon|robots\\.txt|sitemap\\.xml|manifest\\.webmanifest).*)"],
};
