import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Every route file under app/, found on disk, so a new route is covered by the tests that use this list.
export const DUMMY_ID = "00000000-0000-4000-8000-000000000000";
/** Public on purpose: Front's webhook (signed), the health check, sign-in and better-auth's own endpoints. */
export const EXEMPT = [
  /^\/api\/webhooks\/front$/,
  /^\/api\/health$/,
  /^\/api\/csp-report$/,
  /^\/api\/auth\//,
  /^\/login$/,
];
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export interface RouteOnDisk {
  file: string;
  /** The URL with DUMMY_ID (or "dummy" for a catch-all) in each dynamic segment. */
  url: string;
  /** The URL with each dynamic segment as written on disk, e.g. /api/sessions/[id]. */
  pattern: string;
  kind: "api" | "page";
  methods: string[];
}

export function routesOnDisk(): RouteOnDisk[] {
  const appDir = path.join(process.cwd(), "app");
  const found: RouteOnDisk[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_")) walk(full);
        continue;
      }
      const kind = /^route\.(ts|tsx|js)$/.test(entry.name)
        ? "api"
        : /^page\.(tsx|ts|jsx|js)$/.test(entry.name)
          ? "page"
          : null;
      if (!kind) continue;
      const named = path
        .relative(appDir, dir)
        .split(path.sep)
        .filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith("@"));
      const segments = named.map((segment) =>
        /^\[\[?\.\.\./.test(segment) ? "dummy" : /^\[.+\]$/.test(segment) ? DUMMY_ID : segment,
      );
      const source = readFileSync(full, "utf8");
      const methods =
        kind === "page"
          ? ["GET"]
          : METHODS.filter((method) =>
              new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${method}\\b`).test(source),
            );
      found.push({
        file: path.relative(process.cwd(), full),
        url: `/${segments.join("/")}`,
        pattern: `/${named.join("/")}`,
        kind,
        methods,
      });
    }
  };
  walk(appDir);
  return found;
}

// ---- Roles: what a viewer may do. Everything not listed here is for admins only, so a new route is admin-only
// in the tests until someone decides otherwise. ----

/**
 * API GETs a viewer may read (the Inbox, knowledge, reports, troubleshooting, test sets and their runs). Not the audit
 * log (/api/audit, Settings → Audit): who changed what is for admins only.
 */
export const VIEWER_READABLE_API = [
  "/api/knowledge",
  "/api/knowledge/[id]",
  "/api/knowledge/search",
  "/api/reports",
  "/api/reports/knowledge-gaps",
  "/api/reports/evals",
  "/api/saved-views",
  "/api/sessions",
  "/api/sessions/[id]",
  "/api/troubleshooting/deliveries",
  "/api/troubleshooting/explain",
  "/api/evals",
  "/api/evals/[id]",
  "/api/evals/[id]/cases/[key]",
  "/api/evals/runs/[id]",
];
/** Writes a viewer may make: their own saved Inbox views (personal, like a bookmark). */
export const VIEWER_WRITABLE_API = ["POST /api/saved-views", "DELETE /api/saved-views/[id]"];
/** Pages only admins see: Settings shows a viewer "Only admins can open Settings" instead. */
export const ADMIN_ONLY_PAGE = /^\/settings(\/|$)/;

export function isAdminOnly(route: RouteOnDisk, method: string): boolean {
  if (EXEMPT.some((pattern) => pattern.test(route.url))) return false;
  if (route.kind === "page") return ADMIN_ONLY_PAGE.test(route.pattern);
  if (method !== "GET") return !VIEWER_WRITABLE_API.includes(`${method} ${route.pattern}`);
  return !VIEWER_READABLE_API.includes(route.pattern);
}

/**
 * The route's URL with real ids: `ids` maps each dynamic pattern (e.g. "/api/sessions/[id]") to the URL to use.
 * Throws for a dynamic route without one, so a new dynamic route is noticed rather than tested with a dummy id.
 */
export function realUrl(route: RouteOnDisk, ids: Record<string, string>): string {
  if (!route.pattern.includes("[")) return route.url;
  const url = ids[route.pattern];
  if (!url) throw new Error(`no real id for ${route.pattern} (${route.file}): add one to the test's ids`);
  return url;
}
