import type { BrowserContext } from "@playwright/test";
import { ADMIN, VIEWER } from "./accounts";
import { expect, test, watchCspViolations } from "./fixtures";

// Settings → Users (issue 15): an admin adds a person, sees the browser they signed in from, signs them out, makes
// them an admin and removes them, and each change reaches that person's open browser on their next click. The
// only admin cannot demote themselves.

const PASSWORD = "a-team-lead-password-7";

/** Signs in through the API from this browser context (its own client address: the per-address limit never interferes). */
async function signInAs(context: BrowserContext, baseURL: string, email: string, ip: string) {
  const origin = new URL(baseURL).origin;
  const response = await context.request.post("/api/auth/sign-in/email", {
    data: { email, password: PASSWORD },
    headers: { "x-forwarded-for": ip, origin },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test("an admin adds a user, signs them out, promotes and removes them, and each change reaches their browser at once", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `lead-${Date.now()}@frontline.local`;
  await page.goto("/settings/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const rows = page.getByTestId("user-row");
  const row = (who: string) => rows.filter({ has: page.getByText(who, { exact: true }) });
  await expect(row(ADMIN.email)).toContainText("You");
  await expect(row(VIEWER.email).getByTestId("user-role")).toHaveValue("viewer");
  // No "Remove" for yourself.
  await expect(row(ADMIN.email).getByTestId("user-remove")).toHaveCount(0);

  await test.step("add a user; the form says what is wrong first", async () => {
    await page.getByTestId("add-user-email").fill(email);
    await page.getByTestId("add-user-name").fill("Team Lead");
    await page.getByTestId("add-user-password").fill("short");
    await page.getByTestId("add-user-submit").click();
    await expect(page.getByTestId("add-user-error")).toContainText("password: must be at least 10 characters");
    await page.getByTestId("add-user-password").fill(PASSWORD);
    await page.getByTestId("add-user-submit").click();
    await expect(page.getByTestId("add-user-done")).toContainText(`Added ${email}.`);
    await expect(row(email).getByTestId("user-role")).toHaveValue("viewer");
    await expect(row(email)).toContainText("0 open sessions");
    // The same email again is refused.
    await page.getByTestId("add-user-email").fill(email.toUpperCase());
    await page.getByTestId("add-user-password").fill(PASSWORD);
    await page.getByTestId("add-user-submit").click();
    await expect(page.getByTestId("add-user-error")).toHaveText(`${email} already has an account.`);
  });

  // The new person's own browser.
  const theirs = await browser.newContext({ baseURL });
  const violations = await watchCspViolations(theirs);
  const theirPage = await theirs.newPage();
  try {
    await test.step("they sign in; the admin sees that browser and signs it out", async () => {
      await signInAs(theirs, baseURL!, email, "10.78.0.11");
      await theirPage.goto("/inbox");
      await expect(theirPage).toHaveURL(/\/inbox/);
      await page.reload();
      await expect(row(email)).toContainText("1 open session");
      await row(email).getByTestId("user-sessions-toggle").click();
      const session = row(email).getByTestId("user-session");
      await expect(session).toHaveCount(1);
      await expect(session).toContainText("Chrome on Linux");
      await expect(session).toContainText("10.78.0.11");
      await page.screenshot({ path: "test-results/screens/settings-users.png", fullPage: true });
      await session.getByTestId("user-session-revoke").click();
      await expect(row(email).getByText("Not signed in anywhere.")).toBeVisible();
      await theirPage.goto("/inbox");
      await expect(theirPage).toHaveURL(/\/login/);
    });

    await test.step("made an admin, they can open Settings at once", async () => {
      await signInAs(theirs, baseURL!, email, "10.78.0.12");
      await theirPage.goto("/settings/front");
      await expect(theirPage.getByTestId("admin-only")).toBeVisible();
      // The picker shows the new role while the change is on its way: wait for the server's answer, then reload.
      const promoted = page.waitForResponse(
        (response) => response.request().method() === "PATCH" && response.url().includes("/api/users/"),
      );
      await row(email).getByTestId("user-role").selectOption("admin");
      expect((await promoted).status()).toBe(200);
      await expect(row(email).getByTestId("user-role")).toHaveValue("admin");
      await theirPage.reload();
      await expect(theirPage.getByTestId("admin-only")).toHaveCount(0);
      await expect(theirPage.getByRole("heading", { name: "Front" }).first()).toBeVisible();
    });

    await test.step("removed, they are signed out on their next click and the row is gone", async () => {
      // Their open page would notice by itself (its next request gets 401) and could be redirecting while this
      // test navigates; leave it first, so the redirect checked below is the one their next click gets.
      await theirPage.goto("about:blank");
      await row(email).getByTestId("user-remove").click();
      await expect(page.getByRole("alertdialog")).toContainText(`Remove ${email}?`);
      await page.getByTestId("user-remove-confirm").click();
      await expect(row(email)).toHaveCount(0);
      expect((await theirs.request.get("/api/sessions?limit=1")).status()).toBe(401);
      await theirPage.goto("/inbox");
      await expect(theirPage).toHaveURL(/\/login/);
    });
    expect(violations).toEqual([]);
  } finally {
    await theirs.close();
  }

  await test.step("the only admin cannot make themselves a viewer", async () => {
    await row(ADMIN.email).getByTestId("user-role").selectOption("viewer");
    await expect(row(ADMIN.email).getByTestId("user-error")).toHaveText(
      "This is the only admin: make another user an admin before you make this one a viewer.",
    );
    await expect(row(ADMIN.email).getByTestId("user-role")).toHaveValue("admin");
  });

  await page.goto("/settings/audit");
  const entries = page.getByTestId("audit-entry");
  await expect(entries.filter({ hasText: "Removed a user" }).filter({ hasText: email })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Changed a user's role" }).filter({ hasText: email })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Signed a user out" }).filter({ hasText: email })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Added a user" }).filter({ hasText: email })).toHaveCount(1);
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("Settings → Users fits the screen, with a person's sessions open", async ({ page }) => {
    await page.goto("/settings/users");
    const me = page.getByTestId("user-row").filter({ hasText: ADMIN.email });
    await me.getByTestId("user-sessions-toggle").click();
    await expect(me.getByTestId("user-session").first()).toBeVisible();
    await expect(me.getByTestId("user-session").filter({ hasText: "This browser" })).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/screens/settings-users-390.png", fullPage: true });
  });
});
