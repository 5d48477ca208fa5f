import { VIEWER } from "./accounts";
import { expect, test } from "./fixtures";

// On a 390 px phone every entry of the main navigation is on screen and opens its page, without sideways scrolling.

test.use({ viewport: { width: 390, height: 844 } });

const ENTRIES = [
  { testId: "nav-inbox", url: /\/inbox$/ },
  { testId: "nav-reports", url: /\/reports/ },
  { testId: "nav-settings", url: /\/settings/ },
  { testId: "nav-troubleshooting", url: /\/troubleshooting$/ },
];

test("an admin reaches Inbox, Reports, Settings and Troubleshooting from the navigation at 390 px", async ({
  page,
}) => {
  await page.goto("/inbox");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const entry of ENTRIES) {
    const link = nav.getByTestId(entry.testId);
    await expect(link).toBeInViewport({ ratio: 1 });
    const box = (await link.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: ".data/shots/nav-390.png" });
  for (const entry of [...ENTRIES].reverse()) {
    await nav.getByTestId(entry.testId).click();
    await expect(page).toHaveURL(entry.url);
    await expect(nav.getByTestId(entry.testId)).toHaveAttribute("aria-current", "page");
  }
});

test.describe("as a viewer", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a viewer reaches Troubleshooting from the navigation at 390 px (Settings is for admins)", async ({ page }) => {
    const signIn = await page.request.post("/api/auth/sign-in/email", {
      data: VIEWER,
      headers: { "x-forwarded-for": "10.77.0.3" },
    });
    expect(signIn.status()).toBe(200);
    await page.goto("/inbox");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByTestId("nav-settings")).toHaveCount(0);
    await expect(nav.getByTestId("nav-troubleshooting")).toBeInViewport({ ratio: 1 });
    await nav.getByTestId("nav-troubleshooting").click();
    await expect(page).toHaveURL(/\/troubleshooting$/);
  });
});
