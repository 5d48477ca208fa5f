import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page, Response } from "@playwright/test";
import { ADMIN, adminStorageStatePath, VIEWER } from "./accounts";
import { ensureSamples, expect, test as base } from "./fixtures";
import { EXEMPT, isAdminOnly, realUrl, routesOnDisk } from "./routes";

// Sign-in, sign-out and roles, from a browser that starts signed out. Each test comes from a client address of
// its own (X-Forwarded-For), so its sign-in attempts have their own rate-limit budget.
const test = base.extend({
  extraHTTPHeaders: async ({}, provide) => {
    const octet = () => Math.floor(Math.random() * 250) + 1;
    await provide({ "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}` });
  },
});
test.use({ storageState: { cookies: [], origins: [] } });

const SIGN_IN_API = "/api/auth/sign-in/email";

/** Opens the user menu. A click that lands before the page has hydrated does nothing, so it is tried again until the panel shows. */
async function openUserMenu(page: Page): Promise<void> {
  await expect(async () => {
    const button = page.getByTestId("user-menu-button");
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    await expect(page.getByTestId("sign-out")).toBeVisible({ timeout: 1_000 });
  }).toPass();
}

/** Fills the sign-in form and submits it; resolves with the sign-in API's answer. */
async function signIn(page: Page, account: { email: string; password: string }): Promise<Response> {
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => new URL(candidate.url()).pathname === SIGN_IN_API),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  return response;
}

test("a signed-out visit to a page goes to the sign-in page, which has no serious accessibility violation", async ({
  page,
}) => {
  await page.goto("/troubleshooting?conversation=cnv_abc");
  await expect(page).toHaveURL(/\/login\?next=%2Ftroubleshooting%3Fconversation%3Dcnv_abc$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login$/);
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => violation.id),
  ).toEqual([]);
});

test("every page names its icon, served without a sign-in: no 404 for a favicon in the console", async ({
  page,
  request,
}) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(new URL(response.url()).pathname);
  });
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!, { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(missing).toEqual([]);
});

test("a wrong password shows an error and stays on the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, { email: ADMIN.email, password: "not-the-password" });
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/login$/);
});

test("the admin signs in to the Inbox; signing out goes back to sign-in and locks the Inbox again", async ({
  page,
}) => {
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await expect(page.getByTestId("nav-settings")).toBeVisible();
  await expect(page.getByTestId("nav-reports")).toHaveAttribute("href", "/reports");

  await openUserMenu(page);
  await expect(page.getByTestId("user-email")).toHaveText(ADMIN.email);
  await expect(page.getByTestId("user-role")).toHaveText("Admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get("/api/sessions")).status()).toBe(401);
});

test("signing in returns to the page that asked for it", async ({ page }) => {
  await page.goto("/troubleshooting");
  await expect(page).toHaveURL(/\/login\?next=%2Ftroubleshooting$/);
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/troubleshooting$/);
  await expect(page.getByRole("heading", { name: "Troubleshooting" })).toBeVisible();
});

test("a viewer reads the Inbox and a session, but cannot open Settings or change anything", async ({
  page,
  simUrl,
}) => {
  await page.goto("/login");
  await signIn(page, VIEWER);
  await expect(page).toHaveURL(/\/inbox$/);
  const list = (await (await page.request.get("/api/sessions?limit=1")).json()) as { sessions: unknown[] };
  if (list.sessions.length === 0) expect((await page.request.post(`${simUrl}/_sim/samples`)).ok()).toBeTruthy();

  await expect(page.getByTestId("nav-settings")).toHaveCount(0);
  await openUserMenu(page);
  await expect(page.getByTestId("user-role")).toHaveText("Viewer");
  await page.keyboard.press("Escape");

  await page.getByTestId("session-row").first().click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("session-header")).toBeVisible();

  await page.goto("/settings/front");
  const adminOnly = page.getByTestId("admin-only");
  await expect(adminOnly).toHaveAttribute("role", "alert");
  await expect(adminOnly).toContainText("Only admins can open Settings");
  await expect(page.getByTestId("checklist-step")).toHaveCount(0);

  // Every admin action the API has is refused to a viewer in the test below.
  expect((await page.request.put("/api/settings/front", { data: { handleUnassigned: true } })).status()).toBe(403);
});

test("too many sign-in attempts are refused with their own message, even with the right password", async ({ page }) => {
  await page.goto("/login");
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const response = await signIn(page, { email: ADMIN.email, password: `wrong-password-${attempt}` });
    expect(response.status()).toBe(401);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  }
  const refused = await signIn(page, ADMIN);
  expect(refused.status()).toBe(429);
  await expect(page.getByTestId("sign-in-error")).toContainText("Too many sign-in attempts");
  await expect(page.getByTestId("sign-in-error")).toHaveAttribute("role", "alert");
  await expect(page).toHaveURL(/\/login$/);
});

// ---- Every route on disk must refuse a signed-out request, so a new route that forgets its guard fails here. ----

test("every page and API route refuses a signed-out request (no cookie, or a forged one), except the public ones", async ({
  request,
}) => {
  const routes = routesOnDisk();
  const exempt = routes.filter((route) => EXEMPT.some((pattern) => pattern.test(route.url)));
  expect(exempt.map((route) => route.url).sort()).toEqual([
    "/api/auth/dummy",
    "/api/csp-report",
    "/api/health",
    "/api/webhooks/front",
    "/login",
  ]);
  const guarded = routes.filter((route) => !exempt.includes(route));
  expect(guarded.filter((route) => route.kind === "api").length).toBeGreaterThanOrEqual(6);
  expect(guarded.filter((route) => route.kind === "page").length).toBeGreaterThanOrEqual(5);

  const failures: string[] = [];
  for (const route of guarded) {
    if (route.methods.length === 0) failures.push(`${route.file}: exports no HTTP method this test recognises`);
    for (const method of route.methods) {
      for (const cookie of [undefined, "frontline.session_token=forged.c2lnbmF0dXJl"]) {
        const label = `${method} ${route.url} (${route.file}, ${cookie ? "forged cookie" : "no cookie"})`;
        const headers = {
          accept: route.kind === "api" ? "application/json" : "text/html",
          ...(cookie ? { cookie } : {}),
        };
        if (route.kind === "api") {
          const response = await request.fetch(route.url, {
            method,
            headers,
            maxRedirects: 0,
            ...(method === "GET" ? {} : { data: {} }),
          });
          const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
          if (response.status() !== 401 || body?.error?.code !== "unauthorized")
            failures.push(`${label}: ${response.status()} ${JSON.stringify(body)?.slice(0, 120)}`);
        } else {
          const response = await request.get(route.url, { headers });
          const landed = new URL(response.url());
          if (landed.pathname !== "/login")
            failures.push(`${label}: ended at ${landed.pathname} with ${response.status()}`);
        }
      }
    }
  }
  expect(failures).toEqual([]);
});

// ---- A viewer cannot reach any admin action: every admin-only handler on disk (e2e/routes.ts says which) answers a
// viewer 403 and a signed-out request 401, with real ids and bodies that would work for an admin, and nothing changes. ----

/** A body that an admin's request would succeed with, for each admin action (null: it takes none). */
const ADMIN_ACTION_BODIES: Record<string, unknown> = {
  "POST /api/agent/dry-run": { source: { kind: "transcript", transcript: "Where is my order?", channel: "sms" } },
  "POST /api/knowledge": { title: "Written by a viewer", body: "A viewer must not be able to add this." },
  "PUT /api/knowledge/[id]": { title: "Changed by a viewer", body: "A viewer must not be able to change this." },
  "DELETE /api/knowledge/[id]": null,
  "POST /api/knowledge/import": {
    files: [{ name: "viewer.md", content: "# Imported by a viewer\n\nA viewer must not be able to import this." }],
  },
  "POST /api/settings/actions": {
    name: "viewer_added",
    description: "An action a viewer must not be able to add.",
    parameters: { type: "object", properties: {} },
    method: "GET",
    urlTemplate: "http://127.0.0.1:9/viewer",
  },
  "PUT /api/settings/actions/[id]": { description: "Changed by a viewer, which must not happen." },
  "DELETE /api/settings/actions/[id]": null,
  "POST /api/settings/actions/[id]/test": { arguments: {} },
  "PUT /api/settings/ai": { instructions: "Changed by a viewer." },
  "POST /api/settings/ai/check": null,
  "PUT /api/settings/front": { handleUnassigned: false, enabled: false },
  "POST /api/settings/front/scopes/check": null,
  "DELETE /api/settings/sample-data": null,
  "POST /api/troubleshooting/events/[id]/rerun": null,
  "POST /api/evals": { name: "Made by a viewer" },
  "DELETE /api/evals/[id]": null,
  "POST /api/evals/[id]/cases": { jsonl: '{"id":"viewer","channel":"sms","input":"Hi","expect":{"outcome":"answer"}}' },
  "DELETE /api/evals/[id]/cases/[key]": null,
  "POST /api/evals/runs": { setId: "00000000-0000-4000-8000-000000000000" },
  "POST /api/evals/runs/[id]/cancel": null,
  "POST /api/contacts/erase": { handle: "+14155550100" },
  "POST /api/users": { email: "made-by-a-viewer@frontline.local", password: "a-viewer-made-this-1", role: "admin" },
  "PATCH /api/users/[id]": { role: "admin" },
  "DELETE /api/users/[id]": null,
  "DELETE /api/users/[id]/sessions": null,
  "DELETE /api/users/[id]/sessions/[sessionId]": null,
};

/** What the admin sees of everything an admin action could change. */
async function adminState(admin: APIRequestContext, articleId: string, actionId: string): Promise<unknown> {
  const read = async (url: string) => {
    const response = await admin.get(url);
    expect(response.status(), url).toBe(200);
    return response.json();
  };
  return {
    front: (await read("/api/settings/front")).values,
    ai: (await read("/api/settings/ai")).values,
    actions: await read("/api/settings/actions"),
    action: ((await read("/api/settings/actions")).actions as { id: string }[]).find(
      (action) => action.id === actionId,
    ),
    knowledge: await read("/api/knowledge"),
    article: await read(`/api/knowledge/${articleId}`),
    sampleSessions: (await read("/api/settings/sample-data")).sampleSessions,
    evals: await read("/api/evals"),
    users: ((await read("/api/users")).users as { email: string; role: string; openSessions: number }[]).map(
      ({ email, role, openSessions }) => ({ email, role, openSessions }),
    ),
    // A refused request leaves no row in the audit log either.
    audit: (await read("/api/audit?limit=20")).entries,
  };
}

test("a viewer gets 403 and a signed-out request 401 from every admin action and admin-only read, and nothing changes", async ({
  playwright,
  request,
  baseURL,
  simUrl,
}, testInfo) => {
  const admin = await playwright.request.newContext({
    baseURL,
    storageState: adminStorageStatePath(testInfo.project.name),
  });
  const viewer = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { origin: baseURL!, "x-forwarded-for": `10.9.${Math.floor(Math.random() * 250)}.7` },
  });
  expect((await viewer.post(SIGN_IN_API, { data: VIEWER })).status()).toBe(200);
  await ensureSamples(request, simUrl);

  // Real ids, so a missing guard would act on something that exists.
  const articleId = ((await (await admin.get("/api/knowledge")).json()) as { articles: { id: string }[] }).articles[0]
    .id;
  const created = await admin.post("/api/settings/actions", {
    data: { ...(ADMIN_ACTION_BODIES["POST /api/settings/actions"] as object), name: "viewer_probe" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const actionId = ((await created.json()) as { action: { id: string } }).action.id;
  const lastEventId = async () =>
    ((await (await admin.get("/api/troubleshooting/deliveries?limit=1")).json()) as { deliveries: { id: number }[] })
      .deliveries[0]?.id;
  await expect.poll(lastEventId).toBeGreaterThan(0);
  const eventId = (await lastEventId())!;
  const evalSet = (
    (await (await admin.post("/api/evals", { data: { name: `Viewer probe ${Date.now()}` } })).json()) as {
      set: { id: string };
    }
  ).set;
  expect(
    (
      await admin.post(`/api/evals/${evalSet.id}/cases`, {
        data: { jsonl: '{"id":"probe","channel":"sms","input":"Hi","expect":{"outcome":"answer"}}' },
      })
    ).status(),
  ).toBe(200);
  const evalRun = (
    (await (await admin.post("/api/evals/runs", { data: { setId: evalSet.id } })).json()) as { run: { id: string } }
  ).run;
  await expect
    .poll(
      async () =>
        ((await (await admin.get(`/api/evals/runs/${evalRun.id}`)).json()) as { run: { status: string } }).run.status,
    )
    .toBe("done");
  const viewerId = (
    (await (await admin.get("/api/users")).json()) as { users: { id: string; email: string }[] }
  ).users.find((user) => user.email === VIEWER.email)!.id;
  const viewerSessionId = (
    (await (await admin.get(`/api/users/${viewerId}/sessions`)).json()) as { sessions: { id: string }[] }
  ).sessions[0].id;
  const ids: Record<string, string> = {
    "/api/evals/[id]": `/api/evals/${evalSet.id}`,
    "/api/evals/[id]/cases": `/api/evals/${evalSet.id}/cases`,
    "/api/evals/[id]/cases/[key]": `/api/evals/${evalSet.id}/cases/probe`,
    "/api/evals/runs/[id]/cancel": `/api/evals/runs/${evalRun.id}/cancel`,
    "/api/knowledge/[id]": `/api/knowledge/${articleId}`,
    "/api/settings/actions/[id]": `/api/settings/actions/${actionId}`,
    "/api/settings/actions/[id]/test": `/api/settings/actions/${actionId}/test`,
    "/api/troubleshooting/events/[id]/rerun": `/api/troubleshooting/events/${eventId}/rerun`,
    "/settings/knowledge/[id]": `/settings/knowledge/${articleId}`,
    // The viewer's own account and session: a missing guard would let them promote, sign out or remove themselves.
    "/api/users/[id]": `/api/users/${viewerId}`,
    "/api/users/[id]/sessions": `/api/users/${viewerId}/sessions`,
    "/api/users/[id]/sessions/[sessionId]": `/api/users/${viewerId}/sessions/${viewerSessionId}`,
  };

  try {
    const before = await adminState(admin, articleId, actionId);
    const routes = routesOnDisk();
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      for (const method of route.methods.filter((candidate) => isAdminOnly(route, candidate))) {
        const url = realUrl(route, ids);
        checked += 1;
        if (route.kind === "page") {
          // A settings page answers a viewer with "Only admins can open Settings" instead of the page.
          const html = await (await viewer.get(url)).text();
          if (!html.includes('data-testid="admin-only"'))
            failures.push(`viewer GET ${url} (${route.file}): the page did not say it is for admins only`);
          continue;
        }
        const key = `${method} ${route.pattern}`;
        if (method !== "GET" && !(key in ADMIN_ACTION_BODIES))
          failures.push(`${key} (${route.file}): add a body an admin would succeed with to ADMIN_ACTION_BODIES`);
        const body = ADMIN_ACTION_BODIES[key];
        const options = { method, maxRedirects: 0, ...(body ? { data: body } : {}) };
        for (const [who, context, status, code] of [
          ["viewer", viewer, 403, "forbidden"],
          ["signed out", request, 401, "unauthorized"],
        ] as const) {
          const response = await context.fetch(url, options);
          const answer = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
          if (response.status() !== status || answer?.error?.code !== code)
            failures.push(
              `${who} ${method} ${url} (${route.file}): ${response.status()} ${JSON.stringify(answer)?.slice(0, 120)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(await adminState(admin, articleId, actionId)).toEqual(before);
  } finally {
    await admin.delete(`/api/evals/${evalSet.id}`);
    await admin.delete(`/api/settings/actions/${actionId}`);
    await admin.dispose();
    await viewer.dispose();
  }
});
