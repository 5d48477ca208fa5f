import { adminStorageStatePath, VIEWER } from "./accounts";
import { ensureSamples, expect, test } from "./fixtures";

// A lead's own Inbox views: saved from the current filters under a name, beside the presets, opened, and deleted.
// They are stored per person: a viewer keeps their own, and nobody sees another's.

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request, simUrl }) => {
  await ensureSamples(request, simUrl);
});

test("a lead saves the current filters under a name, opens them from any Inbox view, and deletes them", async ({
  page,
}) => {
  await page.goto("/inbox?channel=voice&status=handed_off&limit=20");
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  await page.getByTestId("save-view").click();
  await page.getByTestId("save-view-name").fill("Phone handoffs");
  await page.getByTestId("save-view-submit").click();
  const saved = page.locator('[data-testid="my-view"][data-view-name="Phone handoffs"]');
  await expect(saved.getByTestId("my-view-link")).toHaveAttribute("aria-current", "page");
  // Saved already: no second offer to save the same filters; focus is back on the page, not lost.
  await expect(page.getByTestId("save-view")).toHaveCount(0);
  await page.screenshot({ path: ".data/shots/inbox-saved-views.png" });

  // From the unfiltered Inbox (a preset), the view brings its filters back, and keeps the page size.
  await page.getByTestId("saved-view").filter({ hasText: "All" }).click();
  await expect(page).toHaveURL(/\/inbox\?limit=20$/);
  await expect(saved.getByTestId("my-view-link")).not.toHaveAttribute("aria-current", "page");
  await saved.getByTestId("my-view-link").click();
  await expect(page).toHaveURL(/channel=voice/);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({ channel: "voice", status: "handed_off", limit: "20" });
  await expect(page.getByTestId("filter-status")).toHaveValue("handed_off");
  await expect(page.getByTestId("filter-channel")).toHaveValue("voice");
  await expect(page.locator('[data-testid="session-row"]:not([data-status="handed_off"])')).toHaveCount(0);

  // It is stored: still there after a reload. A second view of the same name is refused with a reason.
  await page.goto("/inbox?status=failed");
  await expect(saved).toBeVisible();
  await page.getByTestId("save-view").click();
  await page.getByTestId("save-view-name").fill("Phone handoffs");
  await page.getByTestId("save-view-submit").click();
  await expect(page.getByTestId("save-view-error")).toContainText("already have a view named");
  await page.getByRole("button", { name: "Cancel" }).click();

  await saved.getByRole("button", { name: "Delete the view Phone handoffs" }).click();
  await expect(saved).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("session-row").first().or(page.getByTestId("sessions-empty"))).toBeVisible();
  await expect(saved).toHaveCount(0);
});

test.describe("as a viewer", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a viewer keeps views of their own, which the admin does not see", async ({
    page,
    playwright,
    baseURL,
  }, testInfo) => {
    const signIn = await page.request.post("/api/auth/sign-in/email", {
      data: VIEWER,
      headers: { "x-forwarded-for": "10.77.0.4" },
    });
    expect(signIn.status()).toBe(200);
    await page.goto("/inbox?sentiment=angry");
    await page.getByTestId("save-view").click();
    await page.getByTestId("save-view-name").fill("Angry customers");
    await page.getByTestId("save-view-name").press("Enter");
    await expect(page.locator('[data-testid="my-view"][data-view-name="Angry customers"]')).toBeVisible();

    const admin = await playwright.request.newContext({
      baseURL,
      storageState: adminStorageStatePath(testInfo.project.name),
    });
    try {
      const { views } = (await (await admin.get("/api/saved-views")).json()) as { views: { name: string }[] };
      expect(views.map((view) => view.name)).not.toContain("Angry customers");
    } finally {
      await admin.dispose();
    }
    await page
      .locator('[data-testid="my-view"][data-view-name="Angry customers"]')
      .getByTestId("my-view-delete")
      .click();
    await expect(page.getByTestId("my-view")).toHaveCount(0);
  });
});
