import { ensureSamples, expect, test } from "./fixtures";
import { realUrl, routesOnDisk } from "./routes";

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

/** The CSP headers of an answer (one expected), and the script nonce in it. */
function policyOf(headers: { name: string; value: string }[]) {
  const policies = headers
    .filter((header) => header.name.toLowerCase() === "content-security-policy")
    .map((header) => header.value);
  const scriptSrc =
    policies[0]
      ?.split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith("script-src "))
      ?.split(/\s+/)
      .slice(1) ?? [];
  const nonce = scriptSrc.map((source) => /^'nonce-([A-Za-z0-9+/=_-]+)'$/.exec(source)?.[1]).find(Boolean);
  return { policies, scriptSrc, nonce };
}

test("violations are reported to /api/csp-report, which takes a browser's report without a sign-in", async ({
  request,
  playwright,
  baseURL,
}) => {
  const headers = (await request.get("/inbox")).headers();
  expect(headers["content-security-policy"]).toContain("report-uri /api/csp-report");
  expect(headers["content-security-policy"]).toContain("report-to csp-endpoint");
  expect(headers["reporting-endpoints"]).toBe('csp-endpoint="/api/csp-report"');
  const anonymous = await playwright.request.newContext({ baseURL });
  const report = {
    "csp-report": {
      "document-uri": `${baseURL}/inbox`,
      "effective-directive": "script-src-elem",
      "blocked-uri": "inline",
      disposition: "enforce",
    },
  };
  expect(
    (
      await anonymous.post("/api/csp-report", { data: report, headers: { "content-type": "application/csp-report" } })
    ).status(),
  ).toBe(204);
  expect((await anonymous.post("/api/csp-report", { data: { not: "a report" } })).status()).toBe(400);
  await anonymous.dispose();
});

test("API answers allow no inline script at all", async ({ request }) => {
  for (const path of ["/api/health", "/api/sessions?limit=1", "/api/webhooks/front"]) {
    const { policies, scriptSrc } = policyOf((await request.get(path)).headersArray());
    expect(policies, path).toHaveLength(1);
    expect(scriptSrc, path).toEqual(["'self'"]);
  }
});

// Every page on disk (e2e/routes.ts), with real ids for the dynamic ones. The shared fixture fails any browser test
// on a CSP violation; here each page is also checked to have run its scripts and to carry a fresh nonce.
test("every page renders and runs its scripts under a nonce-based CSP, with no violation", async ({
  page,
  request,
  simUrl,
}) => {
  await ensureSamples(request, simUrl);
  const sessionId = ((await (await request.get("/api/sessions?limit=1")).json()) as { sessions: { id: string }[] })
    .sessions[0].id;
  const articleId = ((await (await request.get("/api/knowledge")).json()) as { articles: { id: string }[] }).articles[0]
    .id;
  const created = await request.post("/api/evals", { data: { name: `CSP probe ${Date.now()}` } });
  expect(created.status(), await created.text()).toBe(201);
  const evalSet = ((await created.json()) as { set: { id: string } }).set;
  try {
    expect(
      (
        await request.post(`/api/evals/${evalSet.id}/cases`, {
          data: { jsonl: '{"id":"probe","channel":"sms","input":"Hi","expect":{"outcome":"answer"}}' },
        })
      ).status(),
    ).toBe(200);
    const run = await request.post("/api/evals/runs", { data: { setId: evalSet.id } });
    expect(run.status(), await run.text()).toBe(202);
    const runId = ((await run.json()) as { run: { id: string } }).run.id;
    await expect
      .poll(
        async () =>
          ((await (await request.get(`/api/evals/runs/${runId}`)).json()) as { run: { status: string } }).run.status,
      )
      .toBe("done");
    const ids: Record<string, string> = {
      "/inbox/[id]": `/inbox/${sessionId}`,
      "/settings/knowledge/[id]": `/settings/knowledge/${articleId}`,
      "/evals/[id]": `/evals/${evalSet.id}`,
      "/evals/runs/[id]": `/evals/runs/${runId}`,
    };
    const paths = [
      ...routesOnDisk()
        .filter((route) => route.kind === "page")
        .map((route) => realUrl(route, ids)),
      "/no-such-page",
    ];
    expect(paths.length).toBeGreaterThanOrEqual(15);
    const nonces = new Set<string>();
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response, path).not.toBeNull();
      const { policies, scriptSrc, nonce } = policyOf(await response!.headersArray());
      expect(policies, path).toHaveLength(1);
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, path).toContain("'strict-dynamic'");
      expect(nonce, `${path}: ${policies[0]}`).toBeTruthy();
      nonces.add(nonce!);
      await expect(page.locator("main").first(), path).toBeVisible();
      // Next's inline bootstrap and its chunks ran (a blocked script would leave these unset and log a violation).
      await page.waitForFunction(
        () =>
          document.readyState === "complete" &&
          "next" in window &&
          Array.isArray((self as unknown as { __next_f?: unknown }).__next_f),
      );
    }
    // Every answer had a nonce of its own ("/" and a signed-in "/login" end on the Inbox, a later answer).
    expect(nonces.size).toBe(paths.length);
  } finally {
    await request.delete(`/api/evals/${evalSet.id}`);
  }
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
