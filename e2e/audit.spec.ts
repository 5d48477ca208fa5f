import { randomBytes } from "node:crypto";
import { VIEWER } from "./accounts";
import { expect, test } from "./fixtures";

// Settings → Audit in the browser: an admin changes a setting and replaces a key, and the log shows both, the key only
// as "replaced"; the filter narrows it; a viewer can open neither the page nor its API.

test("Settings → Audit shows a changed setting and a replaced key (never its value) and filters by change", async ({
  page,
}, testInfo) => {
  const stamp = Date.now();
  const firstKey = `sk-audit-e2e-${randomBytes(10).toString("hex")}`;
  const secondKey = `sk-audit-e2e-${randomBytes(10).toString("hex")}`;
  const instructions = `Audit probe ${stamp}: sign off as the Acme team.`;
  const saveAi = async (data: Record<string, unknown>) => {
    const response = await page.request.put("/api/settings/ai", { data });
    expect(response.status(), await response.text()).toBe(200);
  };

  try {
    // A key saved (the model stays the offline one, so the other specs' runs are unaffected).
    await saveAi({ apiKey: firstKey });
    // A setting changed in the page.
    await page.goto("/settings/ai");
    await page.getByTestId("instructions-input").fill(instructions);
    await page.getByTestId("guidance-save").click();
    await expect(page.getByTestId("guidance-saved")).toBeVisible();
    // The key replaced.
    await saveAi({ apiKey: secondKey });

    await page.goto("/settings/audit");
    await expect(page.getByTestId("settings-tab-audit")).toHaveAttribute("aria-current", "page");
    const entries = page.getByTestId("audit-entry");
    await expect(entries.first()).toBeVisible();

    // Newest first: the replaced key, then the instructions.
    const keyRow = entries.nth(0);
    const settingRow = entries.nth(1);
    await expect(keyRow).toHaveAttribute("data-action", "settings.ai.update");
    await expect(keyRow).toContainText("Changed Settings → AI");
    await expect(keyRow.getByTestId("audit-actor")).toHaveText("admin@frontline.local");
    await keyRow.getByRole("button").first().click();
    const keyChange = keyRow.locator('[data-testid="audit-change"][data-field="apiKey"]');
    await expect(keyChange.getByTestId("audit-secret-marker")).toHaveText(["Secret set", "Secret replaced"]);

    await expect(settingRow).toHaveAttribute("data-action", "settings.ai.update");
    await settingRow.getByRole("button").first().click();
    await expect(settingRow.locator('[data-testid="audit-change"][data-field="instructions"]')).toContainText(
      instructions,
    );

    // Neither key, nor any part of it, in the page or in the API's answer.
    const html = await page.content();
    const answer = await (await page.request.get("/api/audit?limit=200")).text();
    for (const key of [firstKey, secondKey]) {
      // The last characters too: the masked hint the AI page shows ("••••" and the end of the key).
      for (const part of [key, key.slice(-4), key.slice(-8)]) {
        expect(html.includes(part), `${part} in the page`).toBe(false);
        expect(answer.includes(part), `${part} in GET /api/audit`).toBe(false);
      }
    }

    await page.screenshot({ path: testInfo.outputPath("settings-audit.png"), fullPage: true });

    // Filtered by one kind of change: only those rows; by another with none of them: the empty state.
    const filtered = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === "/api/audit" &&
        new URL(response.url()).searchParams.get("action") === "settings.ai.update",
    );
    await page.getByTestId("audit-action-filter").selectOption("settings.ai.update");
    await filtered;
    // The earlier rows stay on screen until the filtered ones render: wait for the list to hold only those.
    await expect(page.locator('[data-testid="audit-entry"]:not([data-action="settings.ai.update"])')).toHaveCount(0);
    await expect(entries.first()).toBeVisible();

    await page.getByTestId("audit-actor-filter").fill("nobody-by-this-name");
    await page.getByTestId("audit-filter").click();
    await expect(page.getByTestId("audit-empty")).toContainText("No changes match these filters.");
    await page.getByTestId("audit-empty").getByRole("button", { name: "Clear filters" }).click();
    await expect(page.getByTestId("audit-action-filter")).toHaveValue("");
    await expect(entries.first()).toBeVisible();
  } finally {
    await saveAi({ apiKey: "", instructions: "" });
  }
});

test.describe("as a viewer", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a viewer can open neither Settings → Audit nor GET /api/audit", async ({ page }) => {
    const signIn = await page.request.post("/api/auth/sign-in/email", {
      data: VIEWER,
      headers: { "x-forwarded-for": "10.77.0.61" },
    });
    expect(signIn.status()).toBe(200);
    const refused = await page.request.get("/api/audit");
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
    await page.goto("/settings/audit");
    await expect(page.getByTestId("admin-only")).toContainText("Only admins can open Settings");
    await expect(page.getByTestId("audit-list")).toHaveCount(0);
  });
});
