import { ensureSamples, expect, test } from "./fixtures";
import { ADMIN } from "./accounts";

// The "done when": a lead signs in, finds a handed-off phone call by the caller's number in under three
// clicks, reads why the AI handed off, and reads the week's handoff rate for phone against email.
test.use({ storageState: { cookies: [], origins: [] } });

test("a lead finds a handed-off call by number, reads why, and compares the week's handoff rates", async ({
  page,
  request,
  simUrl,
}) => {
  await ensureSamples(request, simUrl);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click(); // click 0: signing in
  await expect(page).toHaveURL(/\/inbox/);

  // The caller's number as a person would type it.
  await page.getByRole("searchbox").fill("(415) 555-0123");
  await page.keyboard.press("Enter");
  const row = page.locator('[data-testid="session-row"][data-status="handed_off"][data-channel="voice"]').first();
  await expect(row).toContainText("+14155550123");
  await row.click(); // click 1

  const handoff = page.getByTestId("handoff-card");
  await expect(handoff.getByTestId("handoff-reason")).toHaveAttribute("data-reason", "user_requested_human_assistance");
  await expect(handoff.getByTestId("handoff-summary")).toContainText("charged twice");

  await page.getByTestId("nav-reports").click(); // click 2: the last 7 days is the default range
  await expect(page).toHaveURL(/\/reports/);
  await page.getByTestId("ai-rates-toggle-table").click(); // click 3
  const table = page.getByTestId("ai-rates-table");
  const headers = await table.locator("thead th").allInnerTexts();
  const rateColumn = headers.findIndex((header) => header.trim() === "Handoff rate");
  expect(rateColumn).toBeGreaterThan(0);
  const rateFor = async (channel: string) =>
    (
      await table.locator("tbody tr").filter({ hasText: channel }).first().locator("th, td").nth(rateColumn).innerText()
    ).trim();
  expect(await rateFor("Phone")).toMatch(/^\d+(\.\d+)?%$/);
  expect(await rateFor("Email")).toMatch(/^\d+(\.\d+)?%$/);
  expect(await rateFor("Phone")).not.toBe("0%");
});
