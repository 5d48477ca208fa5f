import AxeBuilder from "@axe-core/playwright";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { VIEWER } from "./accounts";
import { expect, test } from "./fixtures";

// Settings → Actions from the browser: an admin defines an action with a secret header, sees it masked, edits it,
// tests it against a small server this file starts, turns it off and deletes it. A viewer cannot use the API.
test.describe.configure({ mode: "serial" });

const SECRET = "Bearer e2e-secret-9876";
let orderApi: Server;
let orderApiUrl = "";
const received: { url: string; authorization?: string; team?: string }[] = [];

test.beforeAll(async () => {
  orderApi = createServer((req, res) => {
    received.push({
      url: req.url!,
      authorization: req.headers.authorization,
      team: req.headers["x-team"] as string | undefined,
    });
    if (req.url === "/orders/broken")
      return void res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "order database unavailable" }));
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ order: req.url!.split("/").pop(), status: "shipped", eta: "Friday" }));
  });
  await new Promise<void>((resolve) => orderApi.listen(0, "127.0.0.1", resolve));
  orderApiUrl = `http://127.0.0.1:${(orderApi.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  orderApi.closeAllConnections();
  await new Promise((resolve) => orderApi.close(resolve));
});

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
    ),
  ).toEqual([]);
}

const row = (page: Page) => page.locator('[data-testid="action-row"][data-action-name="order_status"]');

test("an admin creates an action with a secret header, and sees the secret masked", async ({ page }) => {
  // A database kept from an earlier run (the Postgres project) may still hold actions: start from none.
  const existing = (await (await page.request.get("/api/settings/actions")).json()) as { actions: { id: string }[] };
  for (const action of existing.actions)
    expect((await page.request.delete(`/api/settings/actions/${action.id}`)).ok()).toBeTruthy();

  await page.goto("/settings/actions");
  await expect(page.getByRole("heading", { name: "Actions", level: 1 })).toBeVisible();
  await expect(page.getByTestId("actions-empty")).toContainText("No actions yet");
  // The network rule, and the allow-list this app was started with (playwright.config.ts).
  await expect(page.getByTestId("actions-network")).toContainText(
    "Actions cannot reach loopback, private, link-local or other internal addresses",
  );
  await expect(page.getByTestId("actions-allowed-hosts")).toHaveText("127.0.0.1");
  await expectNoSeriousViolations(page);

  await page.getByRole("button", { name: "New action" }).click();
  const form = page.getByTestId("action-form");
  await expect(form.getByLabel("Name", { exact: true })).toBeFocused();
  await form.getByLabel("Name", { exact: true }).fill("order_status");
  await form.getByLabel("Description").fill("Look up an order's shipping status and delivery date by its number.");
  await form.getByLabel("Method").selectOption("GET");

  // The JSON Schema is checked as it is typed.
  const parameters = form.getByLabel("Parameters (JSON Schema)");
  const schema = await parameters.inputValue();
  await parameters.fill('{ "type": "object", ');
  await expect(form.getByTestId("field-error")).toContainText("Not valid JSON");
  await parameters.fill(schema);
  await expect(form.getByTestId("field-error")).toHaveCount(0);

  // A placeholder that is not a parameter is refused by the server, under the URL field.
  await form.getByLabel("URL template").fill(`${orderApiUrl}/orders/{orderId}`);
  await expect(form.getByTestId("url-placeholders")).toHaveText(" Fills: {orderId}.");
  await form.getByRole("button", { name: "Add header" }).click();
  await form.getByLabel("Header 1 name").fill("Authorization");
  await form.getByLabel("Header 1 value").fill(SECRET);
  await form.getByTestId("header-row").nth(0).getByLabel("Secret").check();
  await expect(form.getByLabel("Header 1 value")).toHaveAttribute("type", "password");
  await form.getByRole("button", { name: "Add header" }).click();
  await form.getByLabel("Header 2 name").fill("X-Team");
  await form.getByLabel("Header 2 value").fill("support");
  await form.getByLabel("Timeout (ms)").fill("5000");
  await form.getByRole("button", { name: "Create action" }).click();
  await expect(form.getByTestId("field-error")).toContainText("uses {orderId}, which is not a parameter");
  await expect(form.getByLabel("URL template")).toHaveAttribute("aria-invalid", "true");

  // Loopback by another name than the allowed 127.0.0.1, or the metadata address: refused under the URL field, and why.
  await form.getByLabel("URL template").fill(`${orderApiUrl.replace("127.0.0.1", "localhost")}/orders/{order_id}`);
  await form.getByRole("button", { name: "Create action" }).click();
  await expect(form.getByTestId("field-error")).toHaveText(
    "this action is not allowed to reach that address: localhost is a loopback name. To call your own internal service, add its host to ACTIONS_ALLOWED_HOSTS.",
  );
  await form.getByLabel("URL template").fill("http://169.254.169.254/latest/meta-data/{order_id}");
  await form.getByRole("button", { name: "Create action" }).click();
  await expect(form.getByTestId("field-error")).toContainText("169.254.169.254 is a link-local address");
  await expect(form.getByLabel("URL template")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("URL template").fill(`${orderApiUrl}/orders/{order_id}`);
  await form.getByRole("button", { name: "Create action" }).click();
  await expect(form).toHaveCount(0);

  await expect(row(page)).toBeVisible();
  await expect(row(page).getByTestId("action-method")).toHaveText("GET");
  await expect(row(page).getByTestId("action-url")).toHaveText(`${orderApiUrl}/orders/{order_id}`);
  await expect(row(page).getByTestId("action-channels")).toContainText("All channels");
  await expect(row(page).getByTestId("action-header").filter({ hasText: "Authorization" })).toHaveText(
    "Authorization: ••••9876",
  );
  await expect(row(page).getByTestId("action-header").filter({ hasText: "X-Team" })).toHaveText("X-Team: support");
  await expect(page.locator("body")).not.toContainText("e2e-secret-9876");
  const listed = await (await page.request.get("/api/settings/actions")).text();
  expect(listed).toContain("order_status");
  expect(listed).not.toContain("e2e-secret-9876");
});

test("an admin edits the action without re-entering the secret, and the secret is kept", async ({ page }) => {
  await page.goto("/settings/actions");
  await row(page).getByRole("button", { name: "Edit" }).click();
  const form = page.getByTestId("action-form");
  await expect(form.getByRole("heading", { name: "Edit order_status" })).toBeVisible();
  await expect(form.getByLabel("Header 1 value")).toHaveValue("");
  await expect(form.getByLabel("Header 1 value")).toHaveAttribute(
    "placeholder",
    "Saved: ••••9876 (leave empty to keep)",
  );
  await expectNoSeriousViolations(page);

  await form.getByLabel("Description").fill("Look up where an order is and when it arrives, by its number.");
  await form.getByLabel("SMS").uncheck();
  await form.getByLabel("Web chat").uncheck();
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form).toHaveCount(0);
  await expect(row(page)).toContainText("Look up where an order is and when it arrives");
  await expect(row(page).getByTestId("action-channels")).toContainText("Phone");
  await expect(row(page).getByTestId("action-channels")).not.toContainText("SMS");
  await expect(row(page).getByTestId("action-header").filter({ hasText: "Authorization" })).toHaveText(
    "Authorization: ••••9876",
  );
});

test("an admin tests the action against a real server: success, then an error status", async ({ page }) => {
  await page.goto("/settings/actions");
  await row(page).getByRole("button", { name: "Test" }).click();
  const panel = row(page).getByTestId("action-test");
  await expect(panel.getByLabel("Arguments")).toHaveValue('{\n  "order_id": ""\n}');

  await panel.getByLabel("Arguments").fill('{ "order_id": "A-17" }');
  await panel.getByRole("button", { name: "Call order_status" }).click();
  const result = panel.getByTestId("test-result");
  await expect(result).toHaveAttribute("data-ok", "true");
  await expect(result).toContainText("200 OK");
  await expect(panel.getByTestId("test-body")).toContainText('"status": "shipped"');
  // The secret saved at creation (kept through the edit) reached the server, with the plain header.
  expect(received.at(-1)).toEqual({ url: "/orders/A-17", authorization: SECRET, team: "support" });

  await panel.getByLabel("Arguments").fill('{ "order_id": "broken" }');
  await panel.getByRole("button", { name: "Call order_status" }).click();
  await expect(result).toHaveAttribute("data-ok", "false");
  await expect(result).toContainText("500 error");
  await expect(panel.getByTestId("test-error")).toHaveText(
    'order_status answered 500: {"error":"order database unavailable"}',
  );

  // Arguments that cannot fill the URL are explained, not sent.
  const calls = received.length;
  await panel.getByLabel("Arguments").fill("{}");
  await panel.getByRole("button", { name: "Call order_status" }).click();
  await expect(panel.getByTestId("test-input-error")).toContainText("missing argument 'order_id'");
  expect(received.length).toBe(calls);
});

test("an admin turns the action off, and it stays off", async ({ page }) => {
  await page.goto("/settings/actions");
  const toggle = row(page).getByRole("switch", { name: "order_status enabled" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  const saved = page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname.startsWith("/api/settings/actions/") && response.request().method() === "PUT",
  );
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  expect((await saved).ok()).toBeTruthy();

  await page.reload();
  await expect(row(page)).toHaveAttribute("data-enabled", "false");
  await expect(row(page).getByRole("switch", { name: "order_status enabled" })).toHaveAttribute(
    "aria-checked",
    "false",
  );
});

test("a viewer cannot reach the actions API", async ({ browser, page: adminPage }) => {
  const listed = (await (await adminPage.request.get("/api/settings/actions")).json()) as { actions: { id: string }[] };
  const id = listed.actions[0].id;
  const octet = () => Math.floor(Math.random() * 250) + 1;
  // Signed out, from a client address of its own (sign-in attempts are rate-limited per address).
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}` },
  });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(VIEWER.email);
  await page.getByLabel("Password").fill(VIEWER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox$/);

  const answers = [
    await page.request.get("/api/settings/actions"),
    await page.request.post("/api/settings/actions", { data: { name: "viewer_action" } }),
    await page.request.put(`/api/settings/actions/${id}`, { data: { enabled: true } }),
    await page.request.post(`/api/settings/actions/${id}/test`, { data: { arguments: { order_id: "1" } } }),
    await page.request.delete(`/api/settings/actions/${id}`),
  ];
  for (const answer of answers) {
    expect(answer.status()).toBe(403);
    expect(await answer.json()).toMatchObject({ error: { code: "forbidden" } });
  }
  await page.goto("/settings/actions");
  await expect(page.getByTestId("admin-only")).toContainText("Only admins can open Settings");
  await context.close();
});

test("an admin deletes the action after confirming", async ({ page }) => {
  await page.goto("/settings/actions");
  await row(page).getByRole("button", { name: "Delete" }).click();
  const confirm = row(page).getByRole("alertdialog", { name: "Delete order_status?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row(page)).toBeVisible();

  await row(page).getByRole("button", { name: "Delete" }).click();
  await row(page).getByRole("button", { name: "Delete action" }).click();
  await expect(row(page)).toHaveCount(0);
  await expect(page.getByTestId("actions-empty")).toBeVisible();
  expect(((await (await page.request.get("/api/settings/actions")).json()) as { actions: unknown[] }).actions).toEqual(
    [],
  );
});
