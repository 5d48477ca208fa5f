import { expect, test } from "./fixtures";

// Security headers on every page and API answer, and pages that work under the Content-Security-Policy.
const PAGES = ["/login", "/inbox", "/reports", "/troubleshooting", "/settings/front", "/settings/ai"];

test("every page and API answer carries the security headers", async ({ request }) => {
  for (const path of [...PAGES, "/api/health", "/api/sessions?limit=1", "/api/webhooks/front"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("object-src 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"], path).toBeUndefined();
  }
});

test("pages render under the Content-Security-Policy without a violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  for (const path of PAGES.slice(1)) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Every script has run (a blocked one would have logged its violation by now).
    await page.waitForFunction(() => document.readyState === "complete");
  }
  expect(violations).toEqual([]);
});

test("the session cookie is HttpOnly and SameSite, never readable by scripts", async ({ page, context }) => {
  await page.goto("/inbox");
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name.includes("session_token"));
  expect(session, cookies.map((cookie) => cookie.name).join(", ")).toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain("session_token");
});
