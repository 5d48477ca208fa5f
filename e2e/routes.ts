import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Every route file under app/, found on disk, so a new route is covered by the tests that use this list.
export const DUMMY_ID = "00000000-0000-4000-8000-000000000000";
/** Public on purpose: Front's webhook (signed), the health check, sign-in and better-auth's own endpoints. */
export const EXEMPT = [/^\/api\/webhooks\/front$/, /^\/api\/health$/, /^\/api\/auth\//, /^\/login$/];
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export interface RouteOnDisk {
  file: string;
  url: string;
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
      const kind = /^route\.(ts|tsx|js)$/.test(entry.name) ? "api" : /^page\.(tsx|ts|jsx|js)$/.test(entry.name) ? "page" : null;
      if (!kind) continue;
      const segments = path
        .relative(appDir, dir)
        .split(path.sep)
        .filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith("@"))
        .map((segment) => (/^\[\[?\.\.\./.test(segment) ? "dummy" : /^\[.+\]$/.test(segment) ? DUMMY_ID : segment));
      const source = readFileSync(full, "utf8");
      const methods = kind === "page" ? ["GET"] : METHODS.filter((method) => new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${method}\\b`).test(source));
      found.push({ file: path.relative(process.cwd(), full), url: `/${segments.join("/")}`, kind, methods });
    }
  };
  walk(appDir);
  return found;
}
