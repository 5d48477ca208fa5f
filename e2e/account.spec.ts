import type { APIRequestContext } from "@playwright/test";
import { VIEWER } from "./accounts";
import { expect, test } from "./fixtures";

// Changing one's own password (issue 15): the form says what is wrong before and after sending, a changed password
// works at once and the old one no longer does. The viewer's password is put back whatever happens.

test.use({ storageState: { cookies: [], origins: [] } });

const NEW_PASSWORD = "a-new-viewer-password-42";
const signIn = (request: APIRequestContext, password: string, ip: string) =>
  request.post("/api/auth/sign-in/email", {
    data: { email: VIEWER.email, password },
    headers: { "x-forwarded-for": ip },
  });

test("a viewer changes their password from the account page", async ({ page, playwright, baseURL }) => {
  expect((await signIn(page.request, VIEWER.password, "10.77.0.51")).status()).toBe(200);
  try {
    await page.goto("/inbox");
    await page.getByTestId("user-menu-button").click();
    await page.getByTestId("account-link").click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId("account-email")).toHaveText(`Signed in as ${VIEWER.email}`);

    const fill = async (current: string, next: string, repeat: string) => {
      await page.getByTestId("password-current").fill(current);
      await page.getByTestId("password-next").fill(next);
      await page.getByTestId("password-repeat").fill(repeat);
      await page.getByTestId("change-password-submit").click();
    };
    const message = page.getByTestId("change-password-message");
    await fill(VIEWER.password, "short", "short");
    await expect(message).toHaveText("The new password needs at least 10 characters.");
    await fill(VIEWER.password, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    await expect(message).toHaveText("The two new passwords differ.");
    await fill("not-the-password", NEW_PASSWORD, NEW_PASSWORD);
    await expect(message).toHaveText("The current password is wrong.");
    await fill(VIEWER.password, NEW_PASSWORD, NEW_PASSWORD);
    await expect(message).toHaveText("Password changed. Your other sessions are signed out.");
    await page.screenshot({ path: "test-results/screens/account.png" });

    const fresh = await playwright.request.newContext({ baseURL });
    expect((await signIn(fresh, VIEWER.password, "10.77.0.52")).status()).toBe(401);
    expect((await signIn(fresh, NEW_PASSWORD, "10.77.0.53")).status()).toBe(200);
    await fresh.dispose();
  } finally {
    // Put the viewer's password back for every other spec, from a session signed in with whichever one works now.
    const restore = await playwright.request.newContext({ baseURL });
    if ((await signIn(restore, NEW_PASSWORD, "10.77.0.54")).status() === 200) {
      const back = await restore.post("/api/auth/change-password", {
        data: { currentPassword: NEW_PASSWORD, newPassword: VIEWER.password },
        headers: { origin: new URL(baseURL!).origin },
      });
      expect(back.status()).toBe(200);
    }
    await restore.dispose();
  }
});
